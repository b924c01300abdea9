"""`KnowledgeGraph`: the documents, entities and facts of a build, as an RDF dataset.

Each document's assertions live in a named graph of their own (the document's IRI); entity
descriptions live in one shared graph, `{base}entities`, rebuilt from the entity records so
that it stays consistent as documents are added or replaced.
"""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import Dataset, Graph, URIRef

from kg.extract.model import Entity, Extraction
from kg.graph.iris import DEFAULT_BASE_IRI, check_base, document_iri
from kg.graph.mapping import entities_triples, extraction_triples, new_graph
from kg.graph.namespace import CORE_RELATIONS, GEO
from kg.ingest.document import Document


@dataclass(frozen=True)
class GraphStats:
    """Counts of a knowledge graph."""

    documents: int
    entities: int
    relations: int
    triples: int


class KnowledgeGraph:
    """An in-memory knowledge graph built from documents.

    Example:
        >>> kg = KnowledgeGraph()
        >>> kg.add(document, extraction)
        >>> kg.union().serialize("graph.ttl", format="turtle")
    """

    def __init__(self, *, base_iri: str = DEFAULT_BASE_IRI) -> None:
        self.base = check_base(base_iri)
        self.dataset = new_graph(Dataset)
        self.entities: dict[str, Entity] = {}
        self.documents: dict[str, Document] = {}
        self._relations: dict[str, int] = {}

    @property
    def entities_graph_iri(self) -> URIRef:
        """Name of the shared graph holding entity descriptions."""
        return URIRef(self.base + "entities")

    def add(self, document: Document, extraction: Extraction) -> None:
        """Add (or replace) one document's contribution."""
        graph_iri = document_iri(self.base, document.id)
        self.dataset.remove_graph(graph_iri)
        graph = self.dataset.graph(graph_iri)
        for triple in extraction_triples(document, extraction, base=self.base):
            graph.add(triple)
        for entity in extraction.entities.values():
            known = self.entities.get(entity.key)
            if known is None:
                self.entities[entity.key] = Entity(entity.key, entity.cls, set(entity.aliases),
                                                   entity.wikidata)
            else:
                known.merge(entity)
        self.documents[document.id] = document
        self._relations[document.id] = len({(f.subject, f.predicate, f.object) for f in extraction.facts})
        self._write_entities()

    def _write_entities(self) -> None:
        self.dataset.remove_graph(self.entities_graph_iri)
        graph = self.dataset.graph(self.entities_graph_iri)
        for triple in entities_triples(self.entities.values(), base=self.base):
            graph.add(triple)

    def union(self) -> Graph:
        """All triples of all graphs in one graph (what `graph.ttl` holds)."""
        merged = new_graph()
        for s, p, o, _g in self.dataset.quads((None, None, None, None)):
            merged.add((s, p, o))
        return merged

    def stats(self) -> GraphStats:
        """Counts of documents, entities, distinct relation triples, and all triples."""
        relations = {q[:3] for rel in CORE_RELATIONS for q in self.dataset.quads((None, GEO[rel], None, None))}
        return GraphStats(documents=len(self.documents), entities=len(self.entities),
                          relations=len(relations),
                          triples=sum(len(g) for g in self.dataset.graphs()))
