"""The SPARQL 1.1 Protocol's side of a request: where the query is, and which format to answer in.

Queries come as GET `?query=`, as a form-encoded POST (`query=`), or as a POST whose body is
the query (`application/sparql-query`); `default-graph-uri` and `named-graph-uri` choose the
dataset. Updates (an `update=` parameter or an `application/sparql-update` body) are refused
with 403: this endpoint is read-only. The answer's format follows a `format` (or `output`)
parameter when given, else the `Accept` header, else JSON for results and Turtle for graphs.
"""

from __future__ import annotations

import urllib.parse
from dataclasses import dataclass, field
from typing import Any

from kg.query.errors import QueryErrors

#: Media type → result format (SELECT, ASK).
RESULT_MEDIA = {
    "application/sparql-results+json": "json", "application/json": "json", "text/javascript": "json",
    "application/javascript": "json", "application/sparql-results+xml": "xml", "application/xml": "xml",
    "text/xml": "xml", "text/csv": "csv", "text/tab-separated-values": "tsv",
}
#: Media type → graph format (CONSTRUCT, DESCRIBE).
GRAPH_MEDIA = {
    "text/turtle": "turtle", "application/x-turtle": "turtle", "application/turtle": "turtle",
    "application/ld+json": "jsonld", "application/x-json+ld": "jsonld", "application/json": "jsonld",
    "application/n-triples": "ntriples", "text/plain": "ntriples", "application/rdf+xml": "rdfxml",
    "application/xml": "rdfxml", "text/xml": "rdfxml",
}
#: `format=` names → (result format, graph format).
FORMAT_NAMES = {
    "json": ("json", "jsonld"), "srj": ("json", None), "xml": ("xml", "rdfxml"), "srx": ("xml", None),
    "csv": ("csv", None), "tsv": ("tsv", None), "turtle": (None, "turtle"), "ttl": (None, "turtle"),
    "jsonld": (None, "jsonld"), "json-ld": (None, "jsonld"), "nt": (None, "ntriples"),
    "ntriples": (None, "ntriples"), "n-triples": (None, "ntriples"), "rdfxml": (None, "rdfxml"),
    "rdf": (None, "rdfxml"), "rdf+xml": (None, "rdfxml"), "rdf/xml": (None, "rdfxml"),
}
DEFAULTS = {"result": "json", "graph": "turtle"}
FORM_URLENCODED = "application/x-www-form-urlencoded"


class HTTPError(Exception):
    """An error answer: status, a one-line message, and extra headers."""

    def __init__(self, status: int, message: str, headers: list[tuple[str, str]] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = headers or []


@dataclass
class ProtocolRequest:
    """What a protocol request asks."""

    query: str | None
    params: dict[str, list[str]] = field(default_factory=dict)
    default_graphs: list[str] | None = None
    named_graphs: list[str] | None = None

    @property
    def formats(self) -> list[str]:
        """The `format`/`output` parameter values, in order."""
        return self.params.get("format", []) + self.params.get("output", [])


def media_type(value: str | None) -> str:
    """`text/csv; charset=utf-8` → `text/csv`."""
    return (value or "").split(";")[0].strip().lower()


def read_body(environ: dict[str, Any], max_body: int) -> bytes:
    """The request body, refusing bodies over `max_body` bytes (413) and unknown lengths (411)."""
    length_text = environ.get("CONTENT_LENGTH") or ""
    if not length_text.strip():
        if environ.get("HTTP_TRANSFER_ENCODING", "").lower() == "chunked":
            raise HTTPError(411, QueryErrors.E174.format(what="send a Content-Length (chunked bodies are not read)"))
        return b""
    try:
        length = int(length_text)
    except ValueError:
        raise HTTPError(400, QueryErrors.E174.format(what="bad Content-Length")) from None
    if length > max_body:
        raise HTTPError(413, QueryErrors.E173.format(limit=max_body))
    return environ["wsgi.input"].read(length) if length > 0 else b""


def _decode(data: bytes, what: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise HTTPError(400, QueryErrors.E174.format(what=f"the {what} is not UTF-8")) from None


def parse_params(text: str) -> dict[str, list[str]]:
    """URL-encoded parameters (`a=1&a=2&b=`) → {name: [values]}."""
    try:
        return urllib.parse.parse_qs(text, keep_blank_values=True, strict_parsing=False, errors="strict",
                                     max_num_fields=1000)
    except (ValueError, UnicodeDecodeError) as e:
        raise HTTPError(400, QueryErrors.E174.format(what=f"unreadable parameters ({e})")) from None


def parse_request(environ: dict[str, Any], *, max_body: int) -> ProtocolRequest:
    """Where the query is and which dataset it asks for; updates and odd requests raise `HTTPError`."""
    method = environ.get("REQUEST_METHOD", "GET").upper()
    params = parse_params(environ.get("QUERY_STRING", ""))
    body_query: str | None = None
    if method == "POST":
        kind = media_type(environ.get("CONTENT_TYPE"))
        body = read_body(environ, max_body)
        if kind == FORM_URLENCODED:
            for key, values in parse_params(_decode(body, "form")).items():
                params.setdefault(key, []).extend(values)
        elif kind == "application/sparql-query":
            body_query = _decode(body, "query")
        elif kind == "application/sparql-update":
            raise HTTPError(403, QueryErrors.E159.format(what="The request", keyword="application/sparql-update"))
        else:
            raise HTTPError(415, QueryErrors.E174.format(
                what=f"unsupported Content-Type {kind or '(none)'!r}; send application/x-www-form-urlencoded "
                     "or application/sparql-query"))
    elif method not in ("GET", "HEAD"):
        raise HTTPError(405, QueryErrors.E174.format(what=f"{method} is not allowed here; use GET or POST"),
                        [("Allow", "GET, HEAD, POST, OPTIONS")])
    if "update" in params or "using-graph-uri" in params or "using-named-graph-uri" in params:
        raise HTTPError(403, QueryErrors.E159.format(what="The request", keyword="update="))
    queries = params.get("query", []) + ([body_query] if body_query is not None else [])
    if len(queries) > 1:
        raise HTTPError(400, QueryErrors.E174.format(what="give one query (several 'query' values were sent)"))
    default = params.get("default-graph-uri")
    named = params.get("named-graph-uri")
    return ProtocolRequest(query=queries[0] if queries else None, params=params,
                           default_graphs=default, named_graphs=named)


def _accepted(accept: str | None) -> list[str]:
    """Media types of an Accept header, best first (q=0 dropped; ties keep their order)."""
    ranked = []
    for index, part in enumerate((accept or "").split(",")):
        pieces = [p.strip() for p in part.split(";")]
        if not pieces[0]:
            continue
        q = 1.0
        for p in pieces[1:]:
            if p.lower().startswith("q="):
                try:
                    q = float(p[2:])
                except ValueError:
                    q = 0.0
        if q > 0:
            ranked.append((-q, index, pieces[0].lower()))
    return [m for _, _, m in sorted(ranked)]


def negotiate(kind: str, accept: str | None, formats: list[str]) -> str | None:
    """The format to answer a `kind` ("result" or "graph") query in, or None if none is acceptable.

    A `format=` value that fits the kind wins; else the best `Accept` entry we can write; a
    missing Accept or a wildcard gets the default (JSON, Turtle).
    """
    slot = 0 if kind == "result" else 1
    table = RESULT_MEDIA if kind == "result" else GRAPH_MEDIA
    for value in formats:
        name = value.strip().lower()
        choice = FORMAT_NAMES.get(name, (None, None))[slot] or table.get(media_type(name))
        if choice:
            return choice
    types = _accepted(accept)
    if not types:
        return DEFAULTS[kind]
    for media in types:
        if media in table:
            return table[media]
        if media == "text/*":
            return "csv" if kind == "result" else "turtle"
        if media in ("*/*", "application/*"):
            return DEFAULTS[kind]
    return None


def offered(kind: str) -> str:
    """The media types a `kind` query can be answered in (for 406 messages)."""
    table = RESULT_MEDIA if kind == "result" else GRAPH_MEDIA
    return ", ".join(dict.fromkeys(table))
