"""RDF (the geokg contract) → a networkx `MultiDiGraph` of entities and their relations.

One node per entity (keyed by its IRI as a string), one edge per distinct relation triple
`s geo:<relation> o` (keyed by the relation name), carrying every piece of evidence the
graph's `geo:Assertion` nodes give for it. Filters (relation, date window, confidence) act on
the pieces of evidence: an edge stays if at least one of its pieces does.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable
from typing import Any
from urllib.parse import unquote

import networkx as nx
from rdflib import OWL, RDF, RDFS, SKOS, ConjunctiveGraph, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV
from rdflib.term import Node

from kg.analysis.messages import AnalysisErrors
from kg.errors import ConfigError, Errors
from kg.graph.namespace import CORE_RELATIONS, ENTITY_CLASSES, GEO, SYMMETRIC_RELATIONS

WIKIDATA_PREFIX = "http://www.wikidata.org/entity/"
_WIKIDATA_OK = re.compile(r"^https?://www\.wikidata\.org/entity/Q[0-9]+$")
_DATE = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")
_CLASS_OF = {GEO[name]: name for name in ENTITY_CLASSES}
_RELATION_OF = {GEO[name]: name for name in CORE_RELATIONS}

DateLike = dt.date | str | None


def as_rdf_graph(graph: Any) -> Graph:
    """An rdflib `Graph` of `graph`: a Graph itself, the union of a Dataset, or a `KnowledgeGraph`."""
    if hasattr(graph, "union") and callable(graph.union) and not isinstance(graph, Graph):
        graph = graph.union()  # kg.KnowledgeGraph
    if isinstance(graph, ConjunctiveGraph):  # a Dataset too: merge its named graphs
        merged = Graph()
        for s, p, o, _ctx in graph.quads((None, None, None, None)):
            merged.add((s, p, o))
        return merged
    if not isinstance(graph, Graph):
        raise TypeError(f"expected an rdflib Graph or a kg.KnowledgeGraph, not {type(graph).__name__}")
    return graph


def parse_date_bound(value: DateLike, *, end: bool = False, which: str = "since") -> dt.date | None:
    """A date from `YYYY-MM-DD`, `YYYY-MM` or `YYYY`; a partial date stands for its first
    day, or its last day when `end` is true (so `until="2023-08"` includes 31 August).

    Raises:
        ConfigError: The text is not such a date.
    """
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    match = _DATE.match(str(value).strip())
    try:
        if not match:
            raise ValueError(value)
        year, month, day = int(match[1]), int(match[2] or 0), int(match[3] or 0)
        if not month:
            return dt.date(year, 12, 31) if end else dt.date(year, 1, 1)
        if not day:
            day = calendar.monthrange(year, month)[1] if end else 1
        return dt.date(year, month, day)
    except ValueError:
        raise ConfigError(AnalysisErrors.E070.format(which=which, value=str(value))) from None


def parse_relations(relations: Iterable[str] | str | None) -> tuple[str, ...] | None:
    """Relation names from a list or a comma-separated string, checked against the 17 core
    relations (case-insensitive; a `geo:` prefix is allowed).

    Raises:
        ConfigError: A name is not a core relation.
    """
    if relations is None:
        return None
    if isinstance(relations, str):
        relations = re.split(r"[,\s]+", relations)
    by_fold = {name.casefold(): name for name in CORE_RELATIONS}
    chosen: list[str] = []
    for raw in relations:
        name = raw.strip().removeprefix("geo:")
        if not name:
            continue
        if name.casefold() not in by_fold:
            raise ConfigError(Errors.E022.format(kind="relation", name=name,
                                                 choices=", ".join(CORE_RELATIONS)))
        if by_fold[name.casefold()] not in chosen:
            chosen.append(by_fold[name.casefold()])
    return tuple(chosen) or None


def check_confidence(value: float | str | None) -> float | None:
    """`value` as a float in [0, 1] (None stays None).

    Raises:
        ConfigError: Not a number in [0, 1].
    """
    if value is None:
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise ConfigError(AnalysisErrors.E072.format(value=value)) from None
    if not 0.0 <= number <= 1.0:
        raise ConfigError(AnalysisErrors.E072.format(value=value))
    return number


def to_date(value: Node | None) -> dt.date | None:
    """The date an RDF literal holds (xsd:date, xsd:dateTime, or text starting YYYY-MM-DD)."""
    if value is None:
        return None
    python = value.toPython() if isinstance(value, Literal) else value
    if isinstance(python, dt.datetime):
        return python.date()
    if isinstance(python, dt.date):
        return python
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _number(value: Node | None) -> float | None:
    try:
        return None if value is None else float(value.toPython() if isinstance(value, Literal) else value)
    except (TypeError, ValueError):
        return None


def _text(graph: Graph, node: Node, prop: URIRef) -> str | None:
    values = sorted(str(v) for v in graph.objects(node, prop) if isinstance(v, Literal))
    return values[0] if values else None


def _label(graph: Graph, node: Node) -> str:
    labels = [v for v in graph.objects(node, RDFS.label) if isinstance(v, Literal)]
    english = sorted(str(v) for v in labels if v.language in (None, "en") or str(v.language).startswith("en"))
    if english or labels:
        return (english or sorted(str(v) for v in labels))[0]
    local = re.split(r"[/#]", str(node).rstrip("/#"))[-1]
    return unquote(local).replace("_", " ") or str(node)


def _entity_attrs(graph: Graph, node: Node, cls: str | None) -> dict[str, Any]:
    label = _label(graph, node)
    names = sorted({str(v) for v in graph.objects(node, SKOS.altLabel) if isinstance(v, Literal)} - {label})
    wikidata = sorted(str(o) for o in graph.objects(node, OWL.sameAs) if _WIKIDATA_OK.match(str(o)))
    documents = len(set(graph.objects(node, GEO.mentionedIn)))
    return {"label": label, "class": cls, "names": names,
            "wikidata": wikidata[0] if wikidata else None, "documents": documents}


def _entities(graph: Graph) -> dict[Node, str]:
    classes: dict[Node, str] = {}
    for s, o in graph.subject_objects(RDF.type):
        cls = _CLASS_OF.get(o)
        if cls and (s not in classes or ENTITY_CLASSES.index(cls) < ENTITY_CLASSES.index(classes[s])):
            classes[s] = cls
    return classes


class _Documents:
    """Document metadata, read once per document."""

    def __init__(self, graph: Graph) -> None:
        self.graph = graph
        self.cache: dict[Node, dict[str, Any]] = {}

    def get(self, doc: Node | None) -> dict[str, Any]:
        if doc is None:
            return {"document": None, "title": None, "outlet": None, "source": None, "published": None}
        if doc not in self.cache:
            g = self.graph
            self.cache[doc] = {"document": str(doc), "title": _text(g, doc, DCTERMS.title),
                               "outlet": _text(g, doc, DCTERMS.publisher),
                               "source": _text(g, doc, DCTERMS.source),
                               "published": to_date(g.value(doc, DCTERMS.date))}
        return self.cache[doc]


def _assertions(graph: Graph) -> dict[tuple[Node, str, Node], list[dict[str, Any]]]:
    docs = _Documents(graph)
    found: dict[tuple[Node, str, Node], list[dict[str, Any]]] = defaultdict(list)
    for node in graph.subjects(RDF.type, GEO.Assertion):
        relation = _RELATION_OF.get(graph.value(node, RDF.predicate))
        s, o = graph.value(node, RDF.subject), graph.value(node, RDF.object)
        if relation is None or s is None or o is None:
            continue
        start, end = _number(graph.value(node, GEO.startOffset)), _number(graph.value(node, GEO.endOffset))
        evidence = {"assertion": str(node), "sentence": _text(graph, node, GEO.evidence) or "",
                    **docs.get(graph.value(node, PROV.wasDerivedFrom)),
                    "date": to_date(graph.value(node, DCTERMS.date)),
                    "confidence": _number(graph.value(node, GEO.confidence)),
                    "rule": _text(graph, node, GEO.rule), "cameo": _text(graph, node, GEO.cameoCode),
                    "start": None if start is None else int(start), "end": None if end is None else int(end)}
        found[(s, relation, o)].append(evidence)
    return found


def evidence_date(evidence: dict[str, Any]) -> dt.date | None:
    """The date a piece of evidence counts under: the event date, else the document's date."""
    return evidence.get("date") or evidence.get("published")


def _sort_key(evidence: dict[str, Any]) -> tuple:
    day = evidence_date(evidence)
    return (day is None, day or dt.date.min, evidence.get("title") or "", evidence.get("start") or 0)


def to_networkx(graph: Any, *, relations: Iterable[str] | str | None = None, since: DateLike = None,
                until: DateLike = None, min_confidence: float | None = None,
                isolates: bool = True) -> nx.MultiDiGraph:
    """The entities and relations of a geokg RDF graph as a networkx `MultiDiGraph`.

    Args:
        graph: An rdflib `Graph` (e.g. `store.union_graph()` or a parsed `graph.ttl`), a
            `Dataset`, or a `kg.KnowledgeGraph`.
        relations: Keep only these core relations (names, or one comma-separated string).
        since: Keep evidence dated on or after this day (`YYYY[-MM[-DD]]` or a date). Evidence
            counts under its event date (`dcterms:date` of the assertion), else its document's date;
            undated evidence is dropped when a date bound is given.
        until: Keep evidence dated on or before this day (a partial date means its last day).
        min_confidence: Keep evidence whose `geo:confidence` is at least this.
        isolates: Keep entities that have no (remaining) relation.

    Returns:
        Nodes keyed by entity IRI with attributes `label`, `class` (e.g. "Country"; None for an
        untyped relation end), `names` (other names), `wikidata` (item IRI or None) and
        `documents` (how many documents mention it). Edges `(s, o, key=relation)` with
        `relation`, `symmetric`, `evidence` (list of dicts: sentence, document, title, outlet,
        source, date, published, confidence, rule, cameo, start, end, assertion), `count`,
        `date` (earliest evidence date) and `confidence` (highest). A relation triple without
        any assertion keeps an empty evidence list (and is dropped by date/confidence filters).

    Raises:
        ConfigError: An unknown relation, a malformed date or an out-of-range confidence.

    Example:
        >>> G = to_networkx(rdflib.Graph().parse("out/graph.ttl"), relations="supports,attacks")
        >>> sorted(G.degree, key=lambda nd: -nd[1])[:5]
    """
    rdf = as_rdf_graph(graph)
    wanted = parse_relations(relations)
    start = parse_date_bound(since, which="since")
    stop = parse_date_bound(until, end=True, which="until")
    if start and stop and start > stop:
        raise ConfigError(AnalysisErrors.E071.format(since=start, until=stop))
    floor = check_confidence(min_confidence)
    strict = start is not None or stop is not None or floor is not None

    def keep(ev: dict[str, Any]) -> bool:
        day = evidence_date(ev)
        if (start or stop) and (day is None or (start and day < start) or (stop and day > stop)):
            return False
        return floor is None or (ev["confidence"] is not None and ev["confidence"] >= floor)

    entities = _entities(rdf)
    assertions = _assertions(rdf)
    triples = {(s, rel, o) for rel in (wanted or CORE_RELATIONS) for s, o in rdf.subject_objects(GEO[rel])}
    triples |= {key for key in assertions if wanted is None or key[1] in wanted}
    out = nx.MultiDiGraph(filters={"relations": wanted, "since": start, "until": stop,
                                   "min_confidence": floor})
    if isolates:
        for node in sorted(entities, key=str):
            out.add_node(str(node), **_entity_attrs(rdf, node, entities[node]))
    order = {name: i for i, name in enumerate(CORE_RELATIONS)}
    for s, rel, o in sorted(triples, key=lambda t: (order[t[1]], str(t[0]), str(t[2]))):
        evidence = assertions.get((s, rel, o), [])
        kept = sorted((ev for ev in evidence if keep(ev)), key=_sort_key)
        if strict and not kept:
            continue
        for node in (s, o):
            if str(node) not in out:
                out.add_node(str(node), **_entity_attrs(rdf, node, entities.get(node)))
        dates = [d for d in map(evidence_date, kept) if d]
        scores = [ev["confidence"] for ev in kept if ev["confidence"] is not None]
        out.add_edge(str(s), str(o), key=rel, relation=rel, symmetric=rel in SYMMETRIC_RELATIONS,
                     evidence=kept, count=len(kept), date=min(dates) if dates else None,
                     confidence=max(scores) if scores else None)
    return out
