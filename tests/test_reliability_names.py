"""Hostile names (issue 9): quotes, angle brackets, newlines, `#`, spaces, emoji and very long
strings as entity names, aliases, titles and evidence give valid IRIs and literals; every export
parses with rdflib, pyoxigraph and `rapper` (raptor2); the HTML view carries them as data,
never as markup."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pyoxigraph
import pytest
from rdflib import RDFS, Dataset, Graph, URIRef
from rdflib.compare import isomorphic

from kg.cli import cli
from kg.cli._util import run_cli
from kg.extract.model import Entity, Extraction, Fact
from kg.graph.iris import DEFAULT_BASE_IRI, document_iri, entity_iri, slug
from kg.ingest.clean import clean_text
from kg.ingest.readers import make_document
from kg.store import open_store

RAPPER = shutil.which("rapper") or "/usr/bin/rapper"
LONG = "Republic of " + "Very " * 1200 + "Long Names"
NAMES = [
    'The "Quoted" \'Front\'',
    "<script>alert(1)</script> & <b>Co</b>",
    "Line One\nLine Two\r\nLine Three",
    "#hashtag Movement #2",
    "Many   Spaces\tand Tabs ",
    "Emoji 😀 🇺🇦 👩‍👩‍👧 State",
    LONG,
    LONG.replace("Long Names", "Long Namez"),  # shares the first 6,000 characters
    "Back\\slash {Curly} |Pipe| ^Caret` `Tick`",
    "%41 Encoded %2e%2e/../../etc/passwd",
    "RTL مصر \u202eoverride\u202c and Zero\u200bWidth",
    "Bell\x07 Nul\x00 Esc\x1b[31m Red",  # control characters: ingest replaces them (clean_text)
    "Lone \ud800 Surrogate",
    "?query=1&x=<y> ;",
    "_:blank",
    "'",
    "Washington D.C.",  # a final "." (rdflib's Turtle parser rejects a prefixed name ending in "\\.")
]
FORMATS = {  # export name → (rdflib format, pyoxigraph format, rapper input name or None)
    "turtle": ("turtle", pyoxigraph.RdfFormat.TURTLE, "turtle"),
    "ntriples": ("nt", pyoxigraph.RdfFormat.N_TRIPLES, "ntriples"),
    "nquads": ("nquads", pyoxigraph.RdfFormat.N_QUADS, "nquads"),
    "trig": ("trig", pyoxigraph.RdfFormat.TRIG, "trig"),
    "jsonld": ("json-ld", pyoxigraph.RdfFormat.JSON_LD, None),  # raptor2 has no JSON-LD parser
    "rdfxml": ("xml", pyoxigraph.RdfFormat.RDF_XML, "rdfxml"),
}


def _hostile_store(path: Path):  # noqa: ANN202
    """A store with one document whose entities have the hostile names (cleaned, as ingest does)."""
    names = [clean_text(n) for n in NAMES]
    text = " ".join(f"{name} met {other}." for name, other in zip(names, names[1:]))
    document = make_document(text, doc_id='doc "hostile" <1> #frag ../x', title="<i>Title</i> \"q\" # 😀",
                             source="javascript:alert(1)", outlet="Outlet <b>x</b>")
    facts, start = [], 0
    for name, other in zip(names, names[1:]):
        sentence = f"{name} met {other}."
        start = document.text.index(sentence, start)
        facts.append(Fact(name, "meetsWith", other, start, start + len(sentence), sentence, "test:hostile", 0.9,
                          "040", None))
    entities = {n: Entity(n, "Organization", {f"alias of {n}", f"«{n}»"}) for n in names}
    store = open_store(path)
    store.add(document, Extraction(document.id, entities=entities, facts=facts))
    return store, names


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    path = tmp_path_factory.mktemp("hostile") / "store"
    store, names = _hostile_store(path)
    yield store, names, path
    store.close()


@pytest.mark.parametrize("name", NAMES)
def test_names_give_valid_iris(name):
    iri = entity_iri(DEFAULT_BASE_IRI, name)
    assert re.fullmatch(r"https://geokg\.org/id/[A-Za-z0-9_\-.~%]+", iri), iri
    assert len(slug(name)) <= 200 * 12
    assert pyoxigraph.NamedNode(str(iri))  # pyoxigraph validates IRIs
    assert len(Graph().parse(data=f"<{iri}> <{iri}> <{iri}> .", format="nt")) == 1
    assert entity_iri(DEFAULT_BASE_IRI, name) == iri  # the same name, the same IRI
    assert document_iri(DEFAULT_BASE_IRI, name).startswith(DEFAULT_BASE_IRI + "doc/")


def test_long_names_do_not_share_an_iri():
    a, b = NAMES[6], NAMES[7]
    assert slug(a) != slug(b) and len(slug(a)) == len(slug(b)) == 200
    assert slug("x" * 200) == "x" * 200  # names up to 200 characters keep the plain form


def test_every_export_parses_everywhere_and_round_trips(hostile, tmp_path):
    store, names, _ = hostile
    union = store.union_graph()
    labels = {str(o) for o in union.objects(None, RDFS.label)}
    assert set(names) <= labels  # literals are kept exactly (after ingest's cleaning)
    for fmt, (rdflib_format, oxi_format, rapper_format) in FORMATS.items():
        path = tmp_path / f"graph.{fmt}"
        store.export(fmt, str(path))
        if fmt in ("nquads", "trig", "jsonld"):
            parsed = Dataset()
            parsed.parse(path, format=rdflib_format)
            triples = Graph()
            for s, p, o, _g in parsed.quads((None, None, None, None)):
                triples.add((s, p, o))
        else:
            triples = Graph().parse(path, format=rdflib_format)
        assert isomorphic(triples, union), fmt
        quads = list(pyoxigraph.parse(path=str(path), format=oxi_format))
        assert len({(q.subject, q.predicate, q.object) for q in quads}) == len(union), fmt
        if rapper_format and Path(RAPPER).exists():
            done = subprocess.run([RAPPER, "-q", "-i", rapper_format, "-c", str(path)], capture_output=True,
                                  text=True, timeout=120)
            assert done.returncode == 0 and "Error" not in done.stderr, (fmt, done.stderr)


@pytest.mark.skipif(not Path(RAPPER).exists(), reason="rapper (raptor2-utils) is not installed")
def test_rapper_counts_every_statement(hostile, tmp_path):
    store, _, _ = hostile
    for fmt, rapper_format in (("turtle", "turtle"), ("nquads", "nquads"), ("ntriples", "ntriples")):
        path = tmp_path / f"g.{fmt}"
        store.export(fmt, str(path))
        done = subprocess.run([RAPPER, "-i", rapper_format, "-c", str(path)], capture_output=True, text=True,
                              timeout=120)
        assert done.returncode == 0, done.stderr
        count = int(re.search(r"returned (\d+) (?:triples|statements)", done.stderr).group(1))
        expected = len(list(pyoxigraph.parse(path=str(path), format=FORMATS[fmt][1])))
        assert count == expected, (fmt, done.stderr)


def test_kg_export_and_view_commands_take_hostile_names(tmp_path, capsys):
    store, names = _hostile_store(tmp_path / "s")
    store.close()
    args = ["--store", str(tmp_path / "s")]
    assert run_cli(cli, ["export", *args, "--format", "nquads", "--out", str(tmp_path / "g.nq")]) == 0
    assert run_cli(cli, ["view", *args, "--out", str(tmp_path / "g.html")]) == 0, capsys.readouterr().err
    page = (tmp_path / "g.html").read_text(encoding="utf-8")
    data = re.search(r'<script id="graph-data" type="application/json">(.*?)</script>', page, re.S).group(1)
    assert "<" not in data and ">" not in data and "&" not in data  # markup in names stays inside the JSON
    shown = json.loads(data)
    labels = {n.get("label") for n in shown["nodes"]} | {n.get("title") for n in shown["nodes"]}
    assert any(names[1] in str(v) for v in labels)  # the name itself, unescaped once parsed
    for name in (n for n in names if "<" in n):
        assert name not in page, name
    assert "<b>Co</b>" not in page and "<y>" not in page and "alert(1)</script>" not in page
    quads = list(pyoxigraph.parse(path=str(tmp_path / "g.nq"), format=pyoxigraph.RdfFormat.N_QUADS))
    assert any(q.object.value == names[1] for q in quads if isinstance(q.object, pyoxigraph.Literal))


def test_hostile_document_id_and_labels_query_back(tmp_path):
    store, names = _hostile_store(tmp_path / "s")
    with store:
        (info,) = store.documents()
        assert info.id == 'doc "hostile" <1> #frag ../x' and info.title == '<i>Title</i> "q" # 😀'
        rows = store.query("SELECT ?l WHERE { ?e rdfs:label ?l }")
        assert {str(r[0]) for r in rows} == set(names)
        assert store.validate().conforms
        assert store.remove(info.id) and store.documents() == []
        assert not list(store.query("SELECT ?e WHERE { ?e rdfs:label ?l }"))
        assert isinstance(entity_iri(store.base, names[0]), URIRef)


@pytest.mark.slow
@pytest.mark.skipif(not Path("/usr/bin/chromium").exists(), reason="/usr/bin/chromium is not installed")
def test_view_in_a_browser_shows_hostile_names_as_text(tmp_path):
    """The approach of tests/test_view_browser.py: open the page, click each hostile entity, read
    the details panel's text; nothing from the data becomes an element, a dialog or a request."""
    from playwright.sync_api import sync_playwright
    from test_view_browser import ARGS, Page

    from kg.view import build_view

    store, names = _hostile_store(tmp_path / "s")
    with store:
        result = build_view(store.union_graph(), tmp_path / "hostile.html")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", headless=True, args=ARGS)
        page = Page(browser, result.path)
        try:
            nodes = page.js("network.body.data.nodes.get().map(n => [n.id, n.label])")
            assert len(nodes) == len(names)
            for iri, _label in nodes:
                name = names[[str(entity_iri(DEFAULT_BASE_IRI, n)) for n in names].index(iri)]
                page.page.mouse.click(*page.point(iri))
                page.wait("!document.getElementById('details').hidden")
                text = page.js("document.getElementById('details-body').textContent")
                assert " ".join(name.split())[:80] in " ".join(text.split()), name[:80]
            assert page.dialogs == [] and page.js("window.__pwned") is None
            assert page.js("document.querySelectorAll('b, img, iframe, script:not([id]):empty').length") == 0
            assert page.requests == [] and page.errors == []
        finally:
            page.close()
            browser.close()
