"""`Document`, `Entity` and `Fact` records → RDF triples, by the RDF contract in DEVELOPERS.md."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from decimal import Decimal

from rdflib import OWL, RDF, RDFS, SKOS, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, PROV

from kg.extract.model import Entity, Extraction, Fact
from kg.graph.iris import assertion_iri, document_iri, entity_iri, wikidata_iri
from kg.graph.namespace import GEO
from kg.ingest.document import Document

Triple = tuple[URIRef, URIRef, URIRef | Literal]
NAMESPACES: dict[str, Namespace] = {
    "geo": Namespace(str(GEO)), "prov": PROV, "dcterms": DCTERMS, "skos": SKOS, "owl": OWL,
    "xsd": XSD, "rdfs": RDFS, "wd": Namespace("http://www.wikidata.org/entity/"),
}


def new_graph(graph_cls: type[Graph] = Graph, **kwargs) -> Graph:
    """An empty graph with geokg's prefixes bound (and not rdflib's default `geo:` = GeoSPARQL)."""
    graph = graph_cls(**kwargs) if graph_cls is not Graph else Graph(bind_namespaces="core", **kwargs)
    for prefix, ns in NAMESPACES.items():
        graph.bind(prefix, ns, override=True, replace=True)
    return graph


def clean_text(value: str) -> str:
    """Text as it may appear in a literal: no NUL or other C0 controls but tab and newline."""
    return "".join(ch for ch in value if ch >= " " or ch in "\t\n")


def entity_triples(entity: Entity, *, base: str) -> Iterator[Triple]:
    """The description of one entity: type, label, alternative labels, Wikidata link."""
    node = entity_iri(base, entity.key)
    yield node, RDF.type, GEO[entity.cls]
    yield node, RDFS.label, Literal(clean_text(entity.key), lang="en")
    for alias in sorted(entity.aliases - {entity.key}):
        if alias.strip():
            yield node, SKOS.altLabel, Literal(clean_text(alias), lang="en")
    if entity.wikidata:
        yield node, OWL.sameAs, wikidata_iri(entity.wikidata)


def document_triples(document: Document, *, base: str) -> Iterator[Triple]:
    """The document node: title, date, source, identifier, content hash."""
    node = document_iri(base, document.id)
    yield node, RDF.type, GEO.Document
    yield node, DCTERMS.identifier, Literal(clean_text(document.id))
    if document.title:
        yield node, DCTERMS.title, Literal(clean_text(document.title))
    if document.date:
        yield node, DCTERMS.date, Literal(document.date.isoformat(), datatype=XSD.date)
    if document.source:
        yield node, DCTERMS.source, Literal(clean_text(document.source))
    if document.outlet:
        yield node, DCTERMS.publisher, Literal(clean_text(document.outlet))
    yield node, GEO.contentHash, Literal(document.content_hash)


def fact_triples(fact: Fact, *, doc_id: str, base: str) -> Iterator[Triple]:
    """The direct triple of a fact, and its assertion node with the provenance."""
    s, o = entity_iri(base, fact.subject), entity_iri(base, fact.object)
    p = GEO[fact.predicate]
    yield s, p, o
    node = assertion_iri(base, doc_id, fact.subject, fact.predicate, fact.object, fact.start, fact.end)
    yield node, RDF.type, GEO.Assertion
    yield node, RDF.subject, s
    yield node, RDF.predicate, p
    yield node, RDF.object, o
    yield node, PROV.wasDerivedFrom, document_iri(base, doc_id)
    yield node, GEO.evidence, Literal(clean_text(fact.evidence))
    yield node, GEO.startOffset, Literal(fact.start, datatype=XSD.nonNegativeInteger)
    yield node, GEO.endOffset, Literal(fact.end, datatype=XSD.nonNegativeInteger)
    yield node, GEO.confidence, Literal(Decimal(str(round(fact.confidence, 3))), datatype=XSD.decimal)
    yield node, GEO.rule, Literal(fact.rule)
    if fact.cameo:
        yield node, GEO.cameoCode, Literal(fact.cameo)
    if fact.when:
        yield node, DCTERMS.date, Literal(fact.when.isoformat(), datatype=XSD.date)


def extraction_triples(document: Document, extraction: Extraction, *, base: str) -> Iterator[Triple]:
    """Everything one document contributes except the shared entity descriptions:
    the document node, its facts with their assertions, and `geo:mentionedIn` links."""
    yield from document_triples(document, base=base)
    doc_node = document_iri(base, document.id)
    for key in sorted(extraction.entities):
        yield entity_iri(base, key), GEO.mentionedIn, doc_node
    for fact in extraction.facts:
        yield from fact_triples(fact, doc_id=document.id, base=base)


def entities_triples(entities: Iterable[Entity], *, base: str) -> Iterator[Triple]:
    """Descriptions of many entities."""
    for entity in entities:
        yield from entity_triples(entity, base=base)
