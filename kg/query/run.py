"""Run SPARQL against a store: ad-hoc queries, query files and saved questions.

Every query sees the union of the store's graphs as its default graph and may use the
store's prefixes (`geo:`, `rdf:`, `rdfs:`, `owl:`, `skos:`, `xsd:`, `prov:`, `dcterms:`,
`wd:`, and `id:` for its base IRI) without declaring them. Parameters are bound as RDF terms,
never pasted into the query: a VALUES block written from the terms opens the query's WHERE
group (`inject_values`), the semantics of rdflib's `initBindings`.

The default graph is the union of the graphs as a bag: a relation stated by two articles is
there twice (once per document graph), and an entity's alternative names are in its
documents' graphs and in the entities graph. Use DISTINCT or COUNT(DISTINCT …).
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from contextlib import contextmanager
from typing import Any, Iterator

from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from kg.query.errors import QueryError, QueryErrors
from kg.query.names import NameIndex, resolve_relation
from kg.query.result import QueryResult
from kg.query.saved import SavedQuestion, get_question, simple_value
from kg.query.sparql_text import STANDARD_PREFIXES, explain_syntax_error, scrub, update_keyword

_WHERE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)


def prefixes_for(store: Any) -> dict[str, str]:
    """The prefixes queries on `store` may use undeclared (the store's, else the standard ones
    and `id:` for its base IRI)."""
    found = getattr(store, "prefixes", None)
    if isinstance(found, dict) and found:
        return dict(found)
    return dict(STANDARD_PREFIXES, id=getattr(store, "base", "https://geokg.org/id/"))


def to_term(value: Any) -> Node:
    """A Python value as an RDF term: rdflib terms as they are, `str` as a plain literal,
    numbers, booleans and dates as typed literals."""
    if isinstance(value, (URIRef, Literal, BNode)):
        return value
    if value is None:
        raise TypeError("a binding cannot be None; leave the variable out instead")
    return Literal(value)


def values_block(bindings: Mapping[str, Node]) -> str:
    """`VALUES (?a ?b) { (<…> "…") }` from RDF terms (N-Triples syntax, escaped)."""
    from kg.store.terms import nt

    names = " ".join("?" + k for k in bindings)
    return f"VALUES ({names}) {{ ({' '.join(nt(v) for v in bindings.values())}) }}"


def where_starts(sparql: str) -> list[tuple[int, int]]:
    """Each `WHERE {` of the query: the offset just inside its brace and how deeply it is
    nested (0: the query's own). None for the `CONSTRUCT WHERE { … }` short form, whose
    pattern must stay a plain template."""
    scrubbed = scrub(sparql)
    found = []
    for match in _WHERE.finditer(scrubbed):
        before = scrubbed[:match.start()]
        if re.search(r"\bCONSTRUCT\s*$", before, re.IGNORECASE):
            return []
        found.append((match.end(), before.count("{") - before.count("}")))
    return found


def inject_values(sparql: str, bindings: Mapping[str, Node], *, every: bool = False) -> str | None:
    """`sparql` with a VALUES block opening its own WHERE group (with `every`, each WHERE
    group: sub-selects too), or None when it has no such group.

    This is how parameters are bound: the block is written from RDF terms (N-Triples syntax,
    escaped), never from what the user typed, and being first in the group it joins before
    everything else, so triple patterns start from the bound terms and FILTERs see them (the
    semantics of rdflib's `initBindings`).
    """
    starts = [at for at, depth in where_starts(sparql) if every or depth == 0]
    if not starts:
        return None
    if not bindings:
        return sparql
    block = f" {values_block(bindings)} "
    for at in sorted(starts, reverse=True):
        sparql = sparql[:at] + block + sparql[at:]
    return sparql


def _store_error(error: Exception, sparql: str, *, what: str) -> Exception:
    """A store's query error, restated to name the query (and fix positions)."""
    text = str(error)
    if text.startswith("E112"):
        why = text.split(":", 1)[1].strip() if ":" in text else text
        return QueryError(QueryErrors.E150.format(
            what=what, why=explain_syntax_error(why, sparql)))
    match = re.search(r"does not contains? variable \?(\w+)", text)
    if match:
        return QueryError(QueryErrors.E166.format(name=match.group(1)))
    return error


def execute(store: Any, sparql: str, bindings: Mapping[str, Any] | None = None, *,
            what: str = "the query", hide: tuple[str, ...] = (), every: bool = False) -> QueryResult:
    """Run one query and wrap its answer.

    Args:
        store: An open `kg.store.GraphStore`.
        sparql: A SELECT, ASK, CONSTRUCT or DESCRIBE query.
        bindings: Variable name (without `?`) → value (see `to_term`), bound by `inject_values`
            (through the store's own trailing VALUES when the query has no `WHERE {`).
        what: How error messages name the query ("question.rq", "saved question 'relations'").
        hide: Columns to leave out of the answer (bound parameters).
        every: Bind in every WHERE group, sub-selects included (saved questions), not only
            the outermost.

    Raises:
        QueryError: An update (E159) or invalid SPARQL (E150).
    """
    keyword = update_keyword(sparql)
    if keyword:
        raise QueryError(QueryErrors.E159.format(what=what[0].upper() + what[1:], keyword=keyword))
    terms = {k.lstrip("?$"): to_term(v) for k, v in (bindings or {}).items()}
    injected = inject_values(sparql, terms, every=every) if terms else sparql
    from kg.store import StoreError

    try:
        answer = store.query(injected or sparql, None if injected else terms)
    except StoreError as e:
        raise _store_error(e, sparql, what=what) from None
    return QueryResult.from_rdflib(answer, prefixes=prefixes_for(store), hide=hide)


@contextmanager
def _opened(store: Any) -> Iterator[Any]:
    """`store` itself, or the store at a path/URL (None: the default store) opened for the call."""
    if store is None or isinstance(store, (str, os.PathLike)):
        from kg.store import open_store

        with open_store(store, create=False) as opened:
            yield opened
    else:
        yield store


def run(store: Any, sparql: str, /, **bindings: Any) -> QueryResult:
    """Run a SPARQL query; keyword arguments bind variables.

    Args:
        store: An open `kg.store.GraphStore`, or a store folder / endpoint URL (None: the
            default store), opened for this call.
        sparql: A SELECT, ASK, CONSTRUCT or DESCRIBE query (standard prefixes need no PREFIX).
        **bindings: Variable → value: rdflib terms as they are, `str` as a plain literal,
            numbers and dates as typed literals (use `rdflib.URIRef` for an IRI).

    Returns:
        A `QueryResult`: `.columns`, `.rows` (Python values), `.to_dicts()`, `.boolean`, `.graph`.

    Example:
        >>> from kg.query import query
        >>> result = query(store, "SELECT ?who WHERE { ?who geo:supports ?x }", x=URIRef(niger))
        >>> pandas.DataFrame(result.to_dicts())
    """
    with _opened(store) as target:
        return execute(target, sparql, bindings)


def bind_params(store: Any, question: SavedQuestion, values: Mapping[str, Any], *,
                names: NameIndex | None = None) -> dict[str, Node]:
    """A question's parameter values as RDF terms: names resolved to entity IRIs, relations to
    `geo:` IRIs, dates and numbers to typed literals.

    Raises:
        QueryError: A missing required parameter (E152), an unknown one (E153), a name that
            finds no or several entities (E155/E156), a bad date or relation (E162/E157).
    """
    for key in values:
        question.param(key)
    index = names or NameIndex(store)
    terms: dict[str, Node] = {}
    for param in question.params:
        value = values.get(param.name)
        if value is None or (isinstance(value, str) and not value.strip()):
            if param.required:
                raise QueryError(QueryErrors.E152.format(name=question.name, param=param.name,
                                                         help=param.help or param.kind,
                                                         example=question.example or "kg query --list"))
            continue
        if isinstance(value, (URIRef, Literal)):
            terms[param.name] = value
        elif param.kind == "entity":
            terms[param.name] = index.resolve(str(value), param=param.name)
        elif param.kind == "relation":
            terms[param.name] = resolve_relation(str(value))
        else:
            terms[param.name] = simple_value(param, str(value))
    return terms


def run_question(store: Any, question: SavedQuestion, values: Mapping[str, Any], *,
                 names: NameIndex | None = None, what: str | None = None) -> QueryResult:
    """Run a saved question (or a `.rq` file with a parameter header) with parameter values."""
    with _opened(store) as target:
        terms = bind_params(target, question, values, names=names)
        return execute(target, question.text, terms, what=what or f"saved question {question.name!r}",
                       hide=tuple(p.name for p in question.params), every=True)


def run_saved(store: Any, name: str, /, **params: Any) -> QueryResult:
    """Run a saved question by name (`kg query --list` shows them).

    Args:
        store: An open `kg.store.GraphStore`, or a store folder / URL (None: the default store).
        name: The question, e.g. "relations", "supporters", "paths".
        **params: Its parameters; entity parameters take any of the entity's names or its IRI.

    Example:
        >>> run_saved(store, "supporters", actor="Niger").to_dicts()
        >>> run_saved(store, "paths", **{"from": "Russian Federation", "to": "Niger"})
    """
    return run_question(store, get_question(name), params)


query = run
