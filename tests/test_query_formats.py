"""Result writers (W3C JSON, XML, CSV, TSV, text table) and the SPARQL text scanner."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET

import pytest

from kg.query import formats
from kg.query.sparql_text import (
    explain_syntax_error,
    query_form,
    scrub,
    update_keyword,
    uses_service,
)

XSD = "http://www.w3.org/2001/XMLSchema#"
COLUMNS = ["who", "said", "when"]
ROWS = [
    {"who": {"type": "uri", "value": "https://geokg.org/id/C%C3%B4te_d%27Ivoire"},
     "said": {"type": "literal", "value": 'He said "no",\nthen\tleft', "xml:lang": "en"},
     "when": {"type": "literal", "value": "2023-08-02", "datatype": XSD + "date"}},
    {"who": {"type": "bnode", "value": "b0"}},
]


def test_formats_json_is_the_w3c_shape():
    data = json.loads(formats.to_json(COLUMNS, ROWS))
    assert data["head"]["vars"] == COLUMNS and data["results"]["bindings"] == ROWS
    assert json.loads(formats.boolean_json(True)) == {"head": {}, "boolean": True}


def test_formats_xml_parses_and_escapes():
    ns = {"r": formats.RESULTS_NS}
    root = ET.fromstring(formats.to_xml(COLUMNS, ROWS))
    assert [v.get("name") for v in root.findall("r:head/r:variable", ns)] == COLUMNS
    said = root.find("r:results/r:result/r:binding[@name='said']/r:literal", ns)
    assert said.text == 'He said "no",\nthen\tleft' and said.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"
    assert root.find("r:results/r:result[2]/r:binding/r:bnode", ns).text == "b0"
    assert ET.fromstring(formats.boolean_xml(False)).find("r:boolean", ns).text == "false"


def test_formats_csv_plain_values_quoted_crlf():
    text = formats.to_csv(COLUMNS, ROWS)
    assert text.startswith("who,said,when\r\n")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[1] == ["https://geokg.org/id/C%C3%B4te_d%27Ivoire", 'He said "no",\nthen\tleft', "2023-08-02"]
    assert rows[2] == ["_:b0", "", ""]


def test_formats_tsv_terms_in_ntriples_syntax():
    lines = formats.to_tsv(COLUMNS, ROWS).splitlines()
    assert lines[0] == "?who\t?said\t?when"
    assert lines[1].split("\t") == ["<https://geokg.org/id/C%C3%B4te_d%27Ivoire>",
                                    '"He said \\"no\\",\\nthen\\tleft"@en', f'"2023-08-02"^^<{XSD}date>']
    assert lines[2] == "_:b0\t\t"
    assert formats.boolean_text(True, "tsv") == "?_askResult\ntrue\n"


def test_formats_table_fits_the_width_and_compacts_iris():
    prefixes = {"id": "https://geokg.org/id/"}
    text = formats.table(COLUMNS, ROWS, width=40, prefixes=prefixes)
    lines = text.splitlines()
    assert lines[0].split() == COLUMNS and all(len(line) <= 40 for line in lines)
    assert lines[2].startswith("id:Côte_d'I") and "…" in lines[2]
    assert formats.compact("https://geokg.org/id/doc/wire-1", prefixes) == "https://geokg.org/id/doc/wire-1"


@pytest.mark.parametrize("text", [
    "SELECT * WHERE { SERVICE <http://x/> { ?s ?p ?o } }",
    "select * where { service silent <http://x/> { ?s ?p ?o } }",
    "SELECT * WHERE { ?s ?p ?o .SERVICE<http://x/>{ ?a ?b ?c } }",
    "SELECT * WHERE { ?s ?p ?o FILTER(1<2)SERVICE<http://x/>{} }",
    "SELECT * WHERE { \\u0053ERVICE <http://x/> { ?s ?p ?o } }",
    'SELECT * WHERE { ?s ?p "a#" . SERVICE <http://x/> {} }',
    "SELECT * WHERE { ?s ?p <http://x/#> . SERVICE ?endpoint {} }",
])
def test_scanner_finds_service_however_written(text):
    assert uses_service(text)


@pytest.mark.parametrize("text", [
    "SELECT ?service WHERE { ?service ?p 'SERVICE' }  # SERVICE in a comment",
    "PREFIX service: <http://x/> SELECT * WHERE { ?s service:SERVICE <http://x/SERVICE> }",
    'SELECT * WHERE { ?s ?p """a long\nSERVICE string""" }',
])
def test_scanner_ignores_service_in_names_strings_and_comments(text):
    assert not uses_service(text)


@pytest.mark.parametrize("text, keyword", [
    ("INSERT DATA { <a:b> <a:c> <a:d> }", "INSERT"),
    ("PREFIX ex: <http://ex/>\n# comment\n  delete where { ?s ?p ?o }", "DELETE"),
    ("BASE <http://ex/> LOAD <http://evil/data.ttl>", "LOAD"),
    ("DROP ALL", "DROP"), ("CLEAR DEFAULT", "CLEAR"), ("WITH <g:1> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }", "WITH"),
    ("\\u0049NSERT DATA { <a:b> <a:c> <a:d> }", "INSERT"),
])
def test_scanner_finds_updates(text, keyword):
    assert update_keyword(text) == keyword


def test_scanner_query_forms_and_positions():
    assert query_form("PREFIX a: <http://x/#>\n# DELETE\nselect * {}") == "SELECT"
    assert query_form("BASE <http://x/> CONSTRUCT WHERE { ?s ?p ?o }") == "CONSTRUCT"
    assert update_keyword("SELECT * WHERE { ?s <http://x/INSERT> 'DELETE' }") is None
    text = 'SELECT "a#b" <x:y> # c\n?z'
    assert len(scrub(text)) == len(text) and scrub(text).endswith("\n?z")


def test_scanner_explains_parser_positions():
    text = "SELECT ?x WHERE {\n  ?x ?y\n}"
    explained = explain_syntax_error("error at 3:1: expected OPTIONAL", text)
    assert explained == "line 3, column 1: expected OPTIONAL (near '}')"
    assert explain_syntax_error("error at 1:3: bad", "SELEC x") == "column 3: bad (near 'SELEC x')"
    assert explain_syntax_error("no position", text) == "no position"
