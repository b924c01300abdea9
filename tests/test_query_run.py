"""The Python API: `kg.query.run` / `query` / `run_saved`, results as rows a notebook can use."""

from __future__ import annotations

import datetime as dt
import json

import pytest
import test_query_world
from rdflib import Graph, Literal, URIRef
from test_query_world import BASE

import kg.query
from kg.query import QueryError, QueryResult, query, run, run_saved
from kg.query.run import inject_values, values_block

world, world_path = test_query_world.world, test_query_world.world_path  # the shared fixtures

SUPPORTS = "SELECT ?who ?whom WHERE { ?who geo:supports ?whom } ORDER BY ?who ?whom"


def test_run_select_rows_columns_and_dicts(world):
    result = run(world, SUPPORTS)
    assert isinstance(result, QueryResult) and result.kind == "SELECT"
    assert result.columns == ["who", "whom"]
    assert (BASE + "Algeria", BASE + "Mohamed_Bazoum") in result.rows
    assert result.to_dicts()[0].keys() == {"who", "whom"}
    assert list(result) == result.to_dicts() and len(result) == len(result.rows)


def test_run_python_values_for_a_dataframe(world):
    row = run(world, "SELECT ?date ?confidence ?start ?sentence WHERE { ?a geo:evidence ?sentence ; "
                     "dcterms:date ?date ; geo:confidence ?confidence ; geo:startOffset ?start } "
                     "ORDER BY ?date LIMIT 1").to_dicts()[0]
    assert row == {"date": dt.date(2023, 2, 1), "confidence": 0.8, "start": 195,
                   "sentence": "Emmanuel Macron visited Niger in February."}


def test_run_to_dataframe(world):
    pandas = pytest.importorskip("pandas")
    frame = run(world, SUPPORTS).to_dataframe()
    assert isinstance(frame, pandas.DataFrame) and list(frame.columns) == ["who", "whom"]


def test_run_unbound_values_are_none(world):
    rows = run(world, "SELECT ?e ?qid WHERE { ?e a geo:Person OPTIONAL { ?e owl:sameAs ?qid } } ORDER BY ?e").rows
    assert (BASE + "Abdelmadjid_Tebboune", None) in rows
    assert (BASE + "Mohamed_Bazoum", "http://www.wikidata.org/entity/Q3318096") in rows


def test_run_ask_and_construct(world):
    assert run(world, "ASK { ?s geo:attacks ?o }").boolean is True
    assert not run(world, "ASK { ?s geo:sanctions ?o }")
    graph = run(world, "CONSTRUCT WHERE { ?s geo:criticizes ?o }").graph
    assert isinstance(graph, Graph) and (URIRef(BASE + "Mali"), None, None) in graph and len(graph) == 2


def test_run_bindings_are_rdf_terms(world):
    who = run(world, "SELECT ?who WHERE { ?who geo:supports ?whom }", whom=URIRef(BASE + "Niger")).rows
    assert who == [(BASE + "C%C3%B4te_d%27Ivoire",)]
    titled = run(world, "SELECT ?d WHERE { ?d dcterms:title ?t }", t="Algiers talks").rows
    assert titled == [(BASE + "doc/wire-3",)]
    after = run(world, "SELECT ?d WHERE { ?d a geo:Document ; dcterms:date ?when FILTER(?when > ?day) }",
                day=dt.date(2023, 9, 1)).rows
    assert sorted(after) == [(BASE + "doc/daily-2",), (BASE + "doc/wire-3",)]


def test_run_binding_is_seen_by_filters_like_initbindings(world):
    text = "SELECT ?who WHERE { ?who geo:supports ?whom FILTER(!BOUND(?only) || ?who = ?only) }"
    assert len(run(world, text).rows) == 4
    assert run(world, text, only=URIRef(BASE + "Russia")).rows == [(BASE + "Russia",)]


def test_run_values_block_escapes_every_term():
    block = values_block({"a": Literal('x" } DROP ALL #\n'), "b": URIRef(BASE + "A B")})
    assert block == 'VALUES (?a ?b) { ("x\\" } DROP ALL #\\n" <https://geokg.org/id/A\\u0020B>) }'
    assert inject_values("SELECT * { ?s ?p ?o }", {"a": Literal(1)}) is None
    assert inject_values("CONSTRUCT WHERE { ?s ?p ?o }", {"a": Literal(1)}) is None
    nested = inject_values("SELECT * WHERE { { SELECT ?s WHERE { ?s ?p ?o } } } # WHERE {",
                           {"s": URIRef(BASE)}, every=True)
    assert nested.count("VALUES (?s)") == 2
    assert inject_values("SELECT * { { SELECT ?s WHERE { ?s ?p ?o } } }", {"s": URIRef(BASE)}) is None


def test_run_also_takes_a_store_path_and_is_the_callable_module(world_path):
    assert run(str(world_path), "ASK { ?s geo:borders ?o }").boolean is True
    assert kg.query(str(world_path), "ASK { ?s geo:visits ?o }").boolean is True
    assert query is run


def test_run_invalid_sparql_names_the_problem(world):
    with pytest.raises(QueryError, match=r"E150 invalid SPARQL in the query: line 3, column 1: expected .*near '}'"):
        run(world, "SELECT ?x WHERE {\n  ?x geo:supports \n}")
    with pytest.raises(QueryError, match=r"E159 The query is a SPARQL Update \(INSERT\)"):
        run(world, "PREFIX ex: <http://example.org/>\n# add one\nINSERT DATA { ex:a ex:b ex:c }")


def test_run_serializations(world):
    result = run(world, SUPPORTS)
    data = json.loads(result.serialize("json"))
    assert data["head"]["vars"] == ["who", "whom"] and len(data["results"]["bindings"]) == 4
    assert result.serialize("csv").startswith("who,whom\r\nhttps://geokg.org/id/Algeria,")
    assert "Algeria" in result.table() and "id:Algeria" in result.table()
    assert "<table>" in result._repr_html_()


def test_run_saved_result_is_the_same_kind_of_object(world):
    result = run_saved(world, "supporters", actor="Niger")
    assert result.columns[0] == "supporter" and result.rows[0][0] == "Côte d'Ivoire"
