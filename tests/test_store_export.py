"""`kg export` formats: RDF that other tools read back, isomorphic to the store; GraphML; CSV."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess

import networkx as nx
import pyoxigraph as ox
import pytest
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic
from test_store_support import RUR, toy

from kg.store import open_store
from kg.store.export import CSV_COLUMNS, FORMATS

ID = "https://geokg.org/id/"
UNICODE = ("Saïd \"the\" Chengriha", "Person", {"Саид Шенгриха", "Said\nChengriha"}, "Q2")


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    path = tmp_path_factory.mktemp("export") / "store"
    with open_store(path) as opened:
        opened.add(*toy("a"))
        opened.add(*toy("b", "Ruritania met Saïd \"the\" Chengriha in Zenda.", entities=(RUR, UNICODE),
                        facts=(("Ruritania", "meetsWith", "Saïd \"the\" Chengriha"),)))
        yield opened


def test_export_turtle_reads_back_everywhere_and_is_isomorphic(store, tmp_path):
    path = tmp_path / "g.ttl"
    store.export("turtle", path)
    expected = store.union_graph()
    assert isomorphic(Graph().parse(path, format="turtle"), expected)
    via_ox = Graph()
    from kg.store.terms import from_ox_triple

    for triple in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE):
        via_ox.add(from_ox_triple(triple))
    assert isomorphic(via_ox, expected)
    if shutil.which("rapper") is None:
        pytest.skip("rapper (raptor2-utils) is not installed")
    done = subprocess.run(["rapper", "-q", "-i", "turtle", "-o", "ntriples", str(path)], capture_output=True,
                          check=True)
    assert isomorphic(Graph().parse(data=done.stdout.decode("utf-8"), format="nt"), expected)


@pytest.mark.parametrize("fmt,parser", [("trig", "trig"), ("nquads", "nquads"), ("jsonld", "json-ld")])
def test_export_datasets_have_one_graph_per_document(store, fmt, parser):
    data = store.export(fmt)
    dataset = Dataset()
    dataset.parse(data=data.decode("utf-8"), format=parser)
    names = {str(g.identifier) for g in dataset.graphs() if len(g)}
    assert names == {f"{ID}doc/a", f"{ID}doc/b", f"{ID}entities"}
    for doc in ("a", "b"):
        graph = dataset.graph(f"{ID}doc/{doc}")
        assert any(str(s) == f"{ID}doc/{doc}" for s in graph.subjects())
    union = Graph()
    for s, p, o, _g in dataset.quads((None, None, None, None)):
        union.add((s, p, o))
    assert isomorphic(union, store.union_graph())


@pytest.mark.parametrize("fmt,parser", [("ntriples", "nt"), ("rdfxml", "xml")])
def test_export_triple_formats_hold_the_union(store, fmt, parser):
    assert isomorphic(Graph().parse(data=store.export(fmt).decode("utf-8"), format=parser), store.union_graph())


def test_export_csv_one_row_per_assertion(store):
    rows = list(csv.DictReader(io.StringIO(store.export("csv").decode("utf-8"))))
    assert tuple(rows[0].keys()) == CSV_COLUMNS
    assert len(rows) == 2
    meet = next(r for r in rows if r["predicate"] == "meetsWith")
    assert (meet["subject"], meet["object"], meet["document"]) == ("Ruritania", "Saïd \"the\" Chengriha", "b")
    assert meet["evidence"] == "Ruritania met Saïd \"the\" Chengriha in Zenda."
    doc = toy("b", "Ruritania met Saïd \"the\" Chengriha in Zenda.")[0]
    assert doc.text[int(meet["start"]):int(meet["end"])] == meet["evidence"]
    assert meet["date"] == "2021-05-04" and float(meet["confidence"]) == 0.85


def test_export_graphml_for_gephi(store, tmp_path):
    path = tmp_path / "g.graphml"
    store.export("graphml", path)
    graph = nx.read_graphml(path)
    assert graph.nodes[f"{ID}Ruritania"]["label"] == "Ruritania"
    assert graph.nodes[f"{ID}Ruritania"]["cls"] == "Country"
    edges = {(u.rsplit("/", 1)[-1], d["relation"], v.rsplit("/", 1)[-1]) for u, v, d in graph.edges(data=True)}
    assert ("Ruritania", "criticizes", "Freedonia") in edges
    edge = next(d for _u, _v, d in graph.edges(data=True) if d["relation"] == "meetsWith")
    assert edge["assertions"] == 1 and edge["documents"] == "b"


def test_export_every_format_to_a_file_atomically(store, tmp_path):
    for fmt in FORMATS:
        path = tmp_path / f"x.{fmt}"
        store.export(fmt, path)
        assert path.stat().st_size > 0
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_export_unknown_format_is_coded(store):
    from kg.store import StoreError

    with pytest.raises(StoreError, match="E022"):
        store.export("yaml")
