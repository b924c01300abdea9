"""Write operations a store applies, and their SPARQL 1.1 Update text.

A backend runs a list of them in order: the embedded store as one update (one transaction), a
remote server as one request each (`INSERT DATA` split into batches).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from rdflib import Literal, URIRef
from rdflib.term import Node

from kg.store.terms import Triple, nt, nt_lines

CHUNK = 200


@dataclass(frozen=True)
class Drop:
    """Remove a whole named graph."""

    graph: URIRef


@dataclass(frozen=True)
class Insert:
    """Add triples to a named graph."""

    graph: URIRef
    triples: tuple[Triple, ...]


@dataclass(frozen=True)
class Delete:
    """Remove every triple of `subjects` (only with `predicate`, if given) from a named graph."""

    graph: URIRef
    subjects: tuple[URIRef, ...]
    predicate: URIRef | None = None


Op = Drop | Insert | Delete


def compile_op(op: Op) -> str:
    """One write operation as SPARQL 1.1 Update text."""
    if isinstance(op, Drop):
        return f"DROP SILENT GRAPH {nt(op.graph)}"
    if isinstance(op, Insert):
        return "INSERT DATA { GRAPH %s {\n%s\n} }" % (nt(op.graph), "\n".join(nt_lines(op.triples)))
    pred = nt(op.predicate) if op.predicate is not None else "?p"
    values = " ".join(nt(s) for s in op.subjects)
    return (f"DELETE {{ GRAPH {nt(op.graph)} {{ ?s {pred} ?o }} }} WHERE {{ VALUES ?s {{ {values} }} "
            f"GRAPH {nt(op.graph)} {{ ?s {pred} ?o }} }}")


def chunks(items: list[Any], size: int = CHUNK) -> Iterator[list[Any]]:
    """`items` in lists of at most `size` (VALUES blocks stay small)."""
    for i in range(0, len(items), size):
        yield items[i:i + size]


def values_clause(bindings: dict[str, Node] | None) -> str:
    """A trailing VALUES clause binding variables: how `query(..., bindings)` reaches every
    backend (joined with the query's pattern, like rdflib's `initBindings`; the variables need
    not be selected)."""
    if not bindings:
        return ""
    names = " ".join("?" + k.lstrip("?$") for k in bindings)
    return f"\nVALUES ({names}) {{ ({' '.join(nt(v) for v in bindings.values())}) }}"


def nt_literal(text: str | None) -> str:
    """A plain string literal in SPARQL syntax."""
    return nt(Literal(text or ""))
