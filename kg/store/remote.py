"""A store on a SPARQL 1.1 server (Virtuoso, Fuseki, GraphDB, Oxigraph server, …).

Queries and updates go through the SPARQL 1.1 Protocol (form-encoded POSTs, JSON results);
named graphs are loaded and read through the Graph Store Protocol when the server offers it
(detected for Virtuoso: `/sparql-graph-crud`, or `/sparql-graph-crud-auth` with credentials),
else with `INSERT DATA` batches of at most 1,000 triples and keyset-paged SELECTs of 5,000
rows (Virtuoso caps answers at 10,000 rows and refuses to sort past them).

A server has no transaction spanning several requests, so a document is written in an order
that makes an interruption visible: its `geo:contentHash` last (and, on removal, first). A
document graph without it is "incomplete": not listed, and replaced by the next build of it.

User queries (`query()`) see the server's default graph; Virtuoso and GraphDB make it the
union of all graphs, Fuseki needs `tdb2:unionDefaultGraph true` and Oxigraph server
`--union-default-graph` for that.
"""

from __future__ import annotations

import re
import urllib.parse
from typing import Any

import pyoxigraph as ox
from rdflib import URIRef
from rdflib.query import Result
from rdflib.term import Node, Variable

from kg.graph.mapping import new_graph
from kg.graph.namespace import GEO
from kg.store.base import GraphStore
from kg.store.errors import StoreError, StoreErrors, StoreWarnings
from kg.store.http import HTTPStatusError, SparqlClient
from kg.store.ops import Delete, Drop, Insert, Op, compile_op, values_clause
from kg.store.terms import Triple, from_ox_triple, nt, nt_lines, parse_json_results, to_ox_quads

INSERT_BATCH = 1000
GSP_MIN_TRIPLES = 50
_FORM = re.compile(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", re.IGNORECASE)


def query_form(sparql: str) -> str:
    """SELECT, ASK, CONSTRUCT or DESCRIBE: the form of a query (IRIs, strings and comments ignored)."""
    text = re.sub(r"<[^<>\s]*>", "<>", sparql)
    text = re.sub(r'"""(?:.|\n)*?"""|\'\'\'(?:.|\n)*?\'\'\'', '""', text)
    text = re.sub(r'"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'', '""', text)
    text = re.sub(r"#[^\n]*", "", text)
    match = _FORM.search(text)
    if not match:
        raise StoreError(StoreErrors.E112.format(why="not a SELECT, ASK, CONSTRUCT or DESCRIBE query"))
    return match.group(1).upper()


def with_prefixes(sparql: str, prefixes: dict[str, str]) -> str:
    """`sparql` preceded by PREFIX declarations for the `prefixes` it uses but does not declare."""
    declared = {m.lower() for m in re.findall(r"PREFIX\s+([A-Za-z][\w.-]*)?:", sparql, re.IGNORECASE)}
    needed = [f"PREFIX {name}: <{iri}>" for name, iri in prefixes.items()
              if name.lower() not in declared and re.search(rf"(?<![\w<]){re.escape(name)}:", sparql)]
    return "\n".join([*needed, sparql])


def _rdf_format(content_type: str) -> Any:
    kind = content_type.split(";")[0].strip().lower()
    if kind in ("application/n-triples", "text/plain", "text/ntriples", "application/ntriples"):
        return ox.RdfFormat.N_TRIPLES
    if kind in ("text/turtle", "application/x-turtle", "application/turtle", "text/rdf+n3", "text/n3"):
        return ox.RdfFormat.TURTLE
    if kind in ("application/rdf+xml", "application/xml", "text/xml"):
        return ox.RdfFormat.RDF_XML
    return None


class SparqlStore(GraphStore):
    """A geokg store on a SPARQL 1.1 server.

    Args:
        url: The query endpoint, e.g. `http://localhost:8890/sparql`.
        base_iri: Base IRI for new documents (see `open_store`).
        update_url: The update endpoint, when it differs from `url`.
        graph_url: A Graph Store Protocol endpoint (detected for Virtuoso when None).
        user: User for HTTP Basic/Digest authentication.
        password: Its password.
        timeout: Seconds to wait for each answer.

    Raises:
        StoreError: A bad URL (E105), an unreachable server (E106), refused credentials (E107).
    """

    page_size = 5000

    def __init__(self, url: str, *, base_iri: str | None = None, update_url: str | None = None,
                 graph_url: str | None = None, user: str | None = None, password: str | None = None,
                 timeout: float = 60.0) -> None:
        self.location = url
        self.client = SparqlClient(url, update_url=update_url, user=user, password=password, timeout=timeout)
        try:
            self.client.select("ASK { }")
        except HTTPStatusError as e:
            if e.status in (401, 403):
                raise
            raise StoreError(StoreErrors.E105.format(url=url, why=f"HTTP {e.status} to a SPARQL query")) from None
        except StoreError as e:
            if "E109" not in str(e):
                raise
            raise StoreError(StoreErrors.E105.format(url=url, why="its answer is not SPARQL JSON")) from None
        self.virtuoso = "virtuoso" in self.client.server.lower()
        self.max_rows = 10_000 if self.virtuoso else None
        if graph_url is None and self.virtuoso:
            parts = urllib.parse.urlsplit(url)
            graph_url = f"{parts.scheme}://{parts.netloc}/sparql-graph-crud{'-auth' if user else ''}"
        self.graph_url = graph_url
        if graph_url:
            self.client.allow(graph_url, user, password)
        self._settle_base(base_iri)

    def _select(self, sparql: str) -> list[dict[str, Node]]:
        return parse_json_results(self.client.select(sparql))[1]

    def _apply(self, ops: list[Op]) -> None:
        for op in ops:
            if isinstance(op, Insert):
                self._insert(op)
            elif isinstance(op, (Drop, Delete)):
                self.client.update(compile_op(op))

    def _insert(self, op: Insert) -> None:
        if self.graph_url and len(op.triples) >= GSP_MIN_TRIPLES:
            data = ("\n".join(nt_lines(op.triples)) + "\n").encode("utf-8")
            self.client.graph_post(self.graph_url, str(op.graph), data)
            return
        for i in range(0, len(op.triples), INSERT_BATCH):
            self.client.update(compile_op(Insert(op.graph, op.triples[i:i + INSERT_BATCH])))

    def _insert_lines(self, groups: list[tuple[str, list[str]]]) -> None:
        """`INSERT DATA` requests of up to INSERT_BATCH triples (several graphs each), in order."""
        blocks: list[str] = []
        size = 0
        for graph, lines in groups:
            for i in range(0, len(lines), INSERT_BATCH):
                part = lines[i:i + INSERT_BATCH]
                if size and size + len(part) > INSERT_BATCH:
                    self.client.update("INSERT DATA {\n%s\n}" % "\n".join(blocks))
                    blocks, size = [], 0
                blocks.append("GRAPH %s {\n%s\n}" % (graph, "\n".join(part)))
                size += len(part)
        if blocks:
            self.client.update("INSERT DATA {\n%s\n}" % "\n".join(blocks))

    def _graph_triples(self, graph: URIRef) -> list[Triple]:
        if self.graph_url:
            try:
                body, ctype = self.client.graph_get(self.graph_url, str(graph))
            except HTTPStatusError as e:
                if e.status == 404:
                    return []
                raise
            fmt = _rdf_format(ctype)
            if fmt is not None:
                return [from_ox_triple(t) for t in self._parse(body, fmt)]
        rows = self._select_keyset(f"GRAPH {nt(graph)} {{ ?s ?p ?o }}", "?s ?p ?o", "s")
        return [(r["s"], r["p"], r["o"]) for r in rows]

    def _parse(self, body: bytes, fmt: Any) -> list[Any]:
        try:
            return list(ox.parse(body, format=fmt))
        except SyntaxError as e:
            raise StoreError(StoreErrors.E109.format(url=self.location, why=str(e).splitlines()[0])) from None

    def graphs(self) -> list[URIRef]:
        """The document graphs and the entities graph (not the server's other graphs)."""
        rows = self._select_keyset(f"GRAPH ?g {{ ?g a {nt(GEO.Document)} }}", "DISTINCT ?g", "g")
        return [URIRef(str(r["g"])) for r in rows] + [self.entities_iri]

    def _snapshot(self) -> Any:
        snapshot = ox.Store()
        for graph in self.graphs():
            snapshot.extend(to_ox_quads(self._graph_triples(graph), graph))
        return snapshot

    def _user_query(self, sparql: str, bindings: dict[str, Node] | None) -> Result:
        form = query_form(sparql)
        text = with_prefixes(sparql, self.prefixes) + values_clause(bindings)
        if form in ("SELECT", "ASK"):
            answer = self.client.select(text)
            if form == "ASK" or "boolean" in answer:
                result = Result("ASK")
                result.askAnswer = bool(answer.get("boolean"))
                return result
            names, rows = parse_json_results(answer)
            if self.max_rows and len(rows) >= self.max_rows:
                import warnings

                from kg.errors import KGWarning

                warnings.warn(StoreWarnings.W101.format(url=self.location, rows=len(rows)), KGWarning,
                              stacklevel=3)
            result = Result("SELECT")
            result.vars = [Variable(n) for n in names]
            result.bindings = [{Variable(k): v for k, v in row.items()} for row in rows]
            return result
        body, ctype = self.client.construct(text)
        fmt = _rdf_format(ctype)
        if fmt is None:
            raise StoreError(StoreErrors.E109.format(url=self.location, why=f"unexpected {ctype or 'answer'}"))
        result = Result("CONSTRUCT")
        graph = new_graph()
        for triple in self._parse(body, fmt):
            graph.add(from_ox_triple(triple))
        result.graph = graph
        return result
