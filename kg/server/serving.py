"""Serving the WSGI app on a socket: a threaded `wsgiref` server from the standard library."""

from __future__ import annotations

import ipaddress
import signal
import socket
import sys
import threading
import time
import warnings
from collections.abc import Callable
from socketserver import ThreadingMixIn
from typing import Any
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from kg.errors import KGWarning
from kg.query.errors import QueryError, QueryErrors, QueryWarnings
from kg.server.app import LOOPBACK_HOSTS, SparqlApp

MAX_CONNECTIONS = 64


class ThreadingServer(ThreadingMixIn, WSGIServer):
    """One thread per connection, at most `MAX_CONNECTIONS` at a time."""

    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.slots = threading.BoundedSemaphore(MAX_CONNECTIONS)
        super().__init__(*args, **kwargs)

    def process_request(self, request: Any, client_address: Any) -> None:
        self.slots.acquire()
        try:
            super().process_request(request, client_address)
        except BaseException:
            self.slots.release()
            raise

    def process_request_thread(self, request: Any, client_address: Any) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            self.slots.release()


class ThreadingServer6(ThreadingServer):
    """The same on IPv6."""

    address_family = socket.AF_INET6


class Handler(WSGIRequestHandler):
    """Logs one line per request (or nothing) and times out idle connections."""

    timeout = 30
    quiet = False

    def log_request(self, code: Any = "-", size: Any = "-") -> None:
        if not self.quiet:
            elapsed = (time.perf_counter() - getattr(self, "_started", time.perf_counter())) * 1000
            sys.stderr.write(f"{self.client_address[0]} {self.command} {self.path[:120]} {code} {elapsed:.1f} ms\n")

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 (the stdlib's name)
        if not self.quiet:
            sys.stderr.write(f"{self.client_address[0]} {format % args}\n")

    def handle(self) -> None:
        self._started = time.perf_counter()
        super().handle()


def is_loopback(host: str) -> bool:
    """True for localhost, 127.0.0.0/8 and ::1."""
    if host.strip("[]").lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def serve(app: SparqlApp, *, host: str = "127.0.0.1", port: int = 8000, quiet: bool = False,
          announce: Callable[[str], None] = print, ready: Callable[[str], None] | None = None) -> None:
    """Serve `app` until Ctrl-C or SIGTERM.

    Args:
        app: From `make_app`.
        host: Address to listen on; not a loopback one warns that the graph is exposed.
        port: Port (0 picks a free one; the URL printed says which).
        quiet: No request log.
        announce: Prints the start-up lines.
        ready: Called with the base URL once the socket listens.

    Raises:
        QueryError: The address cannot be listened on (E170).
    """
    if not is_loopback(host):
        warnings.warn(QueryWarnings.W150.format(host=host, port=port), KGWarning, stacklevel=2)
    elif app.allowed_hosts is None:
        app.allowed_hosts = frozenset(LOOPBACK_HOSTS | {host.lower()})
    server_class = ThreadingServer6 if ":" in host.strip("[]") else ThreadingServer
    handler = type("QuietHandler" if quiet else "LoggingHandler", (Handler,), {"quiet": quiet})
    try:
        server = make_server(host.strip("[]"), port, app, server_class=server_class, handler_class=handler)
    except OSError as e:
        raise QueryError(QueryErrors.E170.format(host=host, port=port, why=e.strerror or e)) from None
    actual = server.server_address[1]
    shown = f"[{host.strip('[]')}]" if ":" in host.strip("[]") else host
    base = f"http://{shown}:{actual}"
    app.warn = lambda message: sys.stderr.write(f"warning: {message}\n")
    announce(f"SPARQL endpoint: {base}/sparql")
    announce(f"query page:      {base}/query")
    announce(f"graph view:      {base}/")
    announce(f"serving {getattr(app.store, 'location', app.store)} read-only with {len(app.runner.pids()) or 'thread'} "
             f"worker(s), {app.timeout:g} s per query; Ctrl-C stops")
    sys.stdout.flush()
    if ready is not None:
        ready(base)
    previous = signal.getsignal(signal.SIGTERM) if threading.current_thread() is threading.main_thread() else None
    if previous is not None:
        signal.signal(signal.SIGTERM, _raise_interrupt)
    try:
        server.serve_forever(poll_interval=0.5)
    except KeyboardInterrupt:
        announce("stopped")
    finally:
        server.server_close()
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


def _raise_interrupt(signum: int, frame: Any) -> None:
    raise KeyboardInterrupt
