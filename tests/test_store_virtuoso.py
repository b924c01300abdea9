"""The same commands against a real SPARQL server: Debian's Virtuoso 7 (`virtuoso-opensource`).

A module fixture starts `virtuoso-t` on 127.0.0.1 (free ports) with its own ini and database in
a temporary folder, grants SPARQL_UPDATE to the anonymous SPARQL user through `isql` on its SQL
port, and stops it by PID. Skipped only when `virtuoso-t` is not installed.
"""

from __future__ import annotations

import json
import shutil
import signal
import socket
import subprocess
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from rdflib import URIRef
from rdflib.compare import isomorphic
from test_store_support import RUR, nquads_by_graph, toy

from kg.cli import cli
from kg.errors import KGWarning
from kg.store import StoreError, open_store

pytestmark = pytest.mark.slow
VIRTUOSO = shutil.which("virtuoso-t")
ISQL = shutil.which("isql-vt") or shutil.which("isql")
VSP = Path("/var/lib/virtuoso-opensource-7/vsp")
INI = """[Database]
DatabaseFile = {dir}/virtuoso.db
ErrorLogFile = {dir}/virtuoso.log
LockFile = {dir}/virtuoso.lck
TransactionFile = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
Striping = 0
TempStorage = TempDatabase
[TempDatabase]
DatabaseFile = {dir}/virtuoso-temp.db
TransactionFile = {dir}/virtuoso-temp.trx
Striping = 0
[Parameters]
ServerPort = 127.0.0.1:{sql}
DisableUnixSocket = 1
CheckpointInterval = 60
CaseMode = 2
DirsAllowed = ., {dir}
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
ThreadsPerQuery = 2
[HTTPServer]
ServerPort = 127.0.0.1:{http}
{root}MaxClientConnections = 4
ServerThreads = 4
Charset = UTF-8
[SPARQL]
ResultSetMaxRows = 10000
MaxQueryExecutionTime = 120
"""
ENTITY_ONLY_IN_B = ("Lilliput", "Country", {"Lilliputian"}, "Q9")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _ready(url: str) -> bool:
    data = urllib.parse.urlencode({"query": "ASK { }"}).encode()
    request = urllib.request.Request(url, data=data, headers={"Accept": "application/sparql-results+json"})
    try:
        with urllib.request.urlopen(request, timeout=5) as answer:
            return "boolean" in json.loads(answer.read())
    except (OSError, ValueError):
        return False


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory):
    """A running Virtuoso: {"url", "auth_url", "folder"}."""
    if VIRTUOSO is None:
        pytest.skip("virtuoso-t is not installed (apt-get install virtuoso-opensource)")
    if ISQL is None:
        pytest.fail("virtuoso-t is installed but isql-vt is missing")
    folder = tmp_path_factory.mktemp("virtuoso")
    sql, http = _free_port(), _free_port()
    root = f"ServerRoot = {VSP}\n" if VSP.is_dir() else ""
    (folder / "virtuoso.ini").write_text(INI.format(dir=folder, sql=sql, http=http, root=root))
    log = open(folder / "stdout.log", "wb")  # noqa: SIM115
    proc = subprocess.Popen([VIRTUOSO, "+configfile", str(folder / "virtuoso.ini"), "+foreground"],
                            cwd=folder, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{http}/sparql"
    try:
        deadline = time.monotonic() + 120
        while not _ready(url):
            if proc.poll() is not None or time.monotonic() > deadline:
                tail = (folder / "virtuoso.log").read_text(errors="replace")[-2000:] \
                    if (folder / "virtuoso.log").exists() else ""
                pytest.fail(f"virtuoso did not start (exit {proc.poll()}): {tail}")
            time.sleep(0.5)
        done = subprocess.run([ISQL, f"127.0.0.1:{sql}", "dba", "dba", 'exec=GRANT SPARQL_UPDATE TO "SPARQL";'],
                              capture_output=True, text=True, timeout=60)
        assert done.returncode == 0, done.stdout + done.stderr
        yield {"url": url, "auth_url": f"http://127.0.0.1:{http}/sparql-auth", "folder": folder}
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


@pytest.fixture
def feed(tmp_path):
    """Two JSONL documents with hand-picked text."""
    path = tmp_path / "feed.jsonl"
    lines = [{"id": "v-one", "title": "Première", "date": "2023-08-02",
              "text": "Algeria and Niger share a border.\nAlgeria supports Mohamed Bazoum, the president of Niger."},
             {"id": "v-two", "title": "Second", "date": "2023-08-03",
              "text": "Russian Defence Minister Sergei Shoigu met Said Chengriha in Moscow on Tuesday."}]
    path.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines) + "\n", encoding="utf-8")
    return path


def _clear(url: str) -> None:
    with open_store(url) as store:
        for doc in store.documents(include_incomplete=True):
            store.remove(doc.id)


def test_virtuoso_round_trip_build_query_remove(virtuoso, feed, examples_dir, tmp_path, runner):
    url = virtuoso["url"]
    _clear(url)
    args = ["build", str(examples_dir), str(feed), "--no-html", "--store", url]
    result = runner.invoke(cli, [*args, "--out", str(tmp_path / "o1")], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert f"store {url}: 3 added" in result.output
    local = tmp_path / "local"
    runner.invoke(cli, ["build", str(examples_dir), str(feed), "--no-html", "--store", str(local),
                        "--out", str(tmp_path / "o2")], catch_exceptions=False)
    with open_store(url) as remote, open_store(local) as embedded:
        assert isomorphic(remote.union_graph(), embedded.union_graph())
        assert [d.id for d in remote.documents()] == [d.id for d in embedded.documents()]
        rows = list(remote.query("SELECT DISTINCT ?s ?o WHERE { ?s geo:borders ?o }"))
        assert ("https://geokg.org/id/Algeria", "https://geokg.org/id/Niger") in {(str(r.s), str(r.o)) for r in rows}
        assert bool(remote.query("ASK { ?d a geo:Document ; dcterms:title \"Première\" }"))
        before = nquads_by_graph(remote)
        assert remote.stats().triples == embedded.stats().triples
    again = runner.invoke(cli, [*args, "--out", str(tmp_path / "o3")], catch_exceptions=False)
    assert "0 added, 0 replaced, 3 skipped (unchanged)" in again.output
    removed = runner.invoke(cli, ["remove", "v-two", "--store", url], catch_exceptions=False)
    assert "removed: v-two" in removed.output
    with open_store(url) as remote:
        after = nquads_by_graph(remote)
        assert "<https://geokg.org/id/doc/v-two>" not in after
        for graph in ("<https://geokg.org/id/doc/v-one>",
                      "<https://geokg.org/id/doc/russia-algeria-military-ties-2023-08-02>"):
            assert after[graph] == before[graph]
        assert remote.validate().conforms
    stats = runner.invoke(cli, ["stats", "--store", url], catch_exceptions=False)
    assert "documents: 2" in stats.output
    trig = runner.invoke(cli, ["export", "--format", "trig", "--store", url, "--out", str(tmp_path / "g.trig")],
                         catch_exceptions=False)
    assert trig.exit_code == 0 and (tmp_path / "g.trig").stat().st_size > 0


def test_virtuoso_entities_and_unicode_like_embedded(virtuoso, tmp_path):
    url = virtuoso["url"]
    _clear(url)
    odd = ("Saïd \"the\" Chengriha", "Person", {"Саид Шенгриха", "Said\nChengriha", "back\\slash"}, None)
    docs = [toy("u1", "Ruritania met Saïd \"the\" Chengriha.", entities=(RUR, odd),
                facts=(("Ruritania", "meetsWith", "Saïd \"the\" Chengriha"),)),
            toy("u2", "Ruritania praised Lilliput.", entities=(RUR, ENTITY_ONLY_IN_B),
                facts=(("Ruritania", "supports", "Lilliput"),))]
    with open_store(url) as remote, open_store(tmp_path / "s") as embedded:
        for store in (remote, embedded):
            for doc in docs:
                assert store.add(*doc) == "added"
            assert store.add(*docs[0]) == "skipped"
            assert store.remove("u2") is True
        assert isomorphic(remote.union_graph(), embedded.union_graph())
        assert "Lilliput" not in remote.export("ntriples").decode("utf-8")


def test_virtuoso_paging_past_the_row_cap(virtuoso):
    url = virtuoso["url"]
    _clear(url)
    with open_store(url) as store:
        for i in range(3):
            store.add(*toy(f"p{i}"))
        lines = "".join(f"<urn:x:s{i}> <urn:x:p> \"{i}\" .\n" for i in range(12_000)).encode()
        store.client.graph_post(store.graph_url, "urn:x:bulk", lines)
        with pytest.warns(KGWarning, match="W101"):
            rows = list(store.query("SELECT ?s WHERE { GRAPH <urn:x:bulk> { ?s ?p ?o } }"))
        assert len(rows) == 10_000
        store.page_size = 4  # keyset paging: many small pages give the same answers
        assert [d.id for d in store.documents()] == ["p0", "p1", "p2"]
        graph = URIRef(store.lookup("p0").iri)
        via_gsp = store._graph_triples(graph)
        store.graph_url = None
        paged = store._graph_triples(graph)
        assert len(paged) == len(via_gsp) > 4 * store.page_size
        assert set(paged) == set(via_gsp)
        store.client.update("DROP SILENT GRAPH <urn:x:bulk>")


def test_virtuoso_credentials_and_graph_store_protocol(virtuoso, tmp_path):
    with open_store(virtuoso["auth_url"], user="dba", password="dba") as store:
        assert store.graph_url.endswith("/sparql-graph-crud-auth")
        store.add(*toy("cred", "Ruritania condemned Freedonia with a long list of grievances " * 3))
        assert "cred" in {d.id for d in store.documents()}
        store.remove("cred")
    with pytest.raises(StoreError, match="E107"):
        open_store(virtuoso["auth_url"], user="dba", password="wrong")


def test_virtuoso_cli_errors_are_one_line(virtuoso, tmp_path):
    port = _free_port()
    done = subprocess.run(["kg", "stats", "--store", f"http://127.0.0.1:{port}/sparql"], capture_output=True,
                          text=True, timeout=120, cwd=tmp_path) if shutil.which("kg") else None
    if done is not None:
        assert done.returncode == 1 and "E106" in done.stderr and "Traceback" not in done.stderr
        assert done.stderr.strip().count("\n") == 0
