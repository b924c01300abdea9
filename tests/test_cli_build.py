"""`kg build` end to end, as a user runs it."""

from __future__ import annotations

import subprocess
import sys

import pytest
from rdflib import Graph

from kg.cli import cli
from kg.graph.namespace import CORE_RELATIONS, GEO


@pytest.mark.slow
def test_cli_build_example_writes_turtle_and_html(tmp_path, examples_dir):
    out = tmp_path / "out"
    done = subprocess.run([sys.executable, "-m", "kg", "build", str(examples_dir), "--out", str(out)],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert f"html: {out / 'graph.html'}" in done.stdout
    assert "1 documents (0 skipped)" in done.stdout
    graph = Graph().parse(out / "graph.ttl", format="turtle")
    core = [t for rel in CORE_RELATIONS for t in graph.triples((None, GEO[rel], None))]
    assert len(core) >= 8
    html = (out / "graph.html").read_text(encoding="utf-8")
    assert "vis.Network" in html


def test_cli_build_missing_path_is_one_line_and_nonzero(tmp_path):
    done = subprocess.run([sys.executable, "-m", "kg", "build", str(tmp_path / "missing"), "--out",
                           str(tmp_path / "o")], capture_output=True, text=True, timeout=120)
    assert done.returncode == 1
    assert done.stderr.strip().count("\n") == 0
    assert "E001" in done.stderr and "missing" in done.stderr
    assert "Traceback" not in done.stderr


def test_cli_build_nothing_readable_is_nonzero(tmp_path, runner):
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01\x02")
    result = runner.invoke(cli, ["build", str(tmp_path), "--out", str(tmp_path / "o")],
                           standalone_mode=False, catch_exceptions=True)
    from kg.errors import InputError

    assert isinstance(result.exception, InputError)
    assert "E002" in str(result.exception)
    assert not (tmp_path / "o" / "graph.ttl").exists()


@pytest.mark.slow
def test_cli_build_skips_bad_files_and_counts_them(tmp_path):
    (tmp_path / "good.txt").write_text("Ruritania condemned Freedonia on Monday.", encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes("Caf\u00e9".encode("latin-1"))
    (tmp_path / "empty.md").write_text("", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "kg", "build", str(tmp_path), "--out", str(tmp_path / "o")],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    assert "1 documents (2 skipped)" in done.stdout
    skipped = [ln for ln in done.stderr.splitlines() if ln.startswith("skipped:")]
    assert len(skipped) == 2 and any("bad.txt" in ln for ln in skipped)
    assert "Traceback" not in done.stderr


def test_cli_build_bad_base_iri_is_reported(tmp_path, runner):
    (tmp_path / "a.txt").write_text("Text.", encoding="utf-8")
    result = runner.invoke(cli, ["build", str(tmp_path), "--base-iri", "not an iri"], standalone_mode=False)
    assert result.exception is not None and "E020" in str(result.exception)
