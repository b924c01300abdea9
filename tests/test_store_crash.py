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
            if sum(1 for _ in reported) >= kill_after:
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
