"""From what a person types to an IRI: entity names and relation names.

An entity parameter accepts any name the store knows for the entity (its `rdfs:label` or a
`skos:altLabel`, compared without case or accents: "cote d'ivoire" finds "Côte d'Ivoire"),
an IRI (`<https://…>`, `https://…` or `id:Niger`), or a name geokg's gazetteers know for it
("Russian Federation" finds Russia even if no article used that name). Lookups go from the
cheapest to the widest: the exact label (one indexed SPARQL lookup), the normalised names of
every entity (one scan, kept by `NameIndex`), then the gazetteers.
"""

from __future__ import annotations

import difflib
import re
import threading
from collections.abc import Iterable
from typing import Any

from rdflib import Literal, URIRef
from rdflib.term import Node

from kg.graph.iris import entity_iri
from kg.graph.namespace import CORE_RELATIONS, GEO
from kg.query.errors import QueryError, QueryErrors
from kg.query.sparql_text import STANDARD_PREFIXES
from kg.resolve.gazetteer import normalize

LABEL, ALT, GAZETTEER = 1, 2, 3
_NAMES = ("SELECT DISTINCT ?e ?name ?kind WHERE { { ?e <http://www.w3.org/2000/01/rdf-schema#label> ?name "
          "BIND(1 AS ?kind) } UNION { ?e <http://www.w3.org/2004/02/skos/core#altLabel> ?name BIND(2 AS ?kind) } }")
_LABELS_OF = ("SELECT ?e ?name WHERE { ?e <http://www.w3.org/2000/01/rdf-schema#label> ?name }")
_KNOWN = "ASK { { ?e ?p ?o } UNION { ?s ?p ?e } }"
_PREFIXED = re.compile(r"^([A-Za-z][\w.-]*):([^\s<>\"]+)$")
_RELATION_ALIASES = {"criticises": "criticizes", "criticise": "criticizes", "criticize": "criticizes",
                     "support": "supports", "attack": "attacks", "meets": "meetsWith", "meet": "meetsWith",
                     "visit": "visits", "leads": "leaderOf", "neighbours": "borders", "border": "borders",
                     "sanction": "sanctions", "threaten": "threatens"}


def _key(name: str) -> str:
    return normalize(name)


def resolve_relation(text: str) -> URIRef:
    """"supports", "geo:supports", "provides aid to" or the IRI → the relation's IRI (E157 otherwise)."""
    raw = text.strip().strip("<>")
    for prefix in (str(GEO), "geo:"):
        if raw.startswith(prefix):
            raw = raw[len(prefix):]
    squashed = re.sub(r"[\s_-]+", "", raw).casefold()
    names = {r.casefold(): r for r in CORE_RELATIONS}
    name = names.get(squashed) or _RELATION_ALIASES.get(squashed)
    if name is None:
        raise QueryError(QueryErrors.E157.format(name=text, choices=", ".join(CORE_RELATIONS)))
    return URIRef(str(GEO) + name)


def _rows(result: Any) -> list[dict[str, Node]]:
    return [{str(k): v for k, v in row.items()} for row in (result.bindings or [])]


class NameIndex:
    """Resolve entity names against one store.

    The full index (every label and alternative name) is read once, on the first name that
    is not an exact label, and kept: use one index per store state (the SPARQL server keeps
    one for its read-only store; `run_saved` makes a fresh one per call).

    Args:
        store: A `kg.store.GraphStore` (anything with `.query(sparql, bindings)` and `.base`).
    """

    def __init__(self, store: Any) -> None:
        self.store = store
        self._index: dict[str, dict[URIRef, int]] | None = None
        self._verbatim: dict[str, dict[URIRef, int]] = {}
        self._labels: dict[URIRef, str] = {}
        self._lock = threading.Lock()

    # ---- the full index --------------------------------------------------------------------
    def load(self) -> NameIndex:
        """Read every label and alternative name now (the server does this at start-up)."""
        with self._lock:
            if self._index is None:
                index: dict[str, dict[URIRef, int]] = {}
                verbatim: dict[str, dict[URIRef, int]] = {}
                for row in _rows(self.store.query(_NAMES)):
                    iri, name, kind = row.get("e"), row.get("name"), int(row.get("kind", ALT))
                    if not isinstance(iri, URIRef) or name is None:
                        continue
                    for table, key in ((index, _key(str(name))), (verbatim, str(name))):
                        slot = table.setdefault(key, {})
                        slot[iri] = min(slot.get(iri, kind), kind)
                    if kind == LABEL:
                        self._labels[iri] = str(name)
                self._verbatim = verbatim
                self._index = index
        return self

    def label(self, iri: URIRef) -> str:
        """The entity's label (its IRI when it has none)."""
        if iri not in self._labels:
            rows = _rows(self.store.query(_LABELS_OF, {"e": iri}))
            self._labels[iri] = str(rows[0]["name"]) if rows else str(iri)
        return self._labels[iri]

    # ---- resolving ---------------------------------------------------------------------
    def resolve(self, text: str, *, param: str = "entity") -> URIRef:
        """The IRI of the one entity `text` names.

        Raises:
            QueryError: No entity has that name (E155, with close matches) or several
                equally good ones do (E156, naming them).
        """
        name = text.strip()
        if not name:
            raise QueryError(QueryErrors.E162.format(value=text, param=param, kind="entity", why="empty"))
        iri = self._as_iri(name)
        if iri is not None:
            if iri not in self._labels and not bool(self.store.query(_KNOWN, {"e": iri}).askAnswer):
                raise QueryError(QueryErrors.E155.format(name=name, hint=" (no triple mentions this IRI)"))
            return iri
        for lookup in (self._exact, self._normalised, self._gazetteer):  # cheapest first, stop at a hit
            candidates = lookup(name)
            if candidates:
                return self._one(name, candidates)
        raise QueryError(QueryErrors.E155.format(name=name, hint=self._suggest(name)))

    def _as_iri(self, name: str) -> URIRef | None:
        if name.startswith("<") and name.endswith(">"):
            return URIRef(name[1:-1])
        if re.match(r"^https?://\S+$", name):
            return URIRef(name)
        match = _PREFIXED.match(name)
        if match:
            prefixes = dict(STANDARD_PREFIXES, id=self.store.base)
            if match.group(1) in prefixes:
                return URIRef(prefixes[match.group(1)] + match.group(2))
        return None

    def _exact(self, name: str) -> dict[URIRef, int]:
        if self._index is not None:  # read already: no need to ask the store
            return dict(self._verbatim.get(name, {}))
        found: dict[URIRef, int] = {}
        for row in _rows(self.store.query(_NAMES, {"name": Literal(name, lang="en")})):
            if isinstance(row.get("e"), URIRef):
                found[row["e"]] = min(found.get(row["e"], 9), int(row.get("kind", ALT)))
                if int(row.get("kind", ALT)) == LABEL:
                    self._labels[row["e"]] = name
        return found

    def _normalised(self, name: str) -> dict[URIRef, int]:
        return dict(self.load()._index.get(_key(name), {}))  # type: ignore[union-attr]

    def _gazetteer(self, name: str) -> dict[URIRef, int]:
        from kg.resolve.gazetteer import load_gazetteer

        gazetteer = load_gazetteer()
        keys: list[str] = [c.name for c in gazetteer.countries_by_name(name)]
        for hit in (gazetteer.organization(name), gazetteer.person(name),
                    gazetteer.country_by_adjective(name)):
            if hit is not None:
                keys.append(hit.name)
        found: dict[URIRef, int] = {}
        for key in dict.fromkeys(keys):
            iri = entity_iri(self.store.base, key)
            if self.label(iri) != str(iri):
                found.setdefault(iri, GAZETTEER)
        return found

    def _one(self, name: str, candidates: dict[URIRef, int]) -> URIRef:
        best = min(candidates.values())
        tied = sorted(iri for iri, kind in candidates.items() if kind == best)
        if len(tied) == 1:
            return tied[0]
        shown = [f"{self.label(i)} <{i}>" for i in tied[:6]] + (["…"] if len(tied) > 6 else [])
        raise QueryError(QueryErrors.E156.format(name=name, count=len(tied), choices="; ".join(shown)))

    def _suggest(self, name: str) -> str:
        index = self.load()._index or {}
        close = difflib.get_close_matches(_key(name), list(index), n=3, cutoff=0.75)
        labels = [self.label(sorted(index[k])[0]) for k in close]
        return f" (did you mean {', '.join(map(repr, dict.fromkeys(labels)))}?)" if labels else ""

    def names(self) -> Iterable[str]:
        """Every entity label (for suggestions and the query page)."""
        self.load()
        return sorted(self._labels.values())
