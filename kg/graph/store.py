"""`KnowledgeGraph`: the documents, entities and facts of a build, as an in-memory RDF dataset.

A document's *contribution* is what it adds to a graph: its named graph (IRI = the document's
IRI) holding the document node, its relation triples with their assertions, a
`geo:mentionedIn` link for every entity it names, the names it uses for them (`skos:altLabel`)
and, for a build, `dcterms:provenance` (which geokg and pipeline extracted it); plus one
`EntityRecord` per entity (class, canonical name, names, Wikidata id).

Entity descriptions live in one shared graph, `{base}entities`, kept consistent as documents
come and go: an entity's class, label and Wikidata link are those of the first document that
named it (kept while any document still names it); its alternative labels are the names used
by the documents that name it now; an entity no document names any more is removed. The
persistent store (`kg.store`) follows the same rules, so a build's `graph.ttl` and a store
holding the same documents agree.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from rdflib import OWL, RDF, RDFS, SKOS, XSD, Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS
from rdflib.term import Node

from kg.extract.model import Entity, Extraction
from kg.graph.iris import DEFAULT_BASE_IRI, WIKIDATA, check_base, document_iri, entity_iri, wikidata_iri
from kg.graph.mapping import T, clean_text, document_triples, extraction_lines, new_graph, nt_iri, nt_literal
from kg.graph.namespace import CORE_RELATIONS, GEO
from kg.ingest.document import Document

Triple = tuple[Node, Node, Node]
_CORE = frozenset(GEO[r] for r in CORE_RELATIONS)
_INTEGERS = frozenset(XSD[t] for t in (
    "integer", "nonNegativeInteger", "positiveInteger", "nonPositiveInteger", "negativeInteger", "long",
    "int", "short", "byte", "unsignedLong", "unsignedInt", "unsignedShort", "unsignedByte"))


def canonical(term: Node) -> Node:
    """A literal in the canonical form a store keeps: Oxigraph stores every integer type as
    `xsd:integer` and decimals in canonical form ("1.0" → "1"), so graphs are written that way
    for a build's files and a store to hold the very same terms."""
    if not isinstance(term, Literal) or term.datatype is None:
        return term
    try:
        if term.datatype in _INTEGERS:
            return Literal(str(int(str(term))), datatype=XSD.integer)
        if term.datatype == XSD.decimal:
            value = Decimal(str(term))
            if value == value.to_integral_value():
                return Literal(str(int(value)), datatype=XSD.decimal)
            return Literal(format(value.normalize(), "f"), datatype=XSD.decimal)
    except (ValueError, InvalidOperation):
        return term
    return term


@dataclass(frozen=True)
class GraphStats:
    """Counts of a knowledge graph."""

    documents: int
    entities: int
    relations: int
    triples: int


@dataclass(frozen=True)
class EntityRecord:
    """One entity as one document describes it."""

    iri: URIRef
    key: str
    cls: str
    aliases: frozenset[str]
    wikidata: str | None = None


class Contribution:
    """Everything one document adds: its named graph and its entity records.

    The named graph is held as rdflib `triples` or as N-Triples `lines` (what `contribution()`
    builds and bulk writes load as they are); either form is derived from the other on first use.

    Attributes:
        document: The document.
        iri: Its IRI (the name of its graph).
        entities: The entities it names, by IRI.
    """

    __slots__ = ("_lines", "_triples", "document", "entities", "iri")

    def __init__(self, document: Document, iri: URIRef, triples: list[Triple] | None = None,
                 entities: dict[URIRef, EntityRecord] | None = None, *, lines: list[str] | None = None) -> None:
        if triples is None and lines is None:
            raise ValueError("a contribution needs its triples or its lines")
        self.document = document
        self.iri = iri
        self.entities = entities if entities is not None else {}
        self._triples = triples
        self._lines = lines

    def __repr__(self) -> str:
        return f"Contribution({self.document.id!r}, {len(self.lines)} triples, {len(self.entities)} entities)"

    def __getstate__(self) -> tuple:
        return self.document, self.iri, self.entities, self.lines

    def __setstate__(self, state: tuple) -> None:
        self.document, self.iri, self.entities, self._lines = state
        self._triples = None

    @property
    def triples(self) -> list[Triple]:
        """The named graph's triples as rdflib terms."""
        if self._triples is None:
            self._triples = parse_lines(self._lines or [])
        return self._triples

    @property
    def lines(self) -> list[str]:
        """The named graph's triples as N-Triples lines (without line ends)."""
        if self._lines is None:
            from kg.store.terms import nt_lines

            self._lines = list(nt_lines(self._triples or []))
        return self._lines

    @property
    def marker(self) -> Triple:
        """The triple written last (`geo:contentHash`): a document without it is incomplete."""
        return self.iri, GEO.contentHash, Literal(self.document.content_hash)

    @property
    def marker_line(self) -> str:
        """`marker` as an N-Triples line."""
        return f"{nt_iri(self.iri)} {T['contentHash']} {nt_literal(self.document.content_hash)} ."


def parse_lines(lines: list[str]) -> list[Triple]:
    """N-Triples lines as rdflib triples (parsed by Oxigraph; terms as `kg.store.terms.from_ox` gives)."""
    import pyoxigraph as ox

    from kg.store.terms import from_ox

    if not lines:
        return []
    data = ("\n".join(lines) + "\n").encode("utf-8")
    return [(from_ox(t.subject), from_ox(t.predicate), from_ox(t.object))
            for t in ox.parse(data, format=ox.RdfFormat.N_TRIPLES, lenient=True)]


def document_node(document: Document, *, base: str, provenance: str | None = None) -> list[Triple]:
    """The document node's triples (what `kg build` compares to decide whether to skip)."""
    triples: list[Triple] = list(document_triples(document, base=base))
    if provenance:
        triples.append((document_iri(base, document.id), DCTERMS.provenance, Literal(provenance)))
    return triples


def contribution(document: Document, extraction: Extraction, *, base: str = DEFAULT_BASE_IRI,
                 provenance: str | None = None) -> Contribution:
    """The contribution of one extracted document.

    Args:
        document: The document.
        extraction: What extraction found in it.
        base: Base IRI of minted IRIs.
        provenance: What extracted it (geokg version, pipeline); written as `dcterms:provenance`.
    """
    node = document_iri(base, document.id)
    iris: dict[str, str] = {}
    lines = extraction_lines(document, extraction, base=base, iris=iris)
    if provenance:
        lines.append(f"{nt_iri(node)} {T['provenance']} {nt_literal(provenance)} .")
    records: dict[URIRef, EntityRecord] = {}
    for key in sorted(extraction.entities):
        entity = extraction.entities[key]
        iri = entity_iri(base, key)
        aliases = frozenset(a for a in entity.aliases if a.strip() and a != key)
        records[iri] = EntityRecord(iri, key, entity.cls, aliases, entity.wikidata)
        subject = iris[key]
        lines.extend(f"{subject} {T['altLabel']} {nt_literal(clean_text(a), lang='en')} ." for a in sorted(aliases))
    return Contribution(document, node, entities=records, lines=lines)


def with_document(stored: Contribution, document: Document, *, base: str,
                  provenance: str | None) -> Contribution:
    """A stored contribution with its document node rewritten from `document` (new metadata)."""
    node = document_iri(base, document.id)
    kept = [t for t in stored.triples if t[0] != node]
    return Contribution(document, node, kept + document_node(document, base=base, provenance=provenance),
                        stored.entities)


def entity_description(iri: URIRef, *, cls: str, key: str, aliases: Iterable[str],
                       wikidata: str | None) -> list[Triple]:
    """The shared description of one entity: class, label, alternative labels, Wikidata link."""
    triples: list[Triple] = [(iri, RDF.type, GEO[cls]), (iri, RDFS.label, Literal(clean_text(key), lang="en"))]
    triples.extend((iri, SKOS.altLabel, Literal(clean_text(a), lang="en"))
                   for a in sorted(set(aliases) - {key}) if a.strip())
    if wikidata:
        triples.append((iri, OWL.sameAs, wikidata_iri(wikidata)))
    return triples


def qid_of(node: Node | None) -> str | None:
    """`Q123` from a Wikidata entity IRI, else None."""
    text = str(node or "")
    return text[len(WIKIDATA):] if text.startswith(WIKIDATA) else None


class KnowledgeGraph:
    """An in-memory knowledge graph built from documents.

    Adding a document only files its contribution; the rdflib `dataset` (and the shared
    entity descriptions in it) is built when first asked for, and again after later changes,
    so building a graph of many documents costs one pass, not one per document.

    Example:
        >>> kg = KnowledgeGraph()
        >>> kg.add(document, extraction)
        >>> kg.union().serialize("graph.ttl", format="turtle")
    """

    def __init__(self, *, base_iri: str = DEFAULT_BASE_IRI) -> None:
        self.base = check_base(base_iri)
        self.documents: dict[str, Document] = {}
        self._items: dict[str, Contribution] = {}
        self._records: dict[str, dict[URIRef, EntityRecord]] = {}
        self._mentions: dict[URIRef, set[str]] = {}
        self._first: dict[URIRef, EntityRecord] = {}
        self._dataset: Dataset | None = None

    @property
    def entities_graph_iri(self) -> URIRef:
        """Name of the shared graph holding entity descriptions."""
        return URIRef(self.base + "entities")

    @property
    def entities(self) -> dict[str, Entity]:
        """The entities named by the documents, merged across documents, by canonical name."""
        merged: dict[str, Entity] = {}
        for iri, first in self._first.items():
            aliases = set().union(*(self._records[d][iri].aliases for d in self._mentions[iri]))
            merged[first.key] = Entity(first.key, first.cls, aliases, self._wikidata(iri))
        return merged

    @property
    def dataset(self) -> Dataset:
        """Every document's named graph and the entities graph, as an rdflib `Dataset`."""
        if self._dataset is None:
            dataset = new_graph(Dataset)
            for item in self._items.values():
                graph = dataset.graph(item.iri)
                for triple in item.triples:
                    graph.add(triple)
            graph = dataset.graph(self.entities_graph_iri)
            for triple in self._descriptions():
                graph.add(triple)
            self._dataset = dataset
        return self._dataset

    def add(self, document: Document, extraction: Extraction, *, provenance: str | None = None) -> None:
        """Add (or replace) one document's contribution."""
        self.add_contribution(contribution(document, extraction, base=self.base, provenance=provenance))

    def add_contribution(self, item: Contribution) -> None:
        """Add (or replace) a document's contribution, keeping entity descriptions consistent."""
        doc_id = item.document.id
        old = self._forget(doc_id)
        self._items[doc_id] = item
        self.documents[doc_id] = item.document
        self._records[doc_id] = dict(item.entities)
        for iri, record in item.entities.items():
            self._mentions.setdefault(iri, set()).add(doc_id)
            self._first.setdefault(iri, record)  # a replaced document's entities keep their first record
        self._drop_unnamed(old)
        self._dataset = None

    def remove(self, doc_id: str) -> bool:
        """Remove a document's contribution; entities no other document names go too."""
        if doc_id not in self.documents:
            return False
        self._drop_unnamed(self._forget(doc_id))
        del self.documents[doc_id]
        self._dataset = None
        return True

    def _forget(self, doc_id: str) -> list[URIRef]:
        old = self._records.pop(doc_id, {})
        self._items.pop(doc_id, None)
        for iri in old:
            self._mentions.get(iri, set()).discard(doc_id)
        return list(old)

    def _drop_unnamed(self, iris: Iterable[URIRef]) -> None:
        """Entities no document names any more leave the graph."""
        for iri in iris:
            if not self._mentions.get(iri):
                self._mentions.pop(iri, None)
                self._first.pop(iri, None)

    def _wikidata(self, iri: URIRef) -> str | None:
        first = self._first[iri]
        return first.wikidata or next((self._records[d][iri].wikidata for d in sorted(self._mentions[iri])
                                       if self._records[d][iri].wikidata), None)

    def _descriptions(self) -> list[Triple]:
        """The entities graph: every named entity's class, label, names and Wikidata link."""
        names: dict[URIRef, set[str]] = {iri: set() for iri in self._first}
        for records in self._records.values():
            for iri, record in records.items():
                names[iri] |= record.aliases
        triples: list[Triple] = []
        for iri, first in self._first.items():
            triples += entity_description(iri, cls=first.cls, key=first.key, aliases=names[iri],
                                          wikidata=self._wikidata(iri))
        return triples

    def _triples(self) -> set[Triple]:
        found = {t for item in self._items.values() for t in item.triples}
        found.update(self._descriptions())
        return found

    def union(self) -> Graph:
        """All triples of all graphs in one graph (what `graph.ttl` holds)."""
        merged = new_graph()
        for triple in self._triples():
            merged.add(triple)
        return merged

    def stats(self) -> GraphStats:
        """Counts of documents, entities, distinct relation triples, and distinct triples."""
        triples = self._triples()
        relations = {t for t in triples if t[1] in _CORE}
        return GraphStats(documents=len(self.documents), entities=len(self._first),
                          relations=len(relations), triples=len(triples))
