"""A small SPARQL 1.1 Protocol and Graph Store Protocol client (stdlib `urllib`).

Requests are form-encoded POSTs (`query=` / `update=`), which every server accepts and which
Virtuoso 7.2 needs (a plain `application/sparql-update` POST can hang it); SELECT and ASK
answers are asked for as SPARQL JSON, graphs as N-Triples. HTTP Basic and Digest
authentication are both offered when a user is given (Virtuoso's `/sparql-auth` is Digest).
"""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.parse
import urllib.request
from typing import Any

from kg.store.errors import StoreError, StoreErrors

JSON_RESULTS = "application/sparql-results+json"
NTRIPLES = "application/n-triples"
_FORM = "application/x-www-form-urlencoded; charset=UTF-8"


def check_url(url: str) -> str:
    """Return `url` if it is an absolute http(s) URL with a host, else raise E105."""
    try:
        parts = urllib.parse.urlsplit(url)
        parts.port  # noqa: B018  (raises ValueError on a bad port)
    except ValueError as e:
        raise StoreError(StoreErrors.E105.format(url=url, why=e)) from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise StoreError(StoreErrors.E105.format(url=url, why="it needs http(s)://host[:port]/path"))
    return url


class HTTPStatusError(StoreError):
    """The server answered with an HTTP error status (kept in `status`)."""

    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.status = status


class SparqlClient:
    """Talks to one SPARQL server.

    Args:
        query_url: The SPARQL query endpoint.
        update_url: The update endpoint (default: the query endpoint).
        user: User name for Basic/Digest authentication.
        password: Its password.
        timeout: Seconds to wait for an answer.
    """

    def __init__(self, query_url: str, *, update_url: str | None = None, user: str | None = None,
                 password: str | None = None, timeout: float = 60.0) -> None:
        self.query_url = check_url(query_url)
        self.update_url = check_url(update_url or query_url)
        self.timeout = timeout
        self.server = ""
        handlers: list[Any] = []
        if user:
            manager = urllib.request.HTTPPasswordMgrWithDefaultRealm()
            for url in {self.query_url, self.update_url}:
                manager.add_password(None, url, user, password or "")
            self._manager = manager
            handlers += [urllib.request.HTTPDigestAuthHandler(manager),
                         urllib.request.HTTPBasicAuthHandler(manager)]
        else:
            self._manager = None
        self._opener = urllib.request.build_opener(*handlers)

    def allow(self, url: str, user: str | None, password: str | None) -> None:
        """Send the credentials to another URL too (e.g. a Graph Store endpoint)."""
        if self._manager is not None and user:
            self._manager.add_password(None, url, user, password or "")

    def request(self, url: str, *, data: bytes | None = None, method: str = "POST",
                content_type: str = _FORM, accept: str = JSON_RESULTS) -> tuple[bytes, str]:
        """Send one request; return (body, content type). Errors become coded `StoreError`s."""
        headers = {"Accept": accept}
        if data is not None:
            headers["Content-Type"] = content_type
        req = urllib.request.Request(url, data=data, method=method, headers=headers)
        try:
            with self._opener.open(req, timeout=self.timeout) as answer:
                self.server = answer.headers.get("Server", "") or self.server
                return answer.read(), answer.headers.get("Content-Type", "")
        except urllib.error.HTTPError as e:
            body = e.read().decode("utf-8", "replace") if e.fp else ""
            why = " ".join(re.sub(r"<[^>]*>", " ", body).split())[:300] or e.reason
            if e.code in (401, 403):
                raise HTTPStatusError(StoreErrors.E107.format(url=url, status=e.code, why=why), e.code) from None
            if e.code == 400 and ("syntax" in body.lower() or "SP030" in body or "parse" in body.lower()):
                raise HTTPStatusError(StoreErrors.E112.format(why=why), e.code) from None
            raise HTTPStatusError(StoreErrors.E108.format(url=url, status=e.code, why=why), e.code) from None
        except urllib.error.URLError as e:
            raise StoreError(StoreErrors.E106.format(url=url, why=getattr(e.reason, "strerror", None)
                                                     or e.reason)) from None
        except TimeoutError as e:
            raise StoreError(StoreErrors.E106.format(url=url, why=f"no answer in {self.timeout:g} s ({e})")) from None
        except (OSError, ValueError) as e:
            raise StoreError(StoreErrors.E106.format(url=url, why=e)) from None

    def _form(self, **fields: str) -> bytes:
        return urllib.parse.urlencode(fields).encode("utf-8")

    def select(self, sparql: str) -> dict[str, Any]:
        """A SELECT or ASK answer as parsed SPARQL JSON."""
        body, _ = self.request(self.query_url, data=self._form(query=sparql))
        try:
            return json.loads(body.decode("utf-8"))
        except (UnicodeDecodeError, ValueError) as e:
            raise StoreError(StoreErrors.E109.format(url=self.query_url, why=f"not SPARQL JSON: {e}")) from None

    def construct(self, sparql: str) -> tuple[bytes, str]:
        """A CONSTRUCT or DESCRIBE answer: (body, content type), N-Triples when the server can."""
        return self.request(self.query_url, data=self._form(query=sparql),
                            accept=f"{NTRIPLES}, text/turtle;q=0.9, application/rdf+xml;q=0.5")

    def update(self, sparql: str) -> None:
        """Run a SPARQL update."""
        self.request(self.update_url, data=self._form(update=sparql))

    def graph_post(self, graph_url: str, graph: str, ntriples: bytes) -> None:
        """Add N-Triples to a named graph through the Graph Store Protocol."""
        self.request(_with_graph(graph_url, graph), data=ntriples, content_type="text/turtle; charset=UTF-8",
                     accept="*/*")

    def graph_get(self, graph_url: str, graph: str) -> tuple[bytes, str]:
        """Read a named graph through the Graph Store Protocol (no row limit)."""
        return self.request(_with_graph(graph_url, graph), method="GET",
                            accept=f"{NTRIPLES}, text/turtle;q=0.9")


def _with_graph(graph_url: str, graph: str) -> str:
    sep = "&" if "?" in graph_url else "?"
    return f"{graph_url}{sep}{urllib.parse.urlencode({'graph': graph})}"
