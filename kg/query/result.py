"""`QueryResult`: a query's answer as rows a notebook can use (and a DataFrame can take)."""

from __future__ import annotations

import html
from collections.abc import Iterator, Sequence
from decimal import Decimal
from typing import Any

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.query import Result
from rdflib.term import Node

from kg.query import formats
from kg.query.formats import Row

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def python_value(node: Node | None) -> Any:
    """An RDF term as a plain Python value: IRIs as `str`, literals as `int`, `float` (also
    `xsd:decimal`), `bool`, `datetime.date`/`datetime`, else their text; blank nodes as `_:id`."""
    if node is None:
        return None
    if isinstance(node, URIRef):
        return str(node)
    if isinstance(node, BNode):
        return f"_:{node}"
    if isinstance(node, Literal):
        value = node.toPython()
        if isinstance(value, Decimal):
            return float(value)
        return str(value) if isinstance(value, Literal) else value
    return str(node)


def json_term(node: Node) -> dict[str, str]:
    """An rdflib term in the W3C JSON results form (see `kg.query.formats`)."""
    if isinstance(node, URIRef):
        return {"type": "uri", "value": str(node)}
    if isinstance(node, BNode):
        return {"type": "bnode", "value": str(node)}
    term = {"type": "literal", "value": str(node)}
    if isinstance(node, Literal):
        if node.language:
            term["xml:lang"] = node.language
        elif node.datatype is not None and str(node.datatype) != XSD_STRING:
            term["datatype"] = str(node.datatype)
    return term


class QueryResult:
    """The answer to one query.

    Attributes:
        kind: "SELECT", "ASK" or "CONSTRUCT" (also for DESCRIBE).
        columns: The selected variables, in order (SELECT).
        terms: One dict per row, variable → rdflib term; unbound variables are absent.
        boolean: The answer of an ASK query.
        graph: The triples of a CONSTRUCT or DESCRIBE query.

    Example:
        >>> result = kg.query(store, "SELECT ?s ?o WHERE { ?s geo:supports ?o }")
        >>> result.columns, result.rows[0]
        (['s', 'o'], ('https://geokg.org/id/Algeria', 'https://geokg.org/id/Mohamed_Bazoum'))
        >>> pandas.DataFrame(result.to_dicts())
    """

    def __init__(self, kind: str, *, columns: Sequence[str] = (), terms: Sequence[dict[str, Node]] = (),
                 boolean: bool | None = None, graph: Graph | None = None,
                 prefixes: dict[str, str] | None = None) -> None:
        self.kind = kind
        self.columns = list(columns)
        self.terms = list(terms)
        self.boolean = boolean
        self.graph = graph
        self.prefixes = dict(prefixes or {})

    @classmethod
    def from_rdflib(cls, result: Result, *, prefixes: dict[str, str] | None = None,
                    hide: Sequence[str] = ()) -> QueryResult:
        """Wrap an rdflib-style result (what `GraphStore.query` returns); drop the `hide` columns."""
        if result.type == "ASK":
            return cls("ASK", boolean=bool(result.askAnswer), prefixes=prefixes)
        if result.type in ("CONSTRUCT", "DESCRIBE"):
            return cls("CONSTRUCT", graph=result.graph, prefixes=prefixes)
        columns = [str(v) for v in (result.vars or []) if str(v) not in hide]
        terms = [{str(k): v for k, v in row.items() if v is not None and str(k) not in hide}
                 for row in (result.bindings or [])]
        return cls("SELECT", columns=columns, terms=terms, prefixes=prefixes)

    # ---- Python values ---------------------------------------------------------------------
    @property
    def rows(self) -> list[tuple[Any, ...]]:
        """Rows as tuples of Python values in `columns` order (None where unbound)."""
        return [tuple(python_value(row.get(c)) for c in self.columns) for row in self.terms]

    def to_dicts(self) -> list[dict[str, Any]]:
        """Rows as dicts of Python values (`pandas.DataFrame(result.to_dicts())`)."""
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]

    def to_dataframe(self) -> Any:
        """The rows as a `pandas.DataFrame` (pandas must be installed)."""
        import pandas as pd  # optional dependency

        return pd.DataFrame(self.rows, columns=self.columns)

    def __iter__(self) -> Iterator[dict[str, Any]]:
        return iter(self.to_dicts())

    def __len__(self) -> int:
        if self.kind == "CONSTRUCT":
            return len(self.graph) if self.graph is not None else 0
        return len(self.terms) if self.kind == "SELECT" else 1

    def __bool__(self) -> bool:
        return bool(self.boolean) if self.kind == "ASK" else len(self) > 0

    def __repr__(self) -> str:
        if self.kind == "ASK":
            return f"QueryResult(ASK {self.boolean})"
        if self.kind == "CONSTRUCT":
            return f"QueryResult(CONSTRUCT, {len(self)} triples)"
        return f"QueryResult(SELECT {self.columns}, {len(self.terms)} rows)"

    # ---- text ---------------------------------------------------------------------------
    def json_rows(self) -> list[Row]:
        """Rows in the W3C JSON term form (what `kg.query.formats` writes)."""
        return [{k: json_term(v) for k, v in row.items()} for row in self.terms]

    def serialize(self, fmt: str = "json") -> str:
        """The answer as text: json, xml, csv or tsv for SELECT/ASK; turtle, jsonld, ntriples or
        rdfxml for CONSTRUCT/DESCRIBE."""
        if self.kind == "ASK":
            return formats.write_boolean(fmt, bool(self.boolean))
        if self.kind == "SELECT":
            return formats.write_results(fmt, self.columns, self.json_rows())
        rdflib_names = {"turtle": "turtle", "jsonld": "json-ld", "ntriples": "nt", "rdfxml": "xml"}
        graph = self.graph if self.graph is not None else Graph()
        return graph.serialize(format=rdflib_names[fmt])

    def table(self, *, width: int = 120) -> str:
        """An aligned text table for people (compact IRIs, long cells cut to fit `width`)."""
        return formats.table(self.columns, self.json_rows(), width=width, prefixes=self.prefixes)

    def _repr_html_(self) -> str:
        if self.kind != "SELECT":
            return f"<pre>{html.escape(repr(self))}</pre>"
        head = "".join(f"<th>{html.escape(c)}</th>" for c in self.columns)
        body = "".join("<tr>" + "".join(f"<td>{html.escape(formats.display(row.get(c), self.prefixes))}</td>"
                                        for c in self.columns) + "</tr>"
                       for row in self.json_rows()[:500])
        return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
