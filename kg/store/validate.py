"""`kg validate`: check a graph against `ontologies/shapes.ttl` with pySHACL; a readable report.

Each violation becomes one line naming the node by its label, what is wrong (the shape's
message, which cites the relation guide), and the offending value:

    Wagner Group (https://geokg.org/id/Wagner_Group): the subject of geo:visits must be a Country, … (relations.md)
"""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from rdflib import RDFS, Graph, Literal, URIRef
from rdflib.namespace import SH
from rdflib.term import Node

from kg.graph.mapping import new_graph
from kg.store.errors import StoreError, StoreErrors
from kg.store.shapes import SHAPES_PATH
from kg.store.terms import from_ox_triple

_SUFFIXES = {".ttl": "turtle", ".nt": "ntriples", ".nq": "nquads", ".trig": "trig", ".jsonld": "jsonld",
             ".json": "jsonld", ".rdf": "rdfxml", ".xml": "rdfxml", ".owl": "rdfxml"}


@dataclass(frozen=True)
class Violation:
    """One SHACL result, with labels for people."""

    severity: str
    focus: str
    focus_label: str
    path: str
    value: str
    message: str
    shape: str

    def __str__(self) -> str:
        who = f"{self.focus_label} ({self.focus})" if self.focus_label else self.focus
        value = f" [value: {self.value}]" if self.value and self.value not in self.message else ""
        kind = "" if self.severity == "Violation" else f"{self.severity}: "
        return f"{kind}{who}: {self.message}{value}"


@dataclass
class Report:
    """The outcome of a validation."""

    conforms: bool
    violations: list[Violation] = field(default_factory=list)
    total: int = 0
    triples: int = 0

    def summary(self) -> str:
        """`N violations of M kinds in T triples`, or that the graph conforms."""
        if self.conforms:
            return f"valid: {self.triples} triples conform to the geokg shapes"
        kinds = Counter(v.message for v in self.violations)
        return (f"invalid: {self.total} violation(s) of {len(kinds)} kind(s) in {self.triples} triples"
                + (f" (first {len(self.violations)} shown)" if self.total > len(self.violations) else ""))

    def lines(self) -> list[str]:
        """The summary, then one line per violation."""
        return [self.summary(), *(str(v) for v in self.violations)]


@lru_cache(maxsize=2)
def load_shapes(path: str = str(SHAPES_PATH)) -> Graph:
    """The shapes graph (parsed once per process)."""
    return Graph().parse(path, format="turtle")


def _label(graph: Graph, node: Node) -> str:
    if isinstance(node, Literal):
        return str(node)
    label = graph.value(node, RDFS.label) if isinstance(node, URIRef) else None
    return str(label) if label is not None else ""


def _short(node: Node | None) -> str:
    if node is None:
        return ""
    return str(node).replace("https://geokg.org/ontology#", "geo:")


def validate_graph(graph: Graph, *, limit: int = 50, shapes: Graph | None = None) -> Report:
    """Validate an rdflib graph; report at most `limit` violations (all are counted)."""
    from pyshacl import validate

    conforms, results, _text = validate(graph, shacl_graph=shapes or load_shapes(), inference="none",
                                        advanced=True, allow_warnings=True)
    found: list[Violation] = []
    for result in results.subjects(SH.resultSeverity, None):
        focus = results.value(result, SH.focusNode)
        value = results.value(result, SH.value)
        message = results.value(result, SH.resultMessage)
        path = results.value(result, SH.resultPath)
        value_text = _label(graph, value) or _short(value) if value is not None else ""
        found.append(Violation(
            severity=_short(results.value(result, SH.resultSeverity)).rsplit("#", 1)[-1],
            focus=str(focus), focus_label=_label(graph, focus), path=_short(path), value=value_text,
            message=str(message) if message else f"fails {_short(results.value(result, SH.sourceConstraintComponent))}",
            shape=_short(results.value(result, SH.sourceShape))))
    found.sort(key=lambda v: (v.severity != "Violation", v.message, v.focus_label or v.focus, v.value))
    return Report(conforms=bool(conforms), violations=found[:limit], total=len(found), triples=len(graph))


def read_rdf(paths: list[str | os.PathLike[str]]) -> Graph:
    """The union of RDF files (format from the suffix), parsed with Oxigraph."""
    import pyoxigraph as ox

    from kg.store.export import RDF_FORMATS

    graph = new_graph()
    for path in map(Path, paths):
        fmt = _SUFFIXES.get(path.suffix.lower())
        if fmt is None:
            why = f"unknown suffix; use one of {', '.join(sorted(_SUFFIXES))}"
            raise StoreError(StoreErrors.E114.format(path=path, why=why))
        try:
            for item in ox.parse(path=str(path), format=RDF_FORMATS[fmt][0]):
                graph.add(from_ox_triple(item))
        except (OSError, SyntaxError, ValueError) as e:
            raise StoreError(StoreErrors.E114.format(path=path, why=str(e).splitlines()[0] if str(e) else e)) from None
    return graph
