"""`kg stats`: what a store holds, counted with a few aggregate queries (any backend)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from kg.graph.namespace import CORE_RELATIONS, ENTITY_CLASSES, GEO
from kg.store.base import DocumentInfo
from kg.store.ops import nt_literal
from kg.store.terms import nt

_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"


@dataclass
class StoreStats:
    """Counts of a store.

    Attributes:
        location: The store's folder or URL.
        base: Its base IRI.
        documents: The complete documents, by id.
        incomplete: Documents left half-written by an interrupted remote write.
        entities: Entity class → number of entities.
        relations: Core relation → distinct relation triples.
        assertions: Core relation → assertions (pieces of evidence).
        quads: Triples summed over all graphs.
        triples: Distinct triples of the union of all graphs.
    """

    location: str
    base: str
    documents: list[DocumentInfo]
    incomplete: list[DocumentInfo] = field(default_factory=list)
    entities: dict[str, int] = field(default_factory=dict)
    relations: dict[str, int] = field(default_factory=dict)
    assertions: dict[str, int] = field(default_factory=dict)
    quads: int = 0
    triples: int = 0

    @property
    def entity_count(self) -> int:
        """All entities."""
        return sum(self.entities.values())

    @property
    def relation_count(self) -> int:
        """All distinct relation triples."""
        return sum(self.relations.values())


def _local(node: Any) -> str:
    return str(node).replace(str(GEO), "")


def store_stats(store: Any) -> StoreStats:
    """Count what `store` (a `kg.store.GraphStore`) holds."""
    every = store.documents(include_incomplete=True)
    ent = nt(store.entities_iri)
    entities = {_local(r["c"]): int(r["n"]) for r in store._select(
        f"SELECT ?c (COUNT(DISTINCT ?e) AS ?n) WHERE {{ GRAPH {ent} {{ ?e a ?c }} }} GROUP BY ?c")}
    relations_values = " ".join(nt(GEO[r]) for r in CORE_RELATIONS)
    relations = {_local(r["p"]): int(r["n"]) for r in store._select(
        f"SELECT ?p (COUNT(*) AS ?n) WHERE {{ {{ SELECT DISTINCT ?s ?p ?o WHERE {{ VALUES ?p {{ "
        f"{relations_values} }} GRAPH ?g {{ ?s ?p ?o }} }} }} }} GROUP BY ?p")}
    assertions = {_local(r["p"]): int(r["n"]) for r in store._select(
        f"SELECT ?p (COUNT(?a) AS ?n) WHERE {{ GRAPH ?g {{ ?a a {nt(GEO.Assertion)} ; <{_RDF}predicate> ?p }} }} "
        "GROUP BY ?p")}
    ours = f"FILTER(?g = {ent} || STRSTARTS(STR(?g), {nt_literal(store.base + 'doc/')}))"
    rows = store._select(f"SELECT (COUNT(*) AS ?n) WHERE {{ {{ SELECT DISTINCT ?s ?p ?o WHERE {{ "
                         f"GRAPH ?g {{ ?s ?p ?o }} {ours} }} }} }}")
    entity_quads = store._count(store.entities_iri)
    order = {c: i for i, c in enumerate(ENTITY_CLASSES)}
    rel_order = {r: i for i, r in enumerate(CORE_RELATIONS)}
    return StoreStats(
        location=store.location, base=store.base,
        documents=[d for d in every if d.complete], incomplete=[d for d in every if not d.complete],
        entities=dict(sorted(entities.items(), key=lambda kv: order.get(kv[0], 99))),
        relations=dict(sorted(relations.items(), key=lambda kv: rel_order.get(kv[0], 99))),
        assertions=dict(sorted(assertions.items(), key=lambda kv: rel_order.get(kv[0], 99))),
        quads=sum(d.triples for d in every) + entity_quads,
        triples=int(rows[0]["n"]) if rows else 0)
