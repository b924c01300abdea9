"""Parallel and distributed builds (issue 8): worker processes, a Dask LocalCluster, streaming,
progress, and the `kg build` options. A build on several workers stores exactly what a build
in one process stores."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest
from test_store_support import nquads_by_graph

from kg.build import Scale, build
from kg.cli import cli
from kg.scale import Settings, extract_all
from kg.scale import run as scale_run
from kg.scale.progress import Progress, count_documents
from kg.store import open_store

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
from corpus import generate  # noqa: E402


@pytest.fixture(scope="module")
def feed(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("feed") / "feed.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in generate(14, seed=3)), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def reference(feed, tmp_path_factory) -> dict:
    """The store after a build in this process."""
    path = tmp_path_factory.mktemp("ref") / "store"
    result = build([feed], out=None, store=path)
    assert result.counts == {"added": 14} and result.graph is None
    with open_store(path) as store:
        return nquads_by_graph(store)


@pytest.mark.slow
def test_scale_jobs_2_stores_what_one_process_stores(feed, reference, tmp_path):
    result = build([feed], out=None, store=tmp_path / "s", scale=Scale(jobs=2, chunk_size=3, store_batch=4))
    assert result.counts == {"added": 14}
    with open_store(tmp_path / "s") as store:
        assert nquads_by_graph(store) == reference


@pytest.mark.slow
def test_scale_dask_local_cluster_of_2_workers(feed, reference, tmp_path):
    pytest.importorskip("distributed")
    result = build([feed], out=None, store=tmp_path / "s", scale=Scale(jobs=2, dask="local", chunk_size=4))
    assert result.counts == {"added": 14}
    with open_store(tmp_path / "s") as store:
        assert nquads_by_graph(store) == reference
    again = build([feed], out=None, store=tmp_path / "s", scale=Scale(jobs=2, dask="local"))
    assert again.counts == {"skipped": 14}  # nothing to extract: no cluster is even started


def test_scale_files_and_store_only_builds_agree(feed, reference, tmp_path):
    result = build([feed], out=tmp_path / "o", store=tmp_path / "s", html=False)
    assert result.graph is not None and (tmp_path / "o" / "graph.ttl").exists()
    with open_store(tmp_path / "s") as store:
        assert nquads_by_graph(store) == reference
    assert result.tally.documents == 14 and result.tally.words > 1000


class _Threads:
    """A stand-in for the process pool: runs chunks on submit and records what it was given."""

    workers = 2

    def __init__(self, settings, jobs):  # noqa: ANN001, ANN204
        from concurrent.futures import Future

        self.Future, self.settings, self.submitted = Future, settings, 0

    def submit(self, chunk):  # noqa: ANN001, ANN201
        self.submitted += len(chunk)
        future = self.Future()
        future.set_result([([f"<urn:d> <urn:p> \"{d.id}\" ."], {}) for d in chunk])
        return future

    def close(self) -> None:
        pass


def test_scale_streaming_reads_only_a_window_ahead(monkeypatch):
    from kg.ingest.readers import make_document

    pulled = []

    def documents():  # noqa: ANN202
        for i in range(1000):
            pulled.append(i)
            yield make_document(f"text {i}", doc_id=f"d{i}")

    monkeypatch.setattr(scale_run, "ProcessPool", _Threads)
    items = extract_all(documents(), Settings(model=None, base="https://geokg.org/id/", provenance=None),
                        jobs=2, chunk_size=10)
    first = next(items)
    assert first.document.id == "d0" and first.lines == ['<urn:d> <urn:p> "d0" .']
    assert len(pulled) <= (2 * 2 + 1) * 10  # a window of chunks, not the corpus
    assert [i.document.id for i in items] == [f"d{i}" for i in range(1, 1000)]  # in input order


def test_scale_progress_line_and_quiet_when_not_a_terminal(feed, tmp_path):
    bar = Progress(total=200, stream=io.StringIO(), enabled=True, interval=0)
    bar.started -= 10
    bar.update(documents=50, words=5000)
    assert bar.stream.getvalue().startswith("\r50/200 documents (25%), 500 words/s, ETA 0:30")
    quiet = Progress(total=10, stream=io.StringIO())  # StringIO is not a terminal
    quiet.update(words=10)
    assert quiet.stream.getvalue() == ""
    (tmp_path / "a.txt").write_text("x")
    assert count_documents([feed, tmp_path]) == 15


def test_scale_cli_no_files_and_options(feed, tmp_path, runner):
    done = runner.invoke(cli, ["build", str(feed), "--store", str(tmp_path / "s"), "--no-files", "--out",
                               str(tmp_path / "o"), "--progress", "--batch-size", "8"])
    assert done.exit_code == 0, done.output
    assert "14 documents (0 skipped)" in done.output and "words/s" in done.output
    assert "14 added" in done.output and not (tmp_path / "o").exists()
    bad = runner.invoke(cli, ["build", str(feed), "--no-store", "--jobs", "-1"])
    assert bad.exit_code == 2 and "--jobs" in bad.output


def test_scale_cli_dask_address_error_is_one_line(feed, capsys):
    from kg.cli import main

    with pytest.raises(SystemExit) as exit_:
        main(["build", str(feed), "--no-store", "--no-files", "--dask", "scheduler:8786"])
    assert exit_.value.code == 1
    assert capsys.readouterr().err.startswith("error: E204 --dask scheduler:8786: not a scheduler address")


def test_scale_store_only_build_keeps_no_per_document_state(tmp_path):
    feed = tmp_path / "dup.jsonl"
    feed.write_text("".join(json.dumps({"id": i, "text": f"Algeria and Niger share a border. ({n})"}) + "\n"
                            for n, i in enumerate(["a", "b", "a"])), encoding="utf-8")
    from kg.errors import KGWarning

    with pytest.warns(KGWarning, match="W102 document id 'a' appears twice.*read earlier"):
        result = build([feed], out=None, store=tmp_path / "s")
    assert result.statuses == {} and result.counts == {"added": 2, "replaced": 1}
    assert result.stats.documents == 3
