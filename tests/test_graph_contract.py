"""The RDF contract (DEVELOPERS.md): IRIs, labels, provenance, declared vocabulary."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import OWL, RDF, RDFS, SKOS, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV

from kg.build import build
from kg.extract.model import Entity, Extraction, Fact
from kg.graph.iris import entity_iri, slug
from kg.graph.namespace import CORE_RELATIONS, GEO, SYMMETRIC_RELATIONS
from kg.graph.store import KnowledgeGraph
from kg.ingest.readers import make_document

ONTOLOGY = Path(__file__).resolve().parent.parent / "ontologies" / "geokg.ttl"


def _toy_graph() -> tuple[KnowledgeGraph, str]:
    text = "Title line\n\nRuritania condemned Freedonia. Other sentence."
    doc = make_document(text, doc_id="toy-1", source="toy.txt", date_text="2021-05-04")
    ex = Extraction(doc_id="toy-1")
    ex.add_entity(Entity("Ruritania", "Country", {"Ruritanian"}, "Q1"))
    ex.add_entity(Entity("Freedonia", "Country", set(), None))
    start = text.index("Ruritania condemned")
    end = start + len("Ruritania condemned Freedonia.")
    ex.facts.append(Fact("Ruritania", "criticizes", "Freedonia", start, end, text[start:end], "verb:condemn",
                         0.85, "111", doc.date))
    kg = KnowledgeGraph()
    kg.add(doc, ex)
    return kg, text


def test_graph_contract_entity_description():
    kg, _ = _toy_graph()
    g = kg.union()
    node = URIRef("https://geokg.org/id/Ruritania")
    assert (node, RDF.type, GEO.Country) in g
    assert g.value(node, RDFS.label) == Literal("Ruritania", lang="en")
    assert Literal("Ruritanian", lang="en") in set(g.objects(node, SKOS.altLabel))
    assert (node, OWL.sameAs, URIRef("http://www.wikidata.org/entity/Q1")) in g


def test_graph_contract_assertion_node_has_full_provenance():
    kg, text = _toy_graph()
    g = kg.union()
    (a,) = list(g.subjects(RDF.type, GEO.Assertion))
    assert g.value(a, RDF.predicate) == GEO.criticizes
    assert g.value(a, PROV.wasDerivedFrom) == URIRef("https://geokg.org/id/doc/toy-1")
    start, end = int(g.value(a, GEO.startOffset)), int(g.value(a, GEO.endOffset))
    assert str(g.value(a, GEO.evidence)) == text[start:end]
    assert str(g.value(a, GEO.cameoCode)) == "111"
    assert str(g.value(a, DCTERMS.date)) == "2021-05-04"
    assert 0 < float(g.value(a, GEO.confidence)) <= 1
    doc = URIRef("https://geokg.org/id/doc/toy-1")
    assert str(g.value(doc, GEO.contentHash)).startswith("sha256:")
    assert str(g.value(doc, DCTERMS.title)) == "Title line"


def test_graph_contract_one_named_graph_per_document():
    kg, _ = _toy_graph()
    names = {str(c.identifier) for c in kg.dataset.graphs()}
    assert "https://geokg.org/id/doc/toy-1" in names and "https://geokg.org/id/entities" in names


@pytest.mark.parametrize("name,expected", [
    ("Said Chengriha", "Said_Chengriha"),
    ("People's National Army", "People%27s_National_Army"),
    ("Saïd <x> #1", "Sa%C3%AFd_%3Cx%3E_%231"),
])
def test_graph_contract_slug_is_iri_safe(name, expected):
    assert slug(name) == expected
    assert entity_iri("https://geokg.org/id/", name) == URIRef("https://geokg.org/id/" + expected)


@pytest.mark.slow
def test_graph_contract_iris_stable_across_builds(tmp_path, examples_dir, example_build):
    again = build([examples_dir], out=tmp_path)
    first, second = example_build.graph.union(), again.graph.union()
    assert set(first.all_nodes()) == set(second.all_nodes())
    assert len(first) == len(second)


@pytest.mark.slow
def test_graph_contract_every_fact_has_evidence_at_its_offsets(example_build):
    g = example_build.graph.union()
    texts = {d.id: d.text for d in example_build.graph.documents.values()}
    core = [(s, p, o) for rel in CORE_RELATIONS for s, p, o in g.triples((None, GEO[rel], None))]
    assert len(core) >= 8
    for s, p, o in core:
        assertions = [a for a in g.subjects(RDF.subject, s) if g.value(a, RDF.predicate) == p
                      and g.value(a, RDF.object) == o]
        assert assertions, f"no provenance for {s} {p} {o}"
        for a in assertions:
            doc_id = str(g.value(g.value(a, PROV.wasDerivedFrom), DCTERMS.identifier))
            start, end = int(g.value(a, GEO.startOffset)), int(g.value(a, GEO.endOffset))
            assert texts[doc_id][start:end] == str(g.value(a, GEO.evidence))
            assert g.value(a, GEO.rule) is not None


@pytest.mark.slow
def test_graph_contract_every_term_used_is_declared(example_build):
    ontology = Graph().parse(ONTOLOGY, format="turtle")
    declared = {s for s in ontology.subjects(RDF.type, None) if str(s).startswith(str(GEO))}
    g = example_build.graph.union()
    used = {t for triple in g for t in triple if isinstance(t, URIRef) and str(t).startswith(str(GEO))}
    assert used, "the example produced no geo: terms"
    assert used <= declared, used - declared
    for rel in SYMMETRIC_RELATIONS:
        assert (GEO[rel], RDF.type, OWL.SymmetricProperty) in ontology


@pytest.mark.slow
def test_graph_contract_labels_on_every_entity(example_build):
    g = example_build.graph.union()
    typed = {s for s, o in g.subject_objects(RDF.type) if o in {GEO[c] for c in (
        "Country", "Person", "GovernmentBody", "ArmedForce", "InternationalOrganization", "Organization",
        "Location")}}
    assert typed
    for node in typed:
        assert g.value(node, RDFS.label) is not None
