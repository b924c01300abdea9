"""`kg view` as a user runs it: sources, focus, filters, and one-line errors."""

from __future__ import annotations

import json
import subprocess
import sys
import types

import pytest

from kg.cli import cli
from kg.cli._util import run_cli
from kg.view.sample import crisis_documents, crisis_graph


@pytest.fixture(scope="module")
def ttl(tmp_path_factory):
    path = tmp_path_factory.mktemp("view-cli") / "crisis.ttl"
    crisis_graph().serialize(path, format="turtle")
    return path


def _run(capsys, *args: str) -> tuple[int, str, str]:
    code = run_cli(cli, list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


def _nodes(path) -> list[dict]:
    text = path.read_text(encoding="utf-8")
    raw = text.split('<script id="graph-data" type="application/json">', 1)[1].split("</script>", 1)[0]
    return json.loads(raw)["nodes"]


def test_view_cli_whole_graph(tmp_path, ttl, capsys):
    out = tmp_path / "all.html"
    code, stdout, stderr = _run(capsys, "view", "--graph", str(ttl), "--out", str(out))
    assert code == 0, stderr
    assert stdout.splitlines() == ["18 entities, 26 relations, 26 pieces of evidence", f"html: {out}"]
    assert len(_nodes(out)) == 18


def test_view_cli_focus_depth_and_filters(tmp_path, ttl, capsys):
    out = tmp_path / "mali.html"
    code, stdout, _ = _run(capsys, "view", "--graph", str(ttl), "--focus", "MALI", "--depth", "1", "-o", str(out))
    assert code == 0 and stdout.startswith("5 entities, ") and "around Mali (depth 1)" in stdout
    assert "<title>geokg: MALI in crisis.ttl</title>" in out.read_text(encoding="utf-8")
    code, stdout, _ = _run(capsys, "view", "--graph", str(ttl), "--relations", "supports,attacks",
                           "--since", "2023-08", "--until", "2023-08-31", "--min-confidence", "0.5",
                           "-o", str(out), "--title", "August support")
    assert code == 0
    assert stdout.startswith("5 entities, 3 relations, 3 pieces of evidence")
    assert "relations: supports, attacks; dated 2023-08-01 to 2023-08-31; confidence ≥ 0.5" in stdout
    assert {n["name"] for n in _nodes(out)} == {"Algeria", "Mohamed Bazoum", "Mali", "Burkina Faso", "Niger"}


def test_view_cli_several_focus_names(tmp_path, ttl, capsys):
    out = tmp_path / "two.html"
    code, stdout, _ = _run(capsys, "view", "--graph", str(ttl), "--focus", "Ivory Coast", "--focus",
                           "sergey shoygu", "--depth", "0", "-o", str(out))
    assert code == 0 and stdout.startswith("2 entities, 0 relations")
    assert {n["name"] for n in _nodes(out)} == {"Côte d'Ivoire", "Sergei Shoigu"}


@pytest.mark.parametrize("args, expected", [
    (["--focus", "Nigr"], "error: E073 no entity named 'Nigr'; close matches: Niger"),
    (["--relations", "suports"], "error: E022 unknown relation 'suports'; choose one of: borders"),
    (["--since", "2023/08/01"], "error: E070 invalid since date '2023/08/01'"),
    (["--since", "2023-09", "--until", "2023-08"], "error: E071"),
])
def test_view_cli_errors_are_one_line(tmp_path, ttl, capsys, args, expected):
    code, _stdout, stderr = _run(capsys, "view", "--graph", str(ttl), "-o", str(tmp_path / "x.html"), *args)
    assert code == 1
    assert stderr.startswith(expected) and stderr.count("\n") == 1
    assert not (tmp_path / "x.html").exists()


def test_view_cli_usage_errors(tmp_path, ttl, capsys):
    code, _o, err = _run(capsys, "view", "--graph", str(ttl), "--store", "s", "-o", str(tmp_path / "x.html"))
    assert code == 2 and "either --store or --graph" in err
    code, _o, err = _run(capsys, "view", "--graph", str(ttl), "--depth", "2")
    assert code == 2 and "--depth needs --focus" in err
    code, _o, err = _run(capsys, "view", "--graph", str(ttl), "--min-confidence", "1.5")
    assert code == 2 and "--min-confidence" in err


def test_view_cli_bad_files(tmp_path, capsys):
    code, _o, err = _run(capsys, "view", "--graph", str(tmp_path / "missing.ttl"))
    assert code == 1 and err.startswith("error: E001") and err.count("\n") == 1
    junk = tmp_path / "junk.ttl"
    junk.write_text("this is not turtle <<<", encoding="utf-8")
    code, _o, err = _run(capsys, "view", "--graph", str(junk))
    assert code == 1 and err.startswith("error: E030") and err.count("\n") == 1


def test_view_cli_other_rdf_formats(tmp_path, capsys):
    from rdflib import Dataset, URIRef

    nt = tmp_path / "g.nt"
    crisis_graph().serialize(nt, format="nt", encoding="utf-8")
    trig = tmp_path / "g.trig"
    ds = Dataset()
    for i, triple in enumerate(crisis_graph()):
        ds.graph(URIRef(f"urn:g{i % 2}")).add(triple)
    ds.serialize(trig, format="trig")
    for path in (nt, trig):
        code, stdout, err = _run(capsys, "view", "--graph", str(path), "-o", str(tmp_path / "v.html"))
        assert code == 0, err
        assert stdout.startswith("18 entities, 26 relations")


def test_view_cli_store_uses_open_store_union_graph(tmp_path, capsys, monkeypatch):
    calls = []

    class FakeStore:
        def union_graph(self):
            calls.append("union_graph")
            return crisis_graph()

        def close(self):
            calls.append("close")

    def open_store(location=None, *, create=True):
        calls.append(("open", location, create))
        return FakeStore()

    monkeypatch.setitem(sys.modules, "kg.store", types.SimpleNamespace(open_store=open_store))
    out = tmp_path / "store.html"
    code, stdout, err = _run(capsys, "view", "--store", str(tmp_path / "kgstore"), "--focus", "France", "-o", str(out))
    assert code == 0, err
    assert calls == [("open", str(tmp_path / "kgstore"), False), "union_graph", "close"]
    assert "around France (depth 1)" in stdout
    calls.clear()
    code, _stdout, err = _run(capsys, "view", "-o", str(out))  # no source: the default store
    assert code == 0 and calls[0] == ("open", None, False)


def test_view_cli_store_unavailable_is_one_line(tmp_path, capsys, monkeypatch):
    monkeypatch.setitem(sys.modules, "kg.store", None)  # import kg.store → ImportError
    code, _o, err = _run(capsys, "view", "--store", str(tmp_path / "s"), "-o", str(tmp_path / "x.html"))
    assert code == 1 and err.startswith("error: E076") and "--graph FILE" in err and err.count("\n") == 1


def test_view_cli_real_store(tmp_path, capsys):
    store_mod = pytest.importorskip("kg.store")
    location = tmp_path / "kgstore"
    store = store_mod.open_store(str(location))
    try:
        for document, extraction in crisis_documents():
            store.add(document, extraction)
    finally:
        store.close()
    out = tmp_path / "store.html"
    code, stdout, err = _run(capsys, "view", "--store", str(location), "-o", str(out))
    assert code == 0, err
    assert stdout.startswith("18 entities, 26 relations, 26 pieces of evidence")
    code, _o, err = _run(capsys, "view", "--store", str(tmp_path / "typo"), "-o", str(out))
    assert code == 1 and err.startswith("error: ") and not (tmp_path / "typo").exists()


def test_view_cli_help_has_example(runner):
    result = runner.invoke(cli, ["view", "--help"])
    assert result.exit_code == 0 and "Example:" in result.output and "--focus" in result.output


def test_view_cli_subprocess_end_to_end(tmp_path, ttl):
    done = subprocess.run([sys.executable, "-m", "kg", "view", "--graph", str(ttl), "--focus", "niger",
                           "--out", str(tmp_path / "n.html")], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr and "html: " in done.stdout
