"""`build()` into a store: incremental, skip-unchanged, replace-changed, outputs of this build only.

These run the real pipeline (whichever one is installed) on small texts; they assert what
holds for any pipeline.
"""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
import textwrap

import pytest
from test_store_support import nquads_by_graph

from kg.build import build
from kg.cli import cli
from kg.errors import KGWarning
from kg.store import open_store

ID = "https://geokg.org/id/"
TEXTS = {
    "alpha": "Algeria and Niger share a border.\n\nAlgeria supports Mohamed Bazoum, the president of Niger.",
    "beta": "Russian Defence Minister Sergei Shoigu met Said Chengriha in Moscow on Tuesday.",
    "gamma": "France condemned the attack on the embassy in Niamey, the foreign ministry said.",
}


@pytest.fixture
def news(tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    for name, text in TEXTS.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    return folder


def test_build_twice_leaves_the_store_unchanged(tmp_path, news):
    store = tmp_path / "store"
    first = build([news], out=tmp_path / "o1", store=store, html=False)
    assert first.counts == {"added": 3}
    with open_store(store) as s:
        before, triples = nquads_by_graph(s), s.stats().triples
    second = build([news], out=tmp_path / "o2", store=store, html=False)
    assert second.counts == {"skipped": 3}
    with open_store(store) as s:
        assert s.stats().triples == triples
        assert nquads_by_graph(s) == before
    assert (tmp_path / "o1" / "graph.ttl").read_bytes() == (tmp_path / "o2" / "graph.ttl").read_bytes()


def test_build_changed_file_replaces_only_its_graph(tmp_path, news):
    store = tmp_path / "store"
    build([news], out=tmp_path / "o1", store=store, html=False)
    with open_store(store) as s:
        before = nquads_by_graph(s)
    (news / "beta.txt").write_text(TEXTS["beta"] + " They discussed military cooperation.", encoding="utf-8")
    again = build([news], out=tmp_path / "o2", store=store, html=False)
    assert again.statuses == {"alpha": "skipped", "beta": "replaced", "gamma": "skipped"}
    with open_store(store) as s:
        after = nquads_by_graph(s)
    assert after[f"<{ID}doc/alpha>"] == before[f"<{ID}doc/alpha>"]
    assert after[f"<{ID}doc/gamma>"] == before[f"<{ID}doc/gamma>"]
    assert after[f"<{ID}doc/beta>"] != before[f"<{ID}doc/beta>"]


def test_build_output_holds_this_builds_documents_only(tmp_path, news):
    store = tmp_path / "store"
    build([news / "alpha.txt", news / "beta.txt"], out=tmp_path / "o1", store=store, html=False)
    with_store = build([news / "gamma.txt"], out=tmp_path / "o2", store=store, html=False)
    without = build([news / "gamma.txt"], out=tmp_path / "o3", html=False)
    assert with_store.store == str(store) and without.store is None
    ttl = (tmp_path / "o2" / "graph.ttl").read_text(encoding="utf-8")
    assert "doc:gamma" in ttl and "doc:alpha" not in ttl and "doc:beta" not in ttl
    assert ttl == (tmp_path / "o3" / "graph.ttl").read_text(encoding="utf-8")
    with open_store(store) as s:
        assert [d.id for d in s.documents()] == ["alpha", "beta", "gamma"]


def test_build_new_pipeline_re_extracts(tmp_path, news, monkeypatch):
    store = tmp_path / "store"
    build([news], out=tmp_path / "o1", store=store, html=False)
    import kg.store.fingerprint as fingerprint

    monkeypatch.setattr(fingerprint, "provenance", lambda model=None: "geokg test; pipeline other")
    again = build([news], out=tmp_path / "o2", store=store, html=False)
    assert again.counts == {"replaced": 3}
    with open_store(store) as s:
        assert {d.provenance for d in s.documents()} == {"geokg test; pipeline other"}


def test_build_force_re_extracts(tmp_path, news):
    store = tmp_path / "store"
    build([news], out=tmp_path / "o1", store=store, html=False)
    assert build([news], out=tmp_path / "o2", store=store, html=False, force=True).counts == {"replaced": 3}


def test_build_metadata_change_updates_without_parsing(tmp_path, monkeypatch):
    feed = tmp_path / "feed.jsonl"
    line = {"id": "n1", "text": TEXTS["alpha"], "title": "First title", "date": "2023-08-02"}
    feed.write_text(json.dumps(line) + "\n", encoding="utf-8")
    store = tmp_path / "store"
    build([feed], out=tmp_path / "o1", store=store, html=False)
    feed.write_text(json.dumps({**line, "title": "Corrected title"}) + "\n", encoding="utf-8")
    kb = importlib.import_module("kg.build")  # (`kg.build` the attribute is the function)
    monkeypatch.setattr(kb, "extract_documents", lambda *a, **k: pytest.fail("parsed an unchanged text"))
    again = build([feed], out=tmp_path / "o2", store=store, html=False)
    assert again.statuses == {"n1": "replaced"}
    with open_store(store) as s:
        assert [d.title for d in s.documents()] == ["Corrected title"]
    assert "Corrected title" in (tmp_path / "o2" / "graph.ttl").read_text(encoding="utf-8")


def test_build_duplicate_ids_warn_and_later_wins(tmp_path):
    for sub, text in (("a", TEXTS["alpha"]), ("b", TEXTS["gamma"])):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / "same.txt").write_text(text, encoding="utf-8")
    with pytest.warns(KGWarning, match="W102"):
        result = build([tmp_path / "a", tmp_path / "b"], out=tmp_path / "o", store=tmp_path / "store", html=False)
    assert [d.text for d in result.graph.documents.values()] == [TEXTS["gamma"]]
    with open_store(tmp_path / "store") as s:
        assert [d.content_hash for d in s.documents()] == [result.graph.documents["same"].content_hash]


def test_build_cli_default_store_in_use_warns_and_still_writes(tmp_path, news, monkeypatch, runner):
    monkeypatch.delenv("GEOKG_STORE", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    default = tmp_path / "data" / "geokg" / "store"
    with open_store(default):
        pass
    holder = subprocess.Popen([sys.executable, "-c", textwrap.dedent(f"""
        import time
        from kg.store import open_store
        s = open_store({str(default)!r}); print("ready", flush=True); time.sleep(60)
        """)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ready"
        with pytest.warns(KGWarning, match="W100"):
            result = runner.invoke(cli, ["build", str(news), "--out", str(tmp_path / "o"), "--no-html"],
                                   catch_exceptions=False)
        assert result.exit_code == 0
        assert "store " not in result.output
        assert (tmp_path / "o" / "graph.ttl").exists()
        # an explicitly chosen store that is in use is an error
        explicit = runner.invoke(cli, ["build", str(news), "--out", str(tmp_path / "o2"), "--store", str(default)],
                                 standalone_mode=False)
        assert explicit.exception is not None and "E100" in str(explicit.exception)
    finally:
        holder.kill()
        holder.wait()


def test_build_cli_reports_store_counts(tmp_path, news, runner):
    args = ["build", str(news), "--out", str(tmp_path / "o"), "--store", str(tmp_path / "s"), "--no-html", "-v"]
    first = runner.invoke(cli, args, catch_exceptions=False)
    assert "added: alpha" in first.output
    assert f"store {tmp_path / 's'}: 3 added, 0 replaced, 0 skipped (unchanged)" in first.output
    second = runner.invoke(cli, args, catch_exceptions=False)
    assert "3 documents (0 skipped)" in second.output
    assert "0 added, 0 replaced, 3 skipped (unchanged)" in second.output
