"""The SPARQL server as a WSGI application: `make_app(store)`.

Routes:
    /sparql              SPARQL 1.1 Protocol (GET, POST form, POST application/sparql-query);
                         without a query: the service description (a browser goes to /query)
    /questions           the saved questions and their parameters (JSON)
    /questions/NAME      run one: /questions/supporters?actor=Niger (names resolved, then bound)
    /query               the query page (plain HTML and JavaScript from the package, no CDN)
    /prefixes            the prefixes queries may use undeclared (JSON)
    /                    the graph view (kg.view), or a plain page when it cannot be drawn
    /health              "ok"

Tests call the app in-process (`app(environ, start_response)`); `kg serve` wires it to a
socket (`kg.server.serving.serve`).
"""

from __future__ import annotations

import html
import json
import logging
import threading
import warnings
import wsgiref.util
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from kg.errors import KGWarning
from kg.query.errors import QueryError, QueryErrors, QueryTimeout, QueryWarnings
from kg.query.names import NameIndex
from kg.query.run import bind_params, inject_values, prefixes_for
from kg.query.saved import get_question, saved_questions
from kg.query.sparql_text import explain_syntax_error, query_form, update_keyword, uses_service
from kg.server.pool import Answer, Job, ThreadRunner, WorkerPool, checkpoint, remove_checkpoint
from kg.server.protocol import HTTPError, negotiate, offered, parse_params, parse_request, read_body

STATIC = Path(__file__).resolve().parent / "static"
STATIC_TYPES = {".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8",
                ".css": "text/css; charset=utf-8"}
PAGE_CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; "
            "base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
VIEW_CSP = "default-src 'self' 'unsafe-inline' 'unsafe-eval' data: blob:; base-uri 'none'; frame-ancestors 'none'"
REASONS = {200: "OK", 204: "No Content", 303: "See Other", 400: "Bad Request", 403: "Forbidden", 404: "Not Found",
           405: "Method Not Allowed", 406: "Not Acceptable", 411: "Length Required", 413: "Payload Too Large",
           415: "Unsupported Media Type", 500: "Internal Server Error", 503: "Service Unavailable"}
MAX_QUERY = 100_000  # characters of query text; far above any hand-written or generated query we know
LOOPBACK_HOSTS = frozenset({"localhost", "127.0.0.1", "::1", "[::1]"})
log = logging.getLogger("kg.server")

Response = tuple[int, list[tuple[str, str]], bytes]


def _text(status: int, message: str, headers: list[tuple[str, str]] | None = None) -> Response:
    return status, [("Content-Type", "text/plain; charset=utf-8"), *(headers or [])], (message + "\n").encode()


def _json(data: Any) -> Response:
    return 200, [("Content-Type", "application/json; charset=utf-8")], json.dumps(data, ensure_ascii=False).encode()


class SparqlApp:
    """The WSGI application (see the module doc); build it with `make_app`."""

    def __init__(self, store: Any, *, timeout: float = 10.0, max_rows: int = 10_000, max_body: int = 1_000_000,
                 workers: int = 2, memory_mb: int = 2048, cors_origin: str | None = None,
                 allowed_hosts: Iterable[str] | None = None, max_query: int = MAX_QUERY) -> None:
        self.store, self.timeout, self.max_rows, self.max_body = store, timeout, max_rows, max_body
        self.max_query = max_query
        self.cors_origin = cors_origin
        self.allowed_hosts = frozenset(h.lower() for h in allowed_hosts) if allowed_hosts else None
        self.prefixes = prefixes_for(store)
        self.names = NameIndex(store).load()
        self.warn: Callable[[str], None] = log.warning
        self.static = {p.name: p.read_bytes() for p in STATIC.iterdir() if p.suffix in STATIC_TYPES}
        self._view: bytes | None = None
        self._view_lock = threading.Lock()
        self.database = checkpoint(store)
        if self.database is not None:
            try:
                self.runner: WorkerPool | ThreadRunner = WorkerPool(str(self.database), self.prefixes, size=workers,
                                                                    timeout=timeout, memory_mb=memory_mb)
            except BaseException:
                remove_checkpoint(self.database)
                raise
        else:
            warnings.warn(QueryWarnings.W152.format(store=getattr(store, "location", store)), KGWarning, stacklevel=3)
            self.runner = ThreadRunner(store, size=workers, timeout=timeout)

    # ---- WSGI ----------------------------------------------------------------------------
    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> list[bytes]:
        try:
            status, headers, body = self.handle(environ)
        except HTTPError as e:
            status, headers, body = _text(e.status, e.message, e.headers)
        except QueryTimeout as e:
            status, headers, body = _text(503, str(e))
        except QueryError as e:
            status, headers, body = _text(400, str(e))
        except Exception as e:  # noqa: BLE001 (a server answers every request)
            log.exception("internal error")
            status, headers, body = _text(500, QueryErrors.E174.format(what=f"internal error: {type(e).__name__}: {e}"))
        headers = [*headers, ("X-Content-Type-Options", "nosniff"), ("Content-Length", str(len(body)))]
        if self.cors_origin:
            headers += [("Access-Control-Allow-Origin", self.cors_origin),
                        ("Access-Control-Expose-Headers", "X-SPARQL-MaxRows")]
        start_response(f"{status} {REASONS.get(status, 'Error')}", headers)
        return [b"" if environ.get("REQUEST_METHOD") == "HEAD" else body]

    def handle(self, environ: dict[str, Any]) -> Response:
        """Route one request; errors raise `HTTPError` or `QueryError`."""
        self._check_host(environ)
        path = environ.get("PATH_INFO") or "/"
        method = environ.get("REQUEST_METHOD", "GET").upper()
        if method == "OPTIONS":
            return 204, [("Allow", "GET, HEAD, POST, OPTIONS"),
                         ("Access-Control-Allow-Methods", "GET, POST, OPTIONS"),
                         ("Access-Control-Allow-Headers", "Content-Type, Accept"),
                         ("Access-Control-Max-Age", "600")], b""
        if path == "/sparql":
            return self.sparql(environ)
        if path in ("/questions", "/questions/"):
            self._only_get(method)
            return _json([q.as_dict() for q in saved_questions().values()])
        if path.startswith("/questions/"):
            return self.question(environ, path[len("/questions/"):])
        self._only_get(method)
        if path == "/":
            headers = [("Content-Type", "text/html; charset=utf-8"), ("Content-Security-Policy", VIEW_CSP)]
            return 200, headers, self.view()
        if path in ("/query", "/query/", "/query.html"):
            return self._static("query.html")
        if path.startswith("/static/"):
            return self._static(path[len("/static/"):])
        if path == "/health":
            return _text(200, "ok")
        if path == "/prefixes":
            return _json(self.prefixes)
        if path == "/favicon.ico":
            return 204, [], b""
        raise HTTPError(404, QueryErrors.E174.format(what=f"nothing at {path}; see / , /query, /sparql, /questions"))

    def _only_get(self, method: str) -> None:
        if method not in ("GET", "HEAD"):
            raise HTTPError(405, QueryErrors.E174.format(what=f"{method} is not allowed here"),
                            [("Allow", "GET, HEAD")])

    def _check_host(self, environ: dict[str, Any]) -> None:
        if self.allowed_hosts is None:
            return
        host = (environ.get("HTTP_HOST") or "").strip().lower()
        name = host.rsplit(":", 1)[0] if host.count(":") == 1 or host.startswith("[") else host
        if name not in self.allowed_hosts:
            raise HTTPError(403, QueryErrors.E174.format(
                what=f"this server answers requests for localhost only, not {host or '(no Host)'!r} (a guard "
                     "against DNS rebinding); start it with --host to serve other names"))

    def _static(self, name: str) -> Response:
        data = self.static.get(name)
        if data is None:
            raise HTTPError(404, QueryErrors.E174.format(what=f"no file {name!r}"))
        return 200, [("Content-Type", STATIC_TYPES[Path(name).suffix]), ("Content-Security-Policy", PAGE_CSP),
                     ("Cache-Control", "no-cache")], data

    # ---- SPARQL ----------------------------------------------------------------------------
    def sparql(self, environ: dict[str, Any]) -> Response:
        """The SPARQL 1.1 Protocol endpoint."""
        request = parse_request(environ, max_body=self.max_body)
        if request.query is None:
            if environ.get("REQUEST_METHOD", "GET").upper() == "POST":
                raise HTTPError(400, QueryErrors.E174.format(what="no 'query' in the request"))
            if "text/html" in environ.get("HTTP_ACCEPT", ""):
                return 303, [("Location", "/query"), ("Content-Type", "text/plain")], b"See /query\n"
            return 200, [("Content-Type", "text/turtle; charset=utf-8")], self.service_description(environ)
        if len(request.query) > self.max_query:
            raise HTTPError(413, QueryErrors.E177.format(length=len(request.query), limit=self.max_query))
        return self.run(request.query, environ, formats=request.formats, what="the query",
                        default_graphs=request.default_graphs, named_graphs=request.named_graphs)

    def question(self, environ: dict[str, Any], name: str) -> Response:
        """Run a saved question with the request's parameters."""
        method = environ.get("REQUEST_METHOD", "GET").upper()
        params = parse_params(environ.get("QUERY_STRING", ""))
        if method == "POST":
            for key, values in parse_params(read_body(environ, self.max_body).decode("utf-8", "replace")).items():
                params.setdefault(key, []).extend(values)
        elif method not in ("GET", "HEAD"):
            self._only_get(method)
        try:
            question = get_question(name)
        except QueryError as e:
            raise HTTPError(404, str(e)) from None
        formats = params.pop("format", []) + params.pop("output", [])
        values = {}
        for key, given in params.items():
            if len(given) != 1:
                raise HTTPError(400, QueryErrors.E154.format(text=f"{key}=… given {len(given)} times"))
            values[key] = given[0]
        terms = bind_params(self.store, question, values, names=self.names)
        text = inject_values(question.text, terms, every=True) or question.text
        return self.run(text, environ, formats=formats, what=f"saved question {name!r}",
                        hide=tuple(p.name for p in question.params), shown=question.text)

    def run(self, text: str, environ: dict[str, Any], *, formats: list[str], what: str, hide: tuple[str, ...] = (),
            default_graphs: list[str] | None = None, named_graphs: list[str] | None = None,
            shown: str | None = None) -> Response:
        """Check a query, choose its format, run it on the runner and build the response."""
        keyword = update_keyword(text)
        if keyword:
            raise HTTPError(403, QueryErrors.E159.format(what=what[0].upper() + what[1:], keyword=keyword))
        if uses_service(text):
            raise HTTPError(403, QueryErrors.E160.format(what=what[0].upper() + what[1:]))
        kind = "graph" if query_form(text) in ("CONSTRUCT", "DESCRIBE") else "result"
        accept = environ.get("HTTP_ACCEPT")
        chosen = negotiate(kind, accept, formats)
        if chosen is None:
            raise HTTPError(406, QueryErrors.E175.format(accept=accept, form="CONSTRUCT/DESCRIBE" if kind == "graph"
                                                         else "SELECT/ASK", choices=offered(kind)))
        other = negotiate("result" if kind == "graph" else "graph", accept, formats)
        job = Job(query=text, result_format=chosen if kind == "result" else (other or "json"),
                  graph_format=chosen if kind == "graph" else (other or "turtle"), max_rows=self.max_rows,
                  hide=hide, default_graphs=default_graphs, named_graphs=named_graphs)
        try:
            answer = self.runner.run(job)
        except HTTPError as e:
            if e.status == 400 and not e.message.startswith("E"):
                raise HTTPError(400, QueryErrors.E150.format(
                    what=what, why=explain_syntax_error(e.message, shown or text))) from None
            if e.status == 500 and not e.message.startswith("E"):
                raise HTTPError(500, QueryErrors.E174.format(what=f"the store could not answer: {e.message}")) from None
            raise
        return self._answer(answer)

    def _answer(self, answer: Answer) -> Response:
        content_type = answer.content_type
        if content_type.startswith("text/") or content_type.endswith(("json", "xml")):
            content_type += "; charset=utf-8"
        headers = [("Content-Type", content_type), *answer.headers]
        if answer.truncated:
            headers.append(("X-SPARQL-MaxRows", str(self.max_rows)))
            self.warn(QueryWarnings.W151.format(rows=self.max_rows))
        return 200, headers, answer.body

    def service_description(self, environ: dict[str, Any]) -> bytes:
        """A SPARQL 1.1 Service Description of this endpoint (Turtle)."""
        endpoint = wsgiref.util.request_uri(environ, include_query=False)
        formats = ["SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV", "SPARQL_Results_TSV",
                   "Turtle", "JSON-LD", "N-Triples", "RDF_XML"]
        listed = ", ".join(f"<http://www.w3.org/ns/formats/{f}>" for f in formats)
        return (f"@prefix sd: <http://www.w3.org/ns/sparql-service-description#> .\n\n"
                f"[] a sd:Service ;\n  sd:endpoint <{endpoint}> ;\n  sd:supportedLanguage sd:SPARQL11Query ;\n"
                f"  sd:feature sd:UnionDefaultGraph ;\n  sd:resultFormat {listed} .\n").encode("utf-8")

    # ---- the graph view ----------------------------------------------------------------------
    def view(self) -> bytes:
        """The graph view of the whole store (drawn once; the store does not change while served)."""
        with self._view_lock:
            if self._view is None:
                try:
                    from kg.view.render import render

                    self._view = render(self.store.union_graph()).encode("utf-8")
                except Exception as e:  # noqa: BLE001 (the view is optional; fall back to a plain page)
                    log.warning("the graph view cannot be drawn (%s: %s); serving a plain page", type(e).__name__, e)
                    self._view = self.plain_page().encode("utf-8")
            return self._view

    def plain_page(self) -> str:
        """A page listing the stored documents, with links to the query page and the endpoint."""
        try:
            docs = self.store.documents()
        except Exception:  # noqa: BLE001
            docs = []
        items = "".join(f"<li>{html.escape(str(d.date or ''))} {html.escape(d.title or d.id)}</li>" for d in docs)
        return ("<!doctype html><html lang=en><meta charset=utf-8><title>geokg</title>"
                "<h1>geokg</h1><p><a href=/query>Query page</a> · SPARQL endpoint: <code>/sparql</code> · "
                "<a href=/questions>saved questions</a></p>"
                f"<h2>{len(docs)} document{'s' if len(docs) != 1 else ''}</h2><ul>{items}</ul></html>")

    def close(self) -> None:
        """Stop the query workers and remove their checkpoint."""
        self.runner.close()
        remove_checkpoint(self.database)


def make_app(store: Any, *, timeout: float = 10.0, max_rows: int = 10_000, max_body: int = 1_000_000,
             workers: int = 2, memory_mb: int = 2048, cors_origin: str | None = None,
             allowed_hosts: Iterable[str] | None = None, max_query: int = MAX_QUERY) -> SparqlApp:
    """The SPARQL server for `store` as a WSGI application (call `.close()` when done).

    Args:
        store: An open `kg.store.GraphStore` (kept open and unchanged while served).
        timeout: Seconds a query may run before it is stopped (HTTP 503).
        max_rows: Rows (or triples) an answer is cut at (header `X-SPARQL-MaxRows`).
        max_body: Largest request body in bytes (HTTP 413).
        max_query: Longest query text in characters (HTTP 413), however it is sent.
        workers: Query worker processes.
        memory_mb: Address-space limit of each worker process.
        cors_origin: Origin allowed to query from a browser page elsewhere (None: same origin only).
        allowed_hosts: Host header names answered (None: any); `serve` passes the loopback
            names when it listens on a loopback address.

    Example:
        >>> app = make_app(open_store("graphs/news"), timeout=5)
        >>> wsgiref.simple_server.make_server("127.0.0.1", 8000, app).serve_forever()
    """
    return SparqlApp(store, timeout=timeout, max_rows=max_rows, max_body=max_body, workers=workers,
                     memory_mb=memory_mb, cors_origin=cors_origin, allowed_hosts=allowed_hosts, max_query=max_query)
