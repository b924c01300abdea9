"""Endpoint safety (issue 9): updates, LOAD and SERVICE however written, overlong queries and
oversized requests are refused; only the package's own files are served, whatever the path
encoding; the server binds to loopback by default. (Timeouts, memory limits, the Host check and
plain update requests: tests/test_server_app.py and tests/test_server_http.py.)"""

from __future__ import annotations

import http.client
import inspect
import socket
import threading
from wsgiref.simple_server import make_server

import pytest
import test_query_world
from test_server_app import SUPPORTS, bindings, call

from kg.cli.serve import serve_cmd
from kg.server import make_app, serve
from kg.server.app import MAX_QUERY
from kg.server.serving import Handler, ThreadingServer, is_loopback

world, world_path = test_query_world.world, test_query_world.world_path  # the shared fixtures


@pytest.fixture(scope="module")
def app(world):
    application = make_app(world, workers=1, timeout=10, max_rows=1000, max_query=5_000)
    yield application
    application.close()


@pytest.fixture(scope="module")
def served(app):
    """The app on a real socket (the standard library's server, as `kg serve` uses)."""
    handler = type("Quiet", (Handler,), {"quiet": True})
    server = make_server("127.0.0.1", 0, app, server_class=ThreadingServer, handler_class=handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
    thread.start()
    yield server.server_address[1]
    server.shutdown()
    server.server_close()


def raw(port: int, request: bytes) -> tuple[int, bytes]:
    """Send bytes exactly as given (no client-side path normalisation): status and body."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(request)
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    return int(head.split()[1]), body


@pytest.mark.parametrize("text", [
    "PREFIX geo: <https://geokg.org/ontology#>\nLOAD <http://example.org/x.ttl> INTO GRAPH <urn:g>",
    "load <file:///etc/passwd>",
    "# a comment first\nDROP ALL",
    "\\u0049NSERT DATA { <urn:a> <urn:b> <urn:c> }",
    "WITH <urn:g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
    "CLEAR DEFAULT",
    "SELECT * WHERE { ?s ?p ?o } ; INSERT DATA { <urn:a> <urn:b> <urn:c> }",
])
def test_endpoint_refuses_updates_and_load_however_written(app, world, text):
    before = world.export("nquads")
    status, _, body = call(app, params={"query": text})
    assert status in (400, 403), body
    assert body.startswith((b"E159", b"E150")) and body.count(b"\n") == 1
    assert world.export("nquads") == before


@pytest.mark.parametrize("text", [
    "SELECT * WHERE { SERVICE SILENT <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
    "SELECT * WHERE { service <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
    "SELECT * WHERE { SERVICE\n\t<http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
    "SELECT * WHERE { SERVICE ?endpoint { ?s ?p ?o } VALUES ?endpoint { <http://127.0.0.1:9/> } }",
])
def test_endpoint_refuses_service_however_written(app, text):
    status, _, body = call(app, params={"query": text})
    assert status == 403 and body.startswith(b"E160")


def test_endpoint_refuses_overlong_queries(app):
    padding = "#" + "x" * 5_000 + "\n"
    for how in ({"params": {"query": padding + SUPPORTS}},
                {"method": "POST", "body": padding + SUPPORTS, "content_type": "application/sparql-query"}):
        status, _, body = call(app, **how)
        assert status == 413 and body.startswith(b"E177") and b"5000" in body and body.count(b"\n") == 1
    status, _, body = call(app, params={"query": "#" + "x" * 4_000 + "\n" + SUPPORTS})
    assert status == 200 and bindings(body)
    assert MAX_QUERY == 100_000 and serve_cmd.params[[p.name for p in serve_cmd.params].index("max_query")].default \
        == MAX_QUERY


def test_endpoint_refuses_oversized_requests_before_reading_them(served):
    status, body = raw(served, b"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/sparql-query"
                               b"\r\nContent-Length: 50000000000\r\nConnection: close\r\n\r\nSELECT")
    assert status == 413 and body.startswith(b"E173")
    status, _ = raw(served, b"GET /sparql?query=" + b"x" * 70_000 + b" HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
    assert status == 414  # the request line itself is capped by the server (64 KiB)


@pytest.mark.parametrize("path", [
    "/static/../app.py", "/static/%2e%2e/app.py", "/static/%2E%2E%2Fapp.py", "/static/..%2fworker.py",
    "/static/%252e%252e/app.py", "/static/....//app.py", "/static//etc/passwd", "/static/%2e%2e%5capp.py",
    "/../../../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/static/query.js%00.py", "/static/%c0%ae%c0%ae/app.py",
    "/questions/../../app.py", "/static/", "/static/.", "/static/__init__.py",
])
def test_endpoint_serves_no_path_outside_the_package(served, path):
    status, body = raw(served, f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode())
    assert status in (400, 404), (path, status)
    assert b"import " not in body and b"root:" not in body


def test_endpoint_static_files_are_only_the_package_assets(app):
    assert set(app.static) <= {"query.html", "query.js", "query.css"} | {n for n in app.static if
                                                                       n.endswith((".html", ".js", ".css"))}
    assert all("/" not in name and not name.startswith(".") for name in app.static)


def test_endpoint_binds_to_loopback_by_default():
    assert inspect.signature(serve).parameters["host"].default == "127.0.0.1"
    host = next(p for p in serve_cmd.params if p.name == "host")
    assert host.default == "127.0.0.1"
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.10") and not is_loopback("::")


def test_endpoint_warns_when_bound_to_another_address(world):
    """`serve` warns (W150) before listening anywhere but loopback; here the listening itself fails
    at once (a port in use), so nothing is exposed by the test."""
    from kg.query.errors import QueryError

    blocker = socket.socket()
    blocker.bind(("0.0.0.0", 0))
    port = blocker.getsockname()[1]
    small = make_app(world, workers=1)
    try:
        with pytest.warns(UserWarning, match="W150"), pytest.raises(QueryError, match="E170"):
            serve(small, host="0.0.0.0", port=port, announce=lambda _m: None)
    finally:
        small.close()
        blocker.close()


def test_endpoint_answers_over_http(served):
    conn = http.client.HTTPConnection("127.0.0.1", served, timeout=10)
    conn.request("GET", "/health")
    assert conn.getresponse().read() == b"ok\n"
    conn.close()
