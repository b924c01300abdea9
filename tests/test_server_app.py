"""The SPARQL server's WSGI app, called in-process (its query workers are real processes)."""

from __future__ import annotations

import io
import json
import os
import signal
import socket
import sys
import threading
import time
import urllib.parse
import wsgiref.util
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import test_query_world
from rdflib import Graph
from test_query_world import BASE

from kg.server import make_app
from kg.server.app import LOOPBACK_HOSTS, STATIC

world, world_path = test_query_world.world, test_query_world.world_path  # the shared fixtures

SUPPORTS = "SELECT ?who ?whom WHERE { ?who geo:supports ?whom } ORDER BY ?who ?whom"
CROSS = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


def call(app, method: str = "GET", path: str = "/sparql", *, params: dict | None = None, body: bytes | str = b"",
         content_type: str | None = None, headers: dict | None = None) -> tuple[int, dict, bytes]:
    """One request through the WSGI app: status, headers, body."""
    data = body.encode() if isinstance(body, str) else body
    query = urllib.parse.urlencode(params or {}, doseq=True)
    environ = {"REQUEST_METHOD": method, "PATH_INFO": path, "QUERY_STRING": query,
               "wsgi.input": io.BytesIO(data), "CONTENT_LENGTH": str(len(data)) if data else "",
               "HTTP_HOST": "127.0.0.1:8000"}
    if content_type:
        environ["CONTENT_TYPE"] = content_type
    for key, value in (headers or {}).items():
        environ["HTTP_" + key.upper().replace("-", "_")] = value
    wsgiref.util.setup_testing_defaults(environ)
    seen = {}

    def start_response(status, response_headers, exc_info=None):
        seen["status"], seen["headers"] = int(status.split()[0]), dict(response_headers)

    chunks = app(environ, start_response)
    return seen["status"], seen["headers"], b"".join(chunks)


@pytest.fixture(scope="module")
def app(world):
    application = make_app(world, workers=1, timeout=10, max_rows=1000)
    yield application
    application.close()


def bindings(body: bytes) -> list[dict]:
    return json.loads(body)["results"]["bindings"]


# ---- the protocol ----------------------------------------------------------------------------
def test_server_get_select_answers_json_by_default(app):
    status, headers, body = call(app, params={"query": SUPPORTS})
    assert status == 200 and headers["Content-Type"].startswith("application/sparql-results+json")
    pair = {"who": {"type": "uri", "value": BASE + "Russia"}, "whom": {"type": "uri", "value": BASE + "Mali"}}
    assert pair in bindings(body)


def test_server_post_form_and_direct_body(app):
    status, _, body = call(app, "POST", body=urllib.parse.urlencode({"query": SUPPORTS}),
                           content_type="application/x-www-form-urlencoded")
    assert status == 200 and len(bindings(body)) == 4
    status, _, body = call(app, "POST", body=SUPPORTS, content_type="application/sparql-query; charset=utf-8")
    assert status == 200 and len(bindings(body)) == 4


@pytest.mark.parametrize("accept, kind", [
    ("application/sparql-results+xml", "xml"), ("text/csv", "csv"), ("text/tab-separated-values", "tsv"),
    ("application/sparql-results+json,application/json;q=0.9", "json"), ("text/html,*/*;q=0.8", "json"),
    ("image/png;q=0.2, text/csv", "csv"),
])
def test_server_accept_chooses_the_results_format(app, accept, kind):
    status, headers, body = call(app, params={"query": SUPPORTS}, headers={"Accept": accept})
    assert status == 200
    if kind == "xml":
        assert headers["Content-Type"].startswith("application/sparql-results+xml") and ET.fromstring(body) is not None
    elif kind == "csv":
        assert headers["Content-Type"].startswith("text/csv") and body.startswith(b"who,whom\r\n")
    elif kind == "tsv":
        assert headers["Content-Type"].startswith("text/tab-separated-values") and body.startswith(b"?who\t?whom\n")
    else:
        assert len(bindings(body)) == 4


def test_server_format_parameter_wins_and_unknown_accept_is_406(app):
    status, headers, body = call(app, params={"query": SUPPORTS, "format": ["tsv", "text/tab-separated-values"]},
                                 headers={"Accept": "application/sparql-results+json"})
    assert status == 200 and body.startswith(b"?who")
    status, _, body = call(app, params={"query": SUPPORTS}, headers={"Accept": "image/png"})
    assert status == 406 and b"E175" in body and b"text/csv" in body


def test_server_ask_and_construct(app):
    status, _, body = call(app, params={"query": "ASK { ?s geo:attacks ?o }"})
    assert status == 200 and json.loads(body) == {"head": {}, "boolean": True}
    status, headers, body = call(app, params={"query": "CONSTRUCT WHERE { ?s geo:criticizes ?o }"})
    assert status == 200 and headers["Content-Type"].startswith("text/turtle")
    assert len(Graph().parse(data=body.decode(), format="turtle")) == 2
    for accept, fmt in (("application/ld+json", "json-ld"), ("application/n-triples", "nt"),
                        ("application/rdf+xml", "xml")):
        status, headers, body = call(app, params={"query": "DESCRIBE id:Mali"}, headers={"Accept": accept})
        assert status == 200 and headers["Content-Type"].startswith(accept)
        assert (None, None, None) in Graph().parse(data=body.decode(), format=fmt)


def test_server_dataset_parameters(app):
    one = {"query": "SELECT ?who WHERE { ?who geo:supports ?whom }", "default-graph-uri": BASE + "doc/wire-3"}
    status, _, body = call(app, params=one)
    assert status == 200 and [b["who"]["value"] for b in bindings(body)] == [BASE + "Algeria"]
    named = {"query": "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s geo:borders ?o } }",
             "named-graph-uri": BASE + "doc/wire-1"}
    status, _, body = call(app, params=named)
    assert [b["g"]["value"] for b in bindings(body)] == [BASE + "doc/wire-1"]


# ---- read-only and guarded -----------------------------------------------------------------------
@pytest.mark.parametrize("request_kwargs", [
    {"method": "POST", "body": "update=INSERT+DATA+%7B%3Ca%3Ab%3E+%3Ca%3Ac%3E+%3Ca%3Ad%3E%7D",
     "content_type": "application/x-www-form-urlencoded"},
    {"method": "POST", "body": "INSERT DATA { <a:b> <a:c> <a:d> }", "content_type": "application/sparql-update"},
    {"method": "GET", "params": {"query": "DELETE WHERE { ?s ?p ?o }"}},
    {"method": "GET", "params": {"query": "LOAD <http://example.org/data.ttl>"}},
    {"method": "GET", "params": {"update": "DROP ALL"}},
])
def test_server_updates_get_403(app, world, request_kwargs):
    before = len(world.documents())
    status, _, body = call(app, **request_kwargs)
    assert status == 403 and b"E159" in body and b"read-only" in body
    assert len(world.documents()) == before


def test_server_service_is_refused_and_never_fetched(app):
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    listener.settimeout(0.5)
    port = listener.getsockname()[1]
    try:
        for text in (f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}",
                     f"SELECT * WHERE {{ \\u0053ERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}"):
            status, _, body = call(app, params={"query": text})
            assert status == 403 and b"E160" in body and b"SERVICE" in body
        with pytest.raises(socket.timeout):
            listener.accept()
    finally:
        listener.close()


def test_server_bad_queries_and_requests(app):
    status, _, body = call(app, params={"query": "SELECT ?x WHERE {\n  ?x geo:supports\n}"})
    assert status == 400 and body.startswith(b"E150 invalid SPARQL in the query: line 3, column 1:")
    assert call(app, "POST", body="x" * 2_000_000, content_type="application/sparql-query")[0] == 413
    assert call(app, "POST", body="<x/>", content_type="application/xml")[0] == 415
    status, headers, _ = call(app, "PUT")
    assert status == 405 and "POST" in headers["Allow"]
    assert call(app, params={"query": ["ASK {}", "ASK {}"]})[0] == 400
    assert call(app, "POST", body="", content_type="application/x-www-form-urlencoded")[0] == 400


def test_server_row_cap_is_announced(world):
    small = make_app(world, workers=1, max_rows=3)
    try:
        status, headers, body = call(small, params={"query": "SELECT * WHERE { ?s ?p ?o }"})
        assert status == 200 and len(bindings(body)) == 3 and headers["X-SPARQL-MaxRows"] == "3"
        status, headers, body = call(small, params={"query": "SELECT ?who WHERE { ?who geo:criticizes ?whom }"})
        assert status == 200 and len(bindings(body)) == 2 and "X-SPARQL-MaxRows" not in headers
    finally:
        small.close()


def test_server_timeout_stops_the_worker_and_replaces_it(world):
    quick = make_app(world, workers=1, timeout=1.0)
    try:
        before = quick.runner.pids()
        started = time.monotonic()
        status, _, body = call(quick, params={"query": CROSS})
        assert status == 503 and body.startswith(b"E161 the query ran longer than the limit of 1 s and was stopped")
        assert time.monotonic() - started < 5
        deadline = time.monotonic() + 30
        while not quick.runner.pids() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert quick.runner.pids() and quick.runner.pids() != before
        assert call(quick, params={"query": "ASK { ?s geo:borders ?o }"})[0] == 200
    finally:
        quick.close()


def test_server_survives_a_dead_worker(world):
    fragile = make_app(world, workers=1)
    try:
        (pid,) = fragile.runner.pids()
        os.kill(pid, signal.SIGKILL)
        status, _, body = call(fragile, params={"query": SUPPORTS})
        assert status == 500 and body.startswith(b"E172 the query worker failed (it was stopped by signal 9)")
        deadline = time.monotonic() + 30
        while call(fragile, params={"query": SUPPORTS})[0] != 200:
            assert time.monotonic() < deadline
            time.sleep(0.1)
    finally:
        fragile.close()


def test_server_memory_limit_stops_a_greedy_query(world):
    greedy = make_app(world, workers=1, timeout=30, memory_mb=1024)
    try:
        status, _, body = call(greedy, params={"query": "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } "
                                                        "ORDER BY ?a ?d ?g"})
        assert status == 500 and b"E172 the query worker failed (it ran out of memory" in body
        deadline = time.monotonic() + 30
        while call(greedy, params={"query": "ASK { ?s ?p ?o }"})[0] != 200:
            assert time.monotonic() < deadline
            time.sleep(0.1)
    finally:
        greedy.close()


def test_server_checkpoint_is_removed_and_stale_ones_too(tmp_path):
    from test_query_world import build_world

    from kg.store import open_store

    folder = build_world(tmp_path / "store")
    stale = folder / ".geokg-serve-999999999-old"
    (stale / "db").mkdir(parents=True)
    with open_store(folder, create=False) as store:
        served = make_app(store, workers=1)
        try:
            assert not stale.exists()
            (mine,) = folder.glob(".geokg-serve-*")
            assert mine.name.startswith(f".geokg-serve-{os.getpid()}-") and served.database.parent == mine
        finally:
            served.close()
    assert not list(folder.glob(".geokg-serve-*"))


def test_server_answers_concurrent_requests(app):
    results = []

    def ask():
        results.append(call(app, params={"query": SUPPORTS})[0])

    threads = [threading.Thread(target=ask) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert results == [200] * 8


# ---- saved questions over HTTP ------------------------------------------------------------------------
def test_server_lists_and_runs_saved_questions(app):
    status, _, body = call(app, path="/questions")
    listed = {q["name"]: q for q in json.loads(body)}
    assert status == 200 and listed["paths"]["params"][0]["name"] == "from" and "SELECT" in listed["paths"]["sparql"]
    status, _, body = call(app, path="/questions/supporters", params={"actor": "Mohamed Bazoum"})
    (row,) = bindings(body)
    assert status == 200 and row["supporter"]["value"] == "Algeria" and row["evidence"]["value"] == "2"
    assert "actor" not in json.loads(body)["head"]["vars"]
    between = {"from": "Russian Federation", "to": "Côte d'Ivoire", "format": "csv"}
    status, headers, body = call(app, path="/questions/paths", params=between)
    assert status == 200 and "Russia —supports→ Mali ←borders— Niger ←supports— Côte d'Ivoire" in body.decode()
    status, _, body = call(app, "POST", path="/questions/timeline", body="actor=Niger",
                           content_type="application/x-www-form-urlencoded")
    assert status == 200 and [b["subject"]["value"] for b in bindings(body)] == ["Emmanuel Macron"]


def test_server_saved_question_errors(app):
    status, _, body = call(app, path="/questions/nope")
    assert status == 404 and body.startswith(b"E151")
    status, _, body = call(app, path="/questions/relations", params={"actor": "Atlantis"})
    assert status == 400 and body.startswith(b"E155")
    status, _, body = call(app, path="/questions/relations")
    assert status == 400 and body.startswith(b"E152")
    status, _, body = call(app, path="/questions/relations", params={"actor": ["Niger", "Mali"]})
    assert status == 400 and body.startswith(b"E154")


# ---- pages --------------------------------------------------------------------------------------------
def test_server_query_page_is_served_from_the_package_without_cdn(app):
    status, headers, body = call(app, path="/query")
    assert status == 200 and b"/static/query.js" in body and "script-src 'self'" in headers["Content-Security-Policy"]
    for name in ("query.js", "query.css"):
        assert call(app, path=f"/static/{name}")[0] == 200
    for path in (p for p in Path(STATIC).iterdir() if p.suffix in (".html", ".js", ".css")):
        text = path.read_text(encoding="utf-8")
        assert "http://" not in text and "https://" not in text and "//cdn" not in text, path.name
    assert call(app, path="/static/../app.py")[0] == 404


def test_server_graph_view_or_a_plain_page(app, monkeypatch):
    status, headers, body = call(app, path="/")
    assert status == 200 and headers["Content-Type"].startswith("text/html") and b"<html" in body.lower()
    def broken(graph, **kwargs):
        raise RuntimeError("view under construction")

    monkeypatch.setattr(sys.modules["kg.view.render"], "render", broken)
    app._view = None
    status, _, body = call(app, path="/")
    assert status == 200 and b"/query" in body and b"Algiers talks" in body and b"3 documents" in body
    app._view = None


def test_server_small_routes(app):
    assert call(app, path="/health")[2] == b"ok\n"
    assert json.loads(call(app, path="/prefixes")[2])["id"] == BASE
    status, headers, body = call(app)
    assert status == 200 and headers["Content-Type"].startswith("text/turtle") and b"sd:endpoint" in body
    assert call(app, headers={"Accept": "text/html"})[0] == 303
    assert call(app, path="/nothing")[0] == 404
    status, _, body = call(app, "HEAD", params={"query": SUPPORTS})
    assert status == 200 and body == b""


def test_server_host_check_and_cors(world):
    guarded = make_app(world, workers=1, allowed_hosts=LOOPBACK_HOSTS, cors_origin="https://yasgui.example")
    try:
        assert call(guarded, path="/health", headers={"Host": "localhost:8000"})[0] == 200
        assert call(guarded, path="/health", headers={"Host": "[::1]:8000"})[0] == 200
        status, _, body = call(guarded, path="/health", headers={"Host": "attacker.example"})
        assert status == 403 and b"DNS rebinding" in body
        status, headers, _ = call(guarded, "OPTIONS", headers={"Host": "localhost"})
        assert status == 204 and headers["Access-Control-Allow-Origin"] == "https://yasgui.example"
    finally:
        guarded.close()
