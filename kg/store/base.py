"""`GraphStore`: what every store does, written once over a few SPARQL primitives.

A subclass (the embedded Oxigraph store, a remote SPARQL 1.1 server) supplies `_select`
(a SELECT answer as rows of rdflib terms), `_apply` (a list of write operations, atomically
where the backend can), `_graph_triples`, `_snapshot` (an Oxigraph store holding our graphs,
for exports) and `_user_query`. Everything else (adding, skipping and replacing documents,
removal, entity consistency, listings) lives here, so both backends behave the same.

Write order makes an interrupted write visible on backends without transactions: a document's
`geo:contentHash` triple is written last and deleted first; a document graph without it is
incomplete, is not listed, and is rebuilt by the next `kg build` of that document.
"""

from __future__ import annotations

import datetime as dt
from abc import ABC, abstractmethod
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any
from typing import Literal as Kind

from rdflib import OWL, RDF, RDFS, SKOS, Graph, URIRef
from rdflib.namespace import DCTERMS
from rdflib.query import Result
from rdflib.term import Node

from kg.extract.model import Extraction
from kg.graph.iris import DEFAULT_BASE_IRI, check_base, document_iri
from kg.graph.mapping import new_graph
from kg.graph.namespace import GEO
from kg.graph.store import Contribution, EntityRecord, contribution, entity_description, qid_of
from kg.ingest.document import Document
from kg.store.errors import StoreError, StoreErrors
from kg.store.ops import Delete, Drop, Insert, Op, chunks, nt_literal, values_clause
from kg.store.terms import Triple, from_ox_triple, nt

Status = Kind["added", "skipped", "replaced"]
__all__ = ["Delete", "DocumentInfo", "Drop", "GraphStore", "Insert", "Op", "Status", "values_clause"]


@dataclass(frozen=True)
class DocumentInfo:
    """One stored document (the contract's fields first, then extras)."""

    id: str
    title: str
    date: dt.date | None
    source: str
    content_hash: str
    triples: int
    iri: str = ""
    publisher: str | None = None
    provenance: str | None = None
    complete: bool = True


def _canonical(props: dict[Node, list[Node]]) -> dict[Node, list[str]]:
    return {p: sorted(map(nt, v)) for p, v in props.items()}


def _date(value: Node | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value)[:10]) if value is not None else None
    except ValueError:
        return None


class GraphStore(ABC):
    """A persistent knowledge graph: one named graph per document plus shared entity descriptions.

    Example:
        >>> with open_store("graphs/news") as store:
        ...     store.add(document, extraction)
        ...     [d.id for d in store.documents()]
    """

    location: str
    base: str = DEFAULT_BASE_IRI
    page_size: int | None = None

    # ---- what a backend supplies -------------------------------------------------------
    @abstractmethod
    def _select(self, sparql: str) -> list[dict[str, Node]]:
        """Rows of a SELECT query (variable name → term); unbound variables are absent."""

    @abstractmethod
    def _apply(self, ops: list[Op]) -> None:
        """Run write operations in order (in one transaction where the backend has them)."""

    @abstractmethod
    def _graph_triples(self, graph: URIRef) -> list[Triple]:
        """Every triple of one named graph."""

    @abstractmethod
    def _snapshot(self) -> Any:
        """A `pyoxigraph.Store` holding the document graphs and the entities graph."""

    @abstractmethod
    def _user_query(self, sparql: str, bindings: dict[str, Node] | None) -> Result:
        """Run a user's query with the union of all graphs as the default graph."""

    def _insert_lines(self, groups: list[tuple[str, list[str]]]) -> None:
        """Add N-Triples lines to named graphs (`(graph IRI in N-Triples syntax, lines)`, in this
        order; atomically where the backend can). A backend without it is written one document
        at a time (`kg.store.bulk`)."""
        raise NotImplementedError

    _release_due = False  # True when `_release_caches` has something to release

    def _release_caches(self) -> None:
        """Between batches of a long write, with nothing in flight: release caches that grow
        with what was written (the embedded store reopens its database)."""

    def close(self) -> None:
        """Release the store (the embedded store's lock, a remote connection)."""

    def __enter__(self) -> GraphStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.location!r})"

    # ---- set-up ----------------------------------------------------------------------
    @property
    def entities_iri(self) -> URIRef:
        """Name of the shared graph of entity descriptions."""
        return URIRef(self.base + "entities")

    def _settle_base(self, base_iri: str | None) -> None:
        if base_iri:
            check_base(base_iri)
        rows = self._select("SELECT ?g WHERE { GRAPH ?g { ?g a %s } } LIMIT 1" % nt(GEO.Document))
        stored = None
        if rows:
            iri = str(rows[0]["g"])
            stored = iri[: iri.rindex("doc/")] if "doc/" in iri else None
        if stored and base_iri and stored != base_iri:
            raise StoreError(StoreErrors.E110.format(path=self.location, stored=stored, given=base_iri))
        self.base = check_base(stored or base_iri or DEFAULT_BASE_IRI)

    def _select_keyset(self, where: str, select: str, key: str, group: str = "") -> list[dict[str, Node]]:
        """All rows of `SELECT select WHERE { where } group`, paged on `?key` when the backend
        caps answers (keyset paging: no large OFFSET, which Virtuoso refuses to sort)."""
        if not self.page_size:
            return self._select(f"SELECT {select} WHERE {{ {where} }} {group}")
        rows: list[dict[str, Node]] = []
        after = None
        while True:
            flt = f'FILTER(STR(?{key}) > {nt_literal(after)})' if after is not None else ""
            page = self._select(f"SELECT {select} WHERE {{ {where} {flt} }} {group} ORDER BY STR(?{key}) "
                                f"LIMIT {self.page_size}")
            if len(page) < self.page_size:
                return rows + page
            last = str(page[-1][key])
            keep = [r for r in page if str(r[key]) != last]
            if not keep:  # one key has more rows than a page: take them all at once
                keep = self._select(f"SELECT {select} WHERE {{ {where} FILTER(STR(?{key}) = "
                                    f"{nt_literal(last)}) }} {group}")
                after = last
            else:
                after = str(keep[-1][key])
            rows.extend(keep)

    # ---- documents ---------------------------------------------------------------------
    def _node(self, iri: URIRef) -> dict[Node, list[Node]]:
        props: dict[Node, list[Node]] = {}
        for row in self._select(f"SELECT ?p ?o WHERE {{ GRAPH {nt(iri)} {{ {nt(iri)} ?p ?o }} }}"):
            props.setdefault(row["p"], []).append(row["o"])
        return props

    def _info(self, iri: URIRef, props: dict[Node, list[Node]], triples: int) -> DocumentInfo:
        def one(p: URIRef) -> Node | None:
            values = props.get(p)
            return min(values, key=nt) if values else None

        return DocumentInfo(id=str(one(DCTERMS.identifier) or iri.rsplit("/", 1)[-1]),
                            title=str(one(DCTERMS.title) or ""), date=_date(one(DCTERMS.date)),
                            source=str(one(DCTERMS.source) or ""),
                            content_hash=str(one(GEO.contentHash) or ""), triples=triples, iri=str(iri),
                            publisher=str(one(DCTERMS.publisher)) if one(DCTERMS.publisher) else None,
                            provenance=str(one(DCTERMS.provenance)) if one(DCTERMS.provenance) else None,
                            complete=one(GEO.contentHash) is not None)

    def _count(self, graph: URIRef) -> int:
        rows = self._select(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {nt(graph)} {{ ?s ?p ?o }} }}")
        return int(rows[0]["n"]) if rows else 0

    def lookup(self, doc_id: str) -> DocumentInfo | None:
        """The stored document with this id (complete or not), or None."""
        iri = document_iri(self.base, doc_id)
        count = self._count(iri)
        return self._info(iri, self._node(iri), count) if count else None

    def documents(self, *, include_incomplete: bool = False) -> list[DocumentInfo]:
        """The stored documents, by id; half-written ones (interrupted remote writes) only on request."""
        rows = self._select_keyset(f"GRAPH ?g {{ ?g a {nt(GEO.Document)} ; ?p ?o }}", "?g ?p ?o", "g")
        nodes: dict[Node, dict[Node, list[Node]]] = {}
        for row in rows:
            nodes.setdefault(row["g"], {}).setdefault(row["p"], []).append(row["o"])
        counts = {r["g"]: int(r["n"]) for r in self._select_keyset(
            "GRAPH ?g { ?s ?p ?o }", "?g (COUNT(*) AS ?n)", "g", "GROUP BY ?g") if r["g"] in nodes}
        infos = [self._info(URIRef(g), props, counts.get(g, 0)) for g, props in nodes.items()]
        return sorted((i for i in infos if i.complete or include_incomplete), key=lambda i: i.id)

    # ---- adding ------------------------------------------------------------------------
    def add(self, document: Document, extraction: Extraction, *, provenance: str | None = None) -> Status:
        """Add one extracted document.

        Returns:
            "skipped" when the store holds it with the same content (and metadata), "replaced"
            when it held another version, else "added".
        """
        return self.add_contribution(contribution(document, extraction, base=self.base, provenance=provenance))

    def add_contribution(self, item: Contribution, *, replace: bool = False) -> Status:
        """Add a document's contribution (see `kg.graph.store.Contribution`) in one write.

        Args:
            item: The contribution.
            replace: Rewrite it even when the stored document node is the same (`kg build --force`).
        """
        old = self._node(item.iri)
        new: dict[Node, list[Node]] = {}
        for s, p, o in item.triples:
            if s == item.iri:
                new.setdefault(p, []).append(o)
        complete = GEO.contentHash in old
        if complete and not replace and _canonical(old) == _canonical(new):
            return "skipped"
        existed = bool(old) or self._count(item.iri) > 0
        before = self._mentioned_in(item.iri) if existed else set()
        affected, described = self._entity_plan(item.iri, before, item.entities)
        marker = item.marker
        body = tuple(t for t in item.triples if t != marker)
        ops: list[Op] = [Drop(item.iri)] if existed else []
        ops.append(Insert(item.iri, body))
        ops.extend(Delete(self.entities_iri, tuple(c)) for c in chunks(affected))
        if described:
            ops.append(Insert(self.entities_iri, tuple(described)))
        ops.append(Insert(item.iri, (marker,)))
        self._apply(ops)
        return "replaced" if existed else "added"

    def stored_contribution(self, document: Document) -> Contribution | None:
        """What the store holds for `document`'s id, as a contribution (to reuse without extracting)."""
        iri = document_iri(self.base, document.id)
        triples = self._graph_triples(iri)
        if not triples:
            return None
        names: dict[Node, set[str]] = {}
        mentioned = []
        for s, p, o in triples:
            if p == GEO.mentionedIn and o == iri:
                mentioned.append(s)
            elif p == SKOS.altLabel:
                names.setdefault(s, set()).add(str(o))
        current = self._descriptions(mentioned)
        records = {}
        for iri_e in mentioned:
            cls, key, qid = current.get(iri_e, (None, None, None))
            if cls and key:
                records[iri_e] = EntityRecord(iri_e, key, cls, frozenset(names.get(iri_e, ())), qid)
        return Contribution(document, iri, triples, records)

    # ---- removing ----------------------------------------------------------------------
    def remove(self, doc_id: str) -> bool:
        """Retract a document; entities no other document names go too. True if it was there."""
        iri = document_iri(self.base, doc_id)
        if not self._count(iri):
            return False
        affected, described = self._entity_plan(iri, self._mentioned_in(iri), {})
        ops: list[Op] = [Delete(iri, (iri,), GEO.contentHash), Drop(iri)]
        ops.extend(Delete(self.entities_iri, tuple(c)) for c in chunks(affected))
        if described:
            ops.append(Insert(self.entities_iri, tuple(described)))
        self._apply(ops)
        return True

    def remove_many(self, doc_ids: Iterable[str], *, missing_ok: bool = False) -> list[str]:
        """Retract several documents; unless `missing_ok`, raise before removing any if one is absent.

        Returns:
            The ids that were removed.
        """
        ids = list(dict.fromkeys(doc_ids))
        missing = [i for i in ids if not self._count(document_iri(self.base, i))]
        if missing and not missing_ok:
            raise StoreError(StoreErrors.E111.format(ids=", ".join(map(repr, missing)), path=self.location))
        return [i for i in ids if i not in missing and self.remove(i)]

    # ---- entity consistency ------------------------------------------------------------
    def _mentioned_in(self, doc: URIRef) -> set[URIRef]:
        rows = self._select(f"SELECT ?e WHERE {{ GRAPH {nt(doc)} {{ ?e {nt(GEO.mentionedIn)} {nt(doc)} }} }}")
        return {r["e"] for r in rows}

    def _descriptions(self, iris: Iterable[Node]) -> dict[Node, tuple[str | None, str | None, str | None]]:
        found: dict[Node, list[Any]] = {}
        for chunk in chunks(sorted(set(iris))):
            values = " ".join(nt(i) for i in chunk)
            for r in self._select(f"SELECT ?e ?p ?o WHERE {{ VALUES ?e {{ {values} }} GRAPH "
                                  f"{nt(self.entities_iri)} {{ ?e ?p ?o }} }}"):
                entry = found.setdefault(r["e"], [None, None, None])
                if r["p"] == RDF.type and str(r["o"]).startswith(str(GEO)):
                    entry[0] = entry[0] or str(r["o"])[len(str(GEO)):]
                elif r["p"] == RDFS.label:
                    entry[1] = entry[1] or str(r["o"])
                elif r["p"] == OWL.sameAs and qid_of(r["o"]):
                    entry[2] = entry[2] or qid_of(r["o"])
        return {k: tuple(v) for k, v in found.items()}

    def _entity_plan(self, doc: URIRef, before: set[URIRef],
                     after: dict[URIRef, EntityRecord]) -> tuple[list[URIRef], list[Triple]]:
        """Entities whose description changes when `doc` goes from naming `before` to `after`,
        and their new descriptions (class, label and Wikidata link kept from the stored
        description; alternative labels = the names the documents naming it use)."""
        affected = sorted(before | set(after))
        if not affected:
            return [], []
        current = self._descriptions(affected)
        elsewhere: set[Node] = set()
        names: dict[Node, set[str]] = {}
        for chunk in chunks(affected):
            values = " ".join(nt(i) for i in chunk)
            elsewhere |= {r["e"] for r in self._select(
                f"SELECT ?e WHERE {{ VALUES ?e {{ {values} }} FILTER EXISTS {{ GRAPH ?g {{ ?e "
                f"{nt(GEO.mentionedIn)} ?g }} FILTER(?g != {nt(doc)}) }} }}")}
            for r in self._select(f"SELECT DISTINCT ?e ?l WHERE {{ VALUES ?e {{ {values} }} GRAPH ?g {{ ?e "
                                  f"{nt(SKOS.altLabel)} ?l }} FILTER(?g != {nt(doc)} && ?g != "
                                  f"{nt(self.entities_iri)}) }}"):
                names.setdefault(r["e"], set()).add(str(r["l"]))
        described: list[Triple] = []
        for iri in affected:
            record = after.get(iri)
            if record is None and iri not in elsewhere:
                continue
            cls, key, qid = current.get(iri, (None, None, None))
            cls, key = cls or (record.cls if record else None), key or (record.key if record else None)
            if not cls or not key:
                continue
            aliases = names.get(iri, set()) | (set(record.aliases) if record else set())
            described += entity_description(iri, cls=cls, key=key, aliases=aliases,
                                            wikidata=qid or (record.wikidata if record else None))
        return affected, described

    # ---- reading everything ----------------------------------------------------------------
    def union_graph(self) -> Graph:
        """An in-memory rdflib copy of everything (all graphs merged), for views and exports."""
        graph = new_graph()
        graph.bind("id", self.base)
        for triple in self._snapshot().query("CONSTRUCT WHERE { ?s ?p ?o }", use_default_graph_as_union=True):
            graph.add(from_ox_triple(triple))
        return graph

    def query(self, sparql: str, bindings: dict[str, Node] | None = None) -> Result:
        """Run a SPARQL query over the union of all graphs; an rdflib-style result.

        The prefixes `geo:`, `rdf:`, `rdfs:`, `skos:`, `owl:`, `prov:`, `dcterms:`, `xsd:`, `wd:`
        and `id:`/`doc:`/`assertion:` (the base IRI's) may be used without declaring them.

        Args:
            sparql: A SELECT, ASK, CONSTRUCT or DESCRIBE query.
            bindings: Values for variables, by name (without `?`).

        Raises:
            StoreError: The query is invalid (E112) or the store cannot answer.
        """
        return self._user_query(sparql, bindings)

    @property
    def prefixes(self) -> dict[str, str]:
        """Prefixes user queries and Turtle/TriG exports may use without declaring them."""
        from kg.store.export import prefixes

        return prefixes(self.base)

    def stats(self):  # noqa: ANN201 (kg.store.stats.StoreStats; imported late)
        """Counts of documents, entities per class, relations per predicate and triples."""
        from kg.store.stats import store_stats

        return store_stats(self)

    def export(self, fmt: str, path: str | None = None) -> bytes | None:
        """Write everything in `fmt` (see `kg.store.export.FORMATS`) to `path`, or return bytes."""
        from kg.store.export import export

        return export(self, fmt, path)

    def validate(self, *, limit: int = 50):  # noqa: ANN201 (kg.store.validate.Report)
        """Check the store against `ontologies/shapes.ttl` (pySHACL)."""
        from kg.store.validate import validate_graph

        return validate_graph(self.union_graph(), limit=limit)
