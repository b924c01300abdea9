"""`kg serve` in a subprocess on a free port, queried over real HTTP by real SPARQL clients."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import RDFS
from SPARQLWrapper import CSV, JSON, TURTLE, XML, SPARQLWrapper
from test_query_world import BASE, build_world

from kg.graph.namespace import GEO

pytestmark = pytest.mark.slow

SUPPORTS = "SELECT ?who ?whom WHERE { ?who geo:supports ?whom } ORDER BY ?who ?whom"
CROSS = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


class Server:
    """A `kg serve` process and its base URL."""

    def __init__(self, store: Path, *args: str) -> None:
        self.proc = subprocess.Popen([sys.executable, "-m", "kg", "serve", "--store", str(store), "--port", "0",
                                      "--quiet", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        line = self.proc.stdout.readline()  # "SPARQL endpoint: http://127.0.0.1:PORT/sparql", once it listens
        if not line.startswith("SPARQL endpoint: "):
            self.proc.kill()
            raise AssertionError(f"kg serve did not start: {line!r} {self.proc.stderr.read()}")
        self.endpoint = line.split(": ", 1)[1].strip()
        self.base = self.endpoint.rsplit("/", 1)[0]

    def stop(self) -> tuple[int, str]:
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        return self.proc.returncode, self.proc.stderr.read()


@pytest.fixture(scope="module")
def served(tmp_path_factory) -> Iterator[Server]:
    store = build_world(tmp_path_factory.mktemp("served") / "store")
    server = Server(store, "--timeout", "2", "--workers", "2")
    yield server
    code, err = server.stop()
    assert code == 0 and "Traceback" not in err, err
    assert not list(store.glob(".geokg-serve-*")), "the workers' checkpoint was left behind"


def client(server: Server, query: str, fmt: str, method: str = "GET") -> SPARQLWrapper:
    sparql = SPARQLWrapper(server.endpoint)
    sparql.setQuery(query)
    sparql.setReturnFormat(fmt)
    sparql.setMethod(method)
    sparql.setTimeout(60)
    return sparql


def test_http_select_json_xml_csv(served):
    data = client(served, SUPPORTS, JSON).queryAndConvert()
    pairs = [(b["who"]["value"], b["whom"]["value"]) for b in data["results"]["bindings"]]
    assert (BASE + "Algeria", BASE + "Mohamed_Bazoum") in pairs and len(pairs) == 4
    document = client(served, SUPPORTS, XML, method="POST").queryAndConvert()
    assert len(document.getElementsByTagName("result")) == 4
    text = client(served, SUPPORTS, CSV).queryAndConvert().decode("utf-8")
    assert text.startswith("who,whom\r\n") and f"{BASE}Russia,{BASE}Mali" in text


def test_http_ask_and_construct(served):
    assert client(served, "ASK { ?s geo:attacks ?o }", JSON).queryAndConvert()["boolean"] is True
    assert client(served, "ASK { ?s geo:sanctions ?o }", XML).queryAndConvert().getElementsByTagName(
        "boolean")[0].firstChild.data == "false"
    graph = client(served, "CONSTRUCT WHERE { ?s geo:criticizes ?o }", XML).queryAndConvert()  # RDF/XML → Graph
    assert isinstance(graph, Graph) and (URIRef(BASE + "Mali"), GEO.criticizes, URIRef(BASE + "France")) in graph
    turtle = client(served, "CONSTRUCT WHERE { ?s geo:criticizes ?o }", TURTLE).queryAndConvert()
    assert len(Graph().parse(data=turtle.decode("utf-8"), format="turtle")) == 2


def test_http_update_gets_403(served):
    sparql = client(served, "INSERT DATA { <urn:a> <urn:b> <urn:c> }", JSON, method="POST")
    with pytest.raises(urllib.error.HTTPError) as caught:
        sparql.query()
    assert caught.value.code == 403 and b"E159" in caught.value.read()
    assert client(served, "ASK { <urn:a> ?p ?o }", JSON).queryAndConvert()["boolean"] is False


def test_http_service_is_refused(served):
    sparql = client(served, "SELECT * WHERE { SERVICE <https://query.wikidata.org/sparql> { ?s ?p ?o } }", JSON)
    with pytest.raises(urllib.error.HTTPError) as caught:
        sparql.query()
    assert caught.value.code == 403 and b"E160" in caught.value.read()


def test_http_slow_query_hits_the_timeout_with_a_clear_error(served):
    started = time.monotonic()
    with pytest.raises(urllib.error.HTTPError) as caught:
        client(served, CROSS, JSON).query()
    message = caught.value.read().decode("utf-8")
    assert caught.value.code == 503
    assert message.startswith("E161 the query ran longer than the limit of 2 s and was stopped"), message
    assert time.monotonic() - started < 15
    assert client(served, "ASK { ?s geo:borders ?o }", JSON).queryAndConvert()["boolean"] is True


def test_http_rdflib_sparqlstore_reads_the_graph_back(served):
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    graph = Graph(store=SPARQLStore(served.endpoint))
    supports = set(graph.subject_objects(GEO.supports))
    assert (URIRef(BASE + "Russia"), URIRef(BASE + "Mali")) in supports and len(supports) == 3
    assert str(graph.value(URIRef(BASE + "Niger"), RDFS.label)) == "Niger"
    rows = list(graph.query("SELECT ?label WHERE { ?e <http://www.w3.org/2000/01/rdf-schema#label> ?label } "
                            "ORDER BY ?label LIMIT 2"))
    assert [str(r[0]) for r in rows] == ["Abdelmadjid Tebboune", "Algeria"]


def test_http_saved_questions_and_pages(served):
    with urllib.request.urlopen(f"{served.base}/questions/supporters?actor=Niger&format=csv", timeout=60) as answer:
        assert "Côte d'Ivoire,1," in answer.read().decode("utf-8")
    with urllib.request.urlopen(f"{served.base}/query", timeout=60) as page:
        assert b"ask the graph" in page.read() and "script-src 'self'" in page.headers["Content-Security-Policy"]
    with urllib.request.urlopen(f"{served.base}/", timeout=120) as view:
        assert view.status == 200 and b"<html" in view.read(2000).lower()


def test_http_geokg_can_use_the_server_as_its_store(served):
    from kg.query import run_saved
    from kg.store import open_store

    with open_store(served.endpoint) as remote:
        rows = run_saved(remote, "paths", **{"from": "Russian Federation", "to": "Côte d'Ivoire"}).to_dicts()
        assert [r["path"] for r in rows] == ["Russia —supports→ Mali ←borders— Niger ←supports— Côte d'Ivoire"]
        assert [r["subject"] for r in run_saved(remote, "timeline", actor="Niger").to_dicts()] == ["Emmanuel Macron"]
    done = subprocess.run([sys.executable, "-m", "kg", "query", "--store", served.endpoint, "--name", "critics",
                           "--param", "actor=France", "--format", "json"], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert [b["critic"]["value"] for b in json.loads(done.stdout)["results"]["bindings"]] == ["Mali", "Russia"]


def test_http_a_remote_store_can_be_served_too(served):
    from test_server_app import call

    from kg.server import make_app
    from kg.store import open_store

    with open_store(served.endpoint) as remote:
        with pytest.warns(UserWarning, match="W152"):
            app = make_app(remote, workers=2, timeout=2)
        try:
            assert app.runner.pids() == []
            status, _, body = call(app, params={"query": SUPPORTS}, headers={"Accept": "text/csv"})
            assert status == 200 and body.startswith(b"who,whom\r\n")
            status, _, body = call(app, path="/questions/neighbours", params={"country": "Niger"})
            assert status == 200 and [b["neighbour"]["value"] for b in json.loads(body)["results"]["bindings"]] == [
                "Algeria", "Mali"]
            status, _, body = call(app, params={"query": CROSS})
            assert status == 503 and b"E161" in body
        finally:
            app.close()


def test_http_other_hosts_are_warned_about(tmp_path):
    store = build_world(tmp_path / "store")
    server = Server(store, "--host", "0.0.0.0")
    try:
        with urllib.request.urlopen(server.endpoint.replace("0.0.0.0", "127.0.0.1") + "?query=ASK%7B%7D",
                                    timeout=60) as answer:
            assert json.loads(answer.read())["boolean"] is True
    finally:
        code, err = server.stop()
    assert code == 0 and "W150 serving on 0.0.0.0" in err


def test_http_busy_port_is_one_line(tmp_path):
    store = build_world(tmp_path / "store")
    server = Server(store)
    try:
        port = server.base.rsplit(":", 1)[1]
        other = build_world(tmp_path / "other")
        done = subprocess.run([sys.executable, "-m", "kg", "serve", "--store", str(other), "--port", port],
                              capture_output=True, text=True, timeout=120)
        assert done.returncode == 1 and f"E170 cannot listen on 127.0.0.1:{port}" in done.stderr
        assert "Traceback" not in done.stderr and done.stderr.count("\n") == 1
        assert not list(other.glob(".geokg-serve-*"))
    finally:
        server.stop()
    assert os.path.isdir(store)
