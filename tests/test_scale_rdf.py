"""The fast N-Triples contribution gives exactly the RDF of the rdflib mapping (issue 8)."""

from __future__ import annotations

import pickle

import pytest
from rdflib import SKOS, Literal
from test_store_support import toy

from kg.extract.model import Entity, Extraction, Fact
from kg.graph.iris import DEFAULT_BASE_IRI, document_iri, entity_iri
from kg.graph.mapping import clean_text, extraction_triples
from kg.graph.store import canonical, contribution
from kg.ingest.readers import make_document
from kg.store.terms import nt


def reference(document, extraction, *, base=DEFAULT_BASE_IRI, provenance=None) -> set:  # noqa: ANN001
    """The contribution as the rdflib mapping builds it (the pre-issue-8 code path)."""
    triples = {(s, p, canonical(o)) for s, p, o in extraction_triples(document, extraction, base=base)}
    if provenance:
        from rdflib.namespace import DCTERMS

        triples.add((document_iri(base, document.id), DCTERMS.provenance, Literal(provenance)))
    for key, entity in extraction.entities.items():
        triples |= {(entity_iri(base, key), SKOS.altLabel, Literal(clean_text(a), lang="en"))
                    for a in entity.aliases if a.strip() and a != key}
    return triples


def hostile() -> tuple:
    text = 'Title "with" \\ quotes\r\n\nA\x00 <b> said {x} | `y` \u00e9\U0001F600 \t tab.'
    doc = make_document(text, doc_id='weird id/ä "1"', source="C:\\news\\a b.txt", date_text="2020-02-29",
                        outlet="Agence\x07 \"X\"")
    ex = Extraction(doc_id=doc.id)
    ex.add_entity(Entity('Côte d\'Ivoire "CI"', "Country", {"Ivorian", "C\x01I", " ", "\ud7ff"}, "Q1008"))
    ex.add_entity(Entity("A<b>c {d}", "Organization", set(), None))
    for conf in (0.85, 1.0, 0.0, 0.12345, 0.9999, 1, 0.5):
        ex.facts.append(Fact('Côte d\'Ivoire "CI"', "criticizes", "A<b>c {d}", 3, 40, 'ev "quoted"\n\\ line',
                             "rule\x02x", conf, "111", doc.date))
    ex.facts.append(Fact("A<b>c {d}", "memberOf", 'Côte d\'Ivoire "CI"', 0, 5, "x", "r", 0.3))
    return doc, ex


@pytest.mark.parametrize("case", ["toy", "hostile"])
def test_scale_rdf_lines_equal_the_rdflib_mapping(case):
    doc, ex = toy("a") if case == "toy" else hostile()
    item = contribution(doc, ex, provenance="geokg 0.1 / en_geokg 1.0")
    assert set(item.triples) == reference(doc, ex, provenance="geokg 0.1 / en_geokg 1.0")
    assert {nt(s) + " " + nt(p) + " " + nt(o) + " ." for s, p, o in item.triples} == set(item.lines)
    assert item.marker in item.triples and item.marker_line in item.lines


def test_scale_rdf_example_build_matches(example_build):
    kg = example_build.graph
    assert kg.documents
    from kg.extract.extractor import extract
    from kg.nlp.pipeline import load_pipeline

    nlp = load_pipeline()
    for document in kg.documents.values():
        ex = extract(nlp(document.text), document)
        assert set(contribution(document, ex).triples) == reference(document, ex)


def test_scale_rdf_contribution_pickles_without_rdflib_terms():
    item = contribution(*hostile())
    again = pickle.loads(pickle.dumps(item))
    assert again.lines == item.lines and again.entities == item.entities
    assert set(again.triples) == set(item.triples)
