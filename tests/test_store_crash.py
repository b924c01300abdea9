"""Crash safety: a build killed mid-way leaves a store that opens, with every committed
document whole and none half-written; the next build completes it."""

from __future__ import annotations

import itertools
import os
import signal
import subprocess
import sys

import pytest
from test_store_support import toy

from kg.build import build_graph
from kg.graph.iris import document_iri
from kg.store import StoreError, open_store
from kg.store.ops import compile_op as real_compile_op

ID = "https://geokg.org/id/"
COUNTRIES = ("Algeria", "Niger", "Russia", "France", "Mali", "Chad", "Egypt", "Libya", "Morocco", "Tunisia",
             "Nigeria", "Ghana", "Senegal", "Sudan", "Ethiopia", "Kenya")
TEMPLATES = ("{a} and {b} signed a defence cooperation agreement on Monday.",
             "{a} condemned {b} for the border clashes, the foreign ministry said.",
             "The president of {a} visited {b} to discuss security in the Sahel.",
             "{a} and {b} share a long border.")


def _write_news(folder, count: int) -> None:
    folder.mkdir()
    pairs = itertools.cycle(itertools.permutations(COUNTRIES, 2))
    for i in range(count):
        a, b = next(pairs)
        text = " ".join(t.format(a=a, b=b) for t in TEMPLATES[i % 4:] + TEMPLATES[:i % 4])
        (folder / f"n{i:03d}.txt").write_text(f"Report {i}\n\n{text}", encoding="utf-8")


def _graph(store, doc_id: str) -> set:  # noqa: ANN001
    return set(store._graph_triples(document_iri(store.base, doc_id)))


@pytest.mark.slow
def test_crash_sigkill_mid_build_then_resume(tmp_path):
    news, path = tmp_path / "news", tmp_path / "store"
    _write_news(news, 96)
    reference = build_graph([news])
    cmd = [sys.executable, "-m", "kg", "build", str(news), "--store", str(path), "--out", str(tmp_path / "o"),
           "--no-html", "-v"]
    for kill_after in (5, 30):
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        reported = []
        for line in proc.stdout:
            if line.startswith(("added: ", "skipped: ", "replaced: ")):
                reported.append(line.split(": ", 1)[1].strip())
            if len(reported) >= kill_after:
                break
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        with open_store(path) as store:  # it opens
            stored = store.documents(include_incomplete=True)
            assert all(d.complete for d in stored)
            ids = {d.id for d in stored}
            assert set(reported) <= ids < set(reference.documents)
            for doc_id in ids:  # whole: exactly what an uninterrupted build gives
                assert _graph(store, doc_id) == set(reference.dataset.graph(document_iri(ID, doc_id))), doc_id
            assert store.validate().conforms
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    assert "0 replaced" in done.stdout
    with open_store(path) as store:
        assert {d.id for d in store.documents()} == set(reference.documents)
        from rdflib.compare import isomorphic

        assert isomorphic(store.union_graph(), reference.union())


def test_crash_failed_write_leaves_no_trace(tmp_path, monkeypatch):
    """A document is one transaction: if its write fails part-way, none of it is stored."""
    with open_store(tmp_path / "s") as store:
        store.add(*toy("a"))
        before = store.export("nquads")
        calls = itertools.count()

        def failing(op):  # noqa: ANN001, ANN202  (the 4th operation fails when run)
            return "DROP GRAPH <urn:x:missing>" if next(calls) == 3 else real_compile_op(op)

        monkeypatch.setattr("kg.store.embedded.compile_op", failing)
        with pytest.raises(StoreError):
            store.add(*toy("b", "Ruritania condemned Freedonia again."))
        assert store.export("nquads") == before
        assert [d.id for d in store.documents()] == ["a"]


# ---- issue 9: kg remove killed, failed builds, a build while the store is served -------------------
_SLOW_REMOVE = """
import sys, time
import kg.store.base as base
real = base.GraphStore.remove
def remove(self, doc_id):  # the real remove (one transaction), then a report and a pause
    time.sleep(float(sys.argv[1]))
    done = real(self, doc_id)
    print("done", doc_id, flush=True)
    return done
base.GraphStore.remove = remove
from kg.cli import main
main(sys.argv[2:])
"""


def _nquads(path) -> list[str]:  # noqa: ANN001
    with open_store(path, create=False) as store:
        return sorted(line for line in store.export("nquads").decode("utf-8").splitlines() if line.strip())


@pytest.mark.slow
def test_crash_sigkill_mid_remove(tmp_path):
    """`kg remove` killed part-way: the store opens, the removed documents are wholly gone, every
    other one is whole, the shapes hold, and removing again finishes the job."""
    news, path = tmp_path / "news", tmp_path / "store"
    _write_news(news, 24)
    from kg.build import build

    build([news], out=tmp_path / "o", store=path, html=False)
    with open_store(path) as store:
        before = {d.id: _graph(store, d.id) for d in store.documents()}
    ids = sorted(before)
    for pause, kill_after in ((0.05, 4), (0.0, 9)):
        cmd = [sys.executable, "-c", _SLOW_REMOVE, str(pause), "remove", *ids, "--store", str(path), "--missing-ok"]
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        removed = []
        for line in proc.stdout:
            if line.startswith("done "):
                removed.append(line.split()[1])
            if len(removed) >= kill_after:
                break
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        with open_store(path) as store:  # it opens
            stored = store.documents(include_incomplete=True)
            assert all(d.complete for d in stored)
            left = {d.id for d in stored}
            assert not left & set(removed) and left  # killed part-way
            for doc_id in left:
                assert _graph(store, doc_id) == before[doc_id], doc_id
            assert store.validate().conforms
        ids = sorted(left)
    done = subprocess.run([sys.executable, "-m", "kg", "remove", *ids, "--store", str(path)], capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    with open_store(path) as store:
        assert store.documents() == [] and len(store.union_graph()) == 0


def test_failed_build_leaves_the_store_exactly_as_it_was(tmp_path, capsys):
    from kg.cli import cli
    from kg.cli._util import run_cli

    path = tmp_path / "store"
    with open_store(path) as store:
        store.add(*toy("a"))
    before = _nquads(path)
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "empty.txt").write_bytes(b"")
    (bad / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00")
    (bad / "feed.jsonl").write_text("{broken\n[]\n", encoding="utf-8")
    for args in (["build", str(bad)], ["build", str(tmp_path / "missing")],
                 ["build", str(bad / "empty.txt"), "--base-iri", "https://other.example/id/"]):
        code = run_cli(cli, [*args, "--store", str(path), "--out", str(tmp_path / "o")])
        err = capsys.readouterr().err
        assert code == 1 and err.startswith("error: E") and err.count("\n") == 1, err
        assert _nquads(path) == before, args
    assert not (tmp_path / "o" / "graph.ttl").exists()


@pytest.mark.slow
def test_build_while_served_says_the_store_is_busy_and_reads_stay_whole(tmp_path):
    """`kg serve` keeps its store open: a build into it is refused at once with one line (E100)
    and the server's answers stay complete while it tries; after the server stops, it builds."""
    import urllib.parse
    import urllib.request

    news, path = tmp_path / "news", tmp_path / "store"
    _write_news(news, 6)
    from kg.build import build

    build([news], out=tmp_path / "o", store=path, html=False)
    more = tmp_path / "more"
    _write_news(more, 3)
    for i, file in enumerate(sorted(more.iterdir())):
        file.rename(more / f"extra{i}.txt")
    server = subprocess.Popen([sys.executable, "-m", "kg", "serve", "--store", str(path), "--port", "0", "--quiet",
                               "--workers", "1"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        url = next(line.split()[-1] for line in server.stdout if line.startswith("SPARQL endpoint:"))
        ask = url + "?" + urllib.parse.urlencode({"query": "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }",
                                                  "format": "csv"})
        first = urllib.request.urlopen(ask, timeout=30).read()
        busy = subprocess.Popen([sys.executable, "-m", "kg", "build", str(more), "--store", str(path), "--out",
                                 str(tmp_path / "o2"), "--no-html"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                text=True)
        answers = []
        while busy.poll() is None:
            answers.append(urllib.request.urlopen(ask, timeout=30).read())
        err = busy.stderr.read()
        assert busy.returncode == 1 and err.startswith("error: E100") and err.count("\n") == 1, err
        assert all(a == first for a in answers + [urllib.request.urlopen(ask, timeout=30).read()])
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=60)
    done = subprocess.run([sys.executable, "-m", "kg", "build", str(more), "--store", str(path), "--out",
                           str(tmp_path / "o2"), "--no-html"], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0 and "3 added" in done.stdout, done.stderr


BULK_CHILD = r"""
import sys
from kg.store.embedded import OxigraphStore
store = OxigraphStore(sys.argv[1])
for b in range(10_000):
    lines = [f'<https://geokg.org/id/s{b}_{i}> <https://geokg.org/ontology#p{i % 7}> "value {i} of {b}" .'
             for i in range(20_000)]
    store._insert_lines([(f"<https://geokg.org/id/doc/b{b}>", lines)])
    print(b, flush=True)
"""


@pytest.mark.slow
def test_crash_sigkill_during_batch_writes_leaves_whole_batches(tmp_path):
    """The embedded store's batch write (Oxigraph bulk-load ingestion) is all or nothing: kill
    the writer at several moments and every graph in the store is complete, in every index."""
    import time

    import pyoxigraph

    for n, wait in enumerate((0.4, 0.9, 1.6)):
        folder = tmp_path / f"s{n}"
        child = subprocess.Popen([sys.executable, "-c", BULK_CHILD, str(folder)], stdout=subprocess.PIPE, text=True)
        child.stdout.readline()  # the first batch is in: kill somewhere in the following ones
        time.sleep(wait)
        child.send_signal(signal.SIGKILL)
        child.wait()
        child.stdout.close()
        with open_store(folder) as store:
            db = store._database()
            sizes: dict[str, int] = {}
            for quad in db.quads_for_pattern(None, None, None, None):
                sizes[quad.graph_name.value] = sizes.get(quad.graph_name.value, 0) + 1
            assert sizes and set(sizes.values()) == {20_000}, "a batch was written in part"
            by_predicate = sum(1 for k in range(7) for _ in db.quads_for_pattern(
                None, pyoxigraph.NamedNode(f"https://geokg.org/ontology#p{k}"), None, None))
            assert by_predicate == 20_000 * len(sizes), "the indexes disagree"
