"""SHACL shapes (`ontologies/shapes.ttl`) and `kg validate`."""

from __future__ import annotations

import pytest
from rdflib import RDF, Graph, URIRef
from rdflib.collection import Collection
from test_store_support import FRE, RUR, toy

from kg.build import build
from kg.cli import cli
from kg.graph.namespace import CORE_RELATIONS, DOMAIN, GEO, RANGE
from kg.store import open_store
from kg.store.errors import StoreError
from kg.store.shapes import SHAPES_PATH, shapes_ttl
from kg.store.validate import validate_graph

ID = "https://geokg.org/id/"
SH = "http://www.w3.org/ns/shacl#"


def test_validate_shapes_file_is_generated_from_the_relation_tables():
    assert SHAPES_PATH.read_text(encoding="utf-8") == shapes_ttl(), "run `python -m kg.store.shapes`"


def test_validate_shapes_cover_every_relation_with_its_classes():
    shapes = Graph().parse(SHAPES_PATH, format="turtle")
    geosh = "https://geokg.org/shapes#"
    for rel in CORE_RELATIONS:
        for end, classes in (("subject", DOMAIN[rel]), ("object", RANGE[rel])):
            options = Collection(shapes, shapes.value(URIRef(f"{geosh}{rel}-{end}"), URIRef(SH + "or")))
            listed = {str(shapes.value(option, URIRef(SH + "class"))) for option in options}
            assert listed == {str(GEO[c]) for c in classes}
        assert (URIRef(f"{geosh}{rel}-provenance"), None, None) in shapes


@pytest.fixture(scope="module")
def example_store(tmp_path_factory, examples_dir):
    path = tmp_path_factory.mktemp("example") / "store"
    build([examples_dir], out=path.parent / "out", store=path, html=False)
    return path


def test_validate_the_example_conforms(example_store):
    with open_store(example_store) as store:
        report = store.validate()
    assert report.conforms, "\n".join(report.lines())
    assert report.summary().startswith("valid:")


def test_validate_cli_on_the_example_store_and_its_output_file(example_store, runner):
    result = runner.invoke(cli, ["validate", "--store", str(example_store)], catch_exceptions=False)
    assert result.exit_code == 0 and result.output.startswith("valid:")
    result = runner.invoke(cli, ["validate", str(example_store.parent / "out" / "graph.ttl")], catch_exceptions=False)
    assert result.exit_code == 0 and result.output.startswith("valid:")


def _broken() -> Graph:
    from kg.graph.store import KnowledgeGraph

    kg = KnowledgeGraph()
    kg.add(*toy("a", "Zenda condemned Freedonia.", entities=(("Zenda", "Location", set(), None), FRE),
                facts=(("Zenda", "criticizes", "Freedonia"),)))
    kg.add(*toy("b"))
    graph = kg.union()
    graph.remove((URIRef(ID + "Ruritania"), RDF.type, None))              # an entity without a class
    graph.add((URIRef(ID + "Freedonia"), GEO.borders, URIRef(ID + "Ruritania")))   # a triple without provenance
    return graph


def test_validate_a_broken_graph_fails_with_readable_messages():
    report = validate_graph(_broken())
    assert not report.conforms
    text = "\n".join(report.lines())
    assert report.lines()[0].startswith("invalid:")
    assert "Zenda (https://geokg.org/id/Zenda): the subject of geo:criticizes must be a Country" in text
    assert "Ruritania (https://geokg.org/id/Ruritania): an entity has exactly one entity class" in text
    assert "geo:borders https://geokg.org/id/Ruritania has no assertion with its document, evidence and offsets" \
        in text
    assert all("\n" not in line for line in report.lines())


def test_validate_cli_broken_file_exits_nonzero(tmp_path, runner):
    path = tmp_path / "broken.ttl"
    _broken().serialize(path, format="turtle")
    result = runner.invoke(cli, ["validate", str(path), "--max", "2"], standalone_mode=False)
    assert isinstance(result.exception, StoreError) and "E115" in str(result.exception)
    lines = result.output.splitlines()
    assert lines[0].startswith("invalid:") and "(first 2 shown)" in lines[0]
    assert len(lines) == 3


def test_validate_a_store_with_a_broken_document(tmp_path):
    with open_store(tmp_path / "s") as store:
        store.add(*toy("a", "Zenda condemned Ruritania.", entities=(("Zenda", "Location", set(), None), RUR),
                       facts=(("Zenda", "criticizes", "Ruritania"),)))
        report = store.validate()
    assert not report.conforms and report.total == 1
    assert "must be a Country, Person" in str(report.violations[0])
