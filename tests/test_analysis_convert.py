"""RDF → networkx: nodes, edges, evidence, filters."""

from __future__ import annotations

import datetime as dt

import networkx as nx
import pytest
from rdflib import RDF, RDFS, Dataset, Graph, Literal, URIRef

from kg.analysis import parse_date_bound, parse_relations, to_networkx
from kg.errors import ConfigError
from kg.graph.namespace import GEO
from kg.view.sample import crisis_graph

BASE = "https://geokg.org/id/"


@pytest.fixture(scope="module")
def crisis() -> Graph:
    return crisis_graph()


def test_analysis_convert_nodes_and_edges(crisis):
    G = to_networkx(crisis)
    assert isinstance(G, nx.MultiDiGraph)
    assert G.number_of_nodes() == 18 and G.number_of_edges() == 26
    niger = G.nodes[BASE + "Niger"]
    assert niger["label"] == "Niger" and niger["class"] == "Country"
    assert niger["wikidata"] == "http://www.wikidata.org/entity/Q1032"
    assert niger["names"] == ["Republic of the Niger"] and niger["documents"] == 4
    data = G.get_edge_data(BASE + "ECOWAS", BASE + "Niger", key="sanctions")
    assert data["relation"] == "sanctions" and not data["symmetric"]
    assert data["date"] == dt.date(2023, 7, 30) and data["confidence"] == 0.9 and data["count"] == 1
    (ev,) = data["evidence"]
    assert ev["sentence"] == "ECOWAS imposed sanctions on Niger on Sunday."
    assert ev["title"] == "ECOWAS sanctions Niger after the coup" and ev["outlet"] == "Sahel Daily"
    assert ev["cameo"] == "16" and ev["rule"] == "sample" and ev["start"] < ev["end"]
    assert G.get_edge_data(BASE + "Algeria", BASE + "Niger", key="borders")["symmetric"]


def test_analysis_convert_undated_evidence_takes_the_document_date(crisis):
    G = to_networkx(crisis)
    (ev,) = G.get_edge_data(BASE + "Algeria", BASE + "Niger", key="borders")["evidence"]
    assert ev["date"] is None and ev["published"] == dt.date(2023, 8, 2)
    assert G.get_edge_data(BASE + "Algeria", BASE + "Niger", key="borders")["date"] == dt.date(2023, 8, 2)


def test_analysis_convert_filters(crisis):
    G = to_networkx(crisis, relations="supports, signsAgreementWith")
    assert {d["relation"] for *_e, d in G.edges(data=True)} == {"supports", "signsAgreementWith"}
    assert G.number_of_nodes() == 18  # isolates stay by default
    G = to_networkx(crisis, relations=["SUPPORTS"], isolates=False)
    assert {G.nodes[n]["label"] for n in G} == {"Algeria", "Mohamed Bazoum", "Mali", "Burkina Faso",
                                                "Niger", "France"}
    august = to_networkx(crisis, since="2023-08", until="2023-08", isolates=False)
    assert all(dt.date(2023, 8, 1) <= d["date"] <= dt.date(2023, 8, 31) for *_e, d in august.edges(data=True))
    assert august.number_of_edges() == 12
    sure = to_networkx(crisis, min_confidence=0.9)
    assert sure.number_of_edges() == 7
    assert all(ev["confidence"] >= 0.9 for *_e, d in sure.edges(data=True) for ev in d["evidence"])
    assert sure.graph["filters"]["min_confidence"] == 0.9


def test_analysis_convert_bad_filters(crisis):
    with pytest.raises(ConfigError, match="E022 unknown relation 'suports'.*supports"):
        to_networkx(crisis, relations="suports")
    with pytest.raises(ConfigError, match="E070"):
        to_networkx(crisis, since="August 2023")
    with pytest.raises(ConfigError, match="E071"):
        to_networkx(crisis, since="2024", until="2023")
    with pytest.raises(ConfigError, match="E072"):
        to_networkx(crisis, min_confidence=1.5)


def test_analysis_convert_date_bounds():
    assert parse_date_bound("2023") == dt.date(2023, 1, 1)
    assert parse_date_bound("2023", end=True) == dt.date(2023, 12, 31)
    assert parse_date_bound("2024-02", end=True) == dt.date(2024, 2, 29)
    assert parse_date_bound("2023-8-2") == dt.date(2023, 8, 2)
    assert parse_date_bound(dt.datetime(2023, 1, 2, 3, 4)) == dt.date(2023, 1, 2)
    assert parse_date_bound(None) is None
    with pytest.raises(ConfigError, match="E070 invalid until date '2023-02-30'"):
        parse_date_bound("2023-02-30", which="until")
    assert parse_relations("geo:supports,attacks") == ("supports", "attacks")
    assert parse_relations("") is None


def test_analysis_convert_inputs_knowledge_graph_and_dataset(crisis):
    from kg.graph.store import KnowledgeGraph

    assert to_networkx(KnowledgeGraph()).number_of_nodes() == 0
    ds = Dataset()
    half = list(crisis)
    for i, triple in enumerate(half):
        ds.graph(URIRef(f"urn:g{i % 3}")).add(triple)
    assert to_networkx(ds).number_of_edges() == 26
    with pytest.raises(TypeError):
        to_networkx({"not": "a graph"})


def test_analysis_convert_relation_without_assertion_and_untyped_end():
    g = Graph()
    a, b = URIRef(BASE + "A"), URIRef(BASE + "Some_Place")
    g.add((a, RDF.type, GEO.Country))
    g.add((a, RDFS.label, Literal("A")))
    g.add((a, GEO.borders, b))
    G = to_networkx(g)
    assert G.nodes[str(b)] == {"label": "Some Place", "class": None, "names": [], "wikidata": None,
                               "documents": 0}
    data = G.get_edge_data(str(a), str(b), key="borders")
    assert data["evidence"] == [] and data["confidence"] is None and data["date"] is None
    assert to_networkx(g, min_confidence=0.1).number_of_edges() == 0


def test_analysis_convert_from_example_build(tmp_path, examples_dir):
    """The real pipeline's output (whatever model is installed) converts cleanly."""
    from kg.build import build

    result = build([examples_dir], out=tmp_path)
    G = to_networkx(Graph().parse(result.outputs["turtle"]))
    assert G.number_of_nodes() == result.stats.entities
    assert G.number_of_edges() == result.stats.relations
