"""`kg remove`, `kg stats`, `kg export`, `kg validate` as a user runs them; errors are one line."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest
from rdflib import Graph
from test_store_support import toy

from kg.cli import cli
from kg.cli._util import run_cli
from kg.store import StoreError, open_store


@pytest.fixture
def store_path(tmp_path):
    path = tmp_path / "store"
    with open_store(path) as store:
        store.add(*toy("a", title="First report"))
        store.add(*toy("b", "Ruritania met Freedonia.", facts=(("Ruritania", "meetsWith", "Freedonia"),)))
    return path


def _kg(*args: str) -> subprocess.CompletedProcess:
    """`python -m kg ARGS` in a fresh process."""
    return subprocess.run([sys.executable, "-m", "kg", *args], capture_output=True, text=True, timeout=300)


def _main(capsys, *args: str) -> subprocess.CompletedProcess:  # noqa: ANN001
    """What `kg ARGS` does (the same error translation), in this process."""
    capsys.readouterr()
    code = run_cli(cli, list(args))
    captured = capsys.readouterr()
    return subprocess.CompletedProcess(args, code, captured.out, captured.err)


def test_cli_store_stats_lists_documents_and_counts(store_path, runner):
    result = runner.invoke(cli, ["stats", "--store", str(store_path)], catch_exceptions=False)
    out = result.output
    assert result.exit_code == 0
    assert "documents: 2" in out and "  a  2021-05-04" in out and "First report" in out and "sha256:" in out
    assert "entities: 2" in out and "Country" in out
    assert "relations: 2 distinct triples, 2 assertions" in out and "meetsWith" in out
    data = json.loads(runner.invoke(cli, ["stats", "--store", str(store_path), "--json"]).output)
    assert data["document_count"] == 2 and data["entities"] == {"Country": 2}
    assert data["relations"] == {"meetsWith": 1, "criticizes": 1}
    assert [d["id"] for d in data["documents"]] == ["a", "b"]


def test_cli_store_remove(store_path, runner):
    result = runner.invoke(cli, ["remove", "b", "--store", str(store_path)], catch_exceptions=False)
    assert "removed: b" in result.output and "holds 1 documents" in result.output
    with open_store(store_path) as store:
        assert [d.id for d in store.documents()] == ["a"]


def test_cli_store_remove_missing_is_an_error_and_removes_nothing(store_path, runner):
    result = runner.invoke(cli, ["remove", "a", "nope", "--store", str(store_path)], standalone_mode=False)
    assert isinstance(result.exception, StoreError) and "E111" in str(result.exception)
    with open_store(store_path) as store:
        assert [d.id for d in store.documents()] == ["a", "b"]
    result = runner.invoke(cli, ["remove", "a", "nope", "--store", str(store_path), "--missing-ok"],
                           catch_exceptions=False)
    assert "removed: a" in result.output


def test_cli_store_export_to_stdout_and_file(store_path, runner, tmp_path):
    result = runner.invoke(cli, ["export", "--store", str(store_path)], catch_exceptions=False)
    with open_store(store_path) as store:
        assert len(Graph().parse(data=result.stdout_bytes.decode("utf-8"), format="turtle")) == \
            len(store.union_graph())
    result = runner.invoke(cli, ["export", "-f", "csv", "-o", str(tmp_path / "r.csv"), "--store", str(store_path)],
                           catch_exceptions=False)
    assert result.exit_code == 0
    assert (tmp_path / "r.csv").read_text(encoding="utf-8").startswith("subject,predicate,object,evidence")


def test_cli_store_validate_store(store_path, runner):
    result = runner.invoke(cli, ["validate", "--store", str(store_path)], catch_exceptions=False)
    assert result.exit_code == 0 and result.output.startswith("valid:")


def test_cli_store_missing_store_is_one_line(tmp_path):
    done = _kg("stats", "--store", str(tmp_path / "none"))
    assert done.returncode == 1 and "E113" in done.stderr
    assert done.stderr.strip().count("\n") == 0 and "Traceback" not in done.stderr
    assert not (tmp_path / "none").exists()


@pytest.mark.parametrize("store,code", [("ftp://host/sparql", "E105"), ("http://127.0.0.1:9/sparql", "E106")])
def test_cli_store_bad_endpoint_is_one_line(store, code, capsys):
    done = _main(capsys, "stats", "--store", store)
    assert done.returncode == 1 and code in done.stderr
    assert done.stderr.strip().count("\n") == 0 and "Traceback" not in done.stderr


def test_cli_store_locked_and_corrupt_are_one_line_and_untouched(store_path, capsys):
    holder = subprocess.Popen([sys.executable, "-c", textwrap.dedent(f"""
        import time
        from kg.store import open_store
        s = open_store({str(store_path)!r}); print("ready", flush=True); time.sleep(60)
        """)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ready"
        for args in (["stats"], ["remove", "a"], ["export"], ["validate"]):
            done = _main(capsys, *args, "--store", str(store_path))
            assert done.returncode == 1 and "E100" in done.stderr, args
            assert done.stderr.strip().count("\n") == 0 and "Traceback" not in done.stderr
    finally:
        holder.kill()
        holder.wait()
    with open_store(store_path) as store:
        assert [d.id for d in store.documents()] == ["a", "b"]
    (store_path / "oxigraph" / "CURRENT").write_text("garbage\n")
    done = _main(capsys, "stats", "--store", str(store_path))
    assert done.returncode == 1 and "E102" in done.stderr and "Traceback" not in done.stderr
    assert (store_path / "oxigraph" / "CURRENT").read_text() == "garbage\n"


def test_cli_store_build_into_a_folder_that_is_not_a_store(tmp_path, runner):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.txt").write_text("Algeria and Niger share a border.", encoding="utf-8")
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "thesis.tex").write_text("x")
    result = runner.invoke(cli, ["build", str(tmp_path / "docs"), "--store", str(tmp_path / "mine"),
                                 "--out", str(tmp_path / "o")], standalone_mode=False)
    assert isinstance(result.exception, StoreError) and "E103" in str(result.exception)
    assert sorted(p.name for p in (tmp_path / "mine").iterdir()) == ["thesis.tex"]
    assert not (tmp_path / "o").exists()
