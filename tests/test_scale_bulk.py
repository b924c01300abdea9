"""Bulk writes (`kg.store.bulk.BulkWriter`) store exactly what one-by-one writes store."""

from __future__ import annotations

import pytest
from test_store_support import FRE, RUR, nquads_by_graph, toy

from kg.graph.store import contribution
from kg.store import StoreError, open_store
from kg.store.bulk import BulkWriter

GRO = ("Grand Fenwick", "Country", {"Fenwickian", "the Duchy"}, None)
RUR2 = ("Ruritania", "Country", {"Kingdom of Ruritania"}, "Q1")
FRE2 = ("Freedonia", "Country", {"Freedonian"}, "Q7")
FACT = (("Ruritania", "criticizes", "Freedonia"),)


def docs() -> list[tuple]:
    return [toy("a"), toy("b", "Freedonia condemned Grand Fenwick.", entities=(FRE2, GRO),
                        facts=(("Freedonia", "criticizes", "Grand Fenwick"),)),
            toy("c", "Ruritania condemned Freedonia twice.", entities=(RUR2, FRE), facts=FACT),
            toy("d", "Grand Fenwick met Ruritania.", entities=(GRO, RUR), facts=(("Grand Fenwick", "meetsWith",
                                                                                 "Ruritania"),)),
            toy("a", "Ruritania condemned Freedonia again.", entities=(RUR2, FRE2), facts=FACT),  # a again
            toy("e", "Nothing here.", entities=(), facts=())]


def one_by_one(path, items) -> dict:  # noqa: ANN001
    with open_store(path) as store:
        statuses = [store.add_contribution(contribution(d, e, base=store.base)) for d, e in items]
        return {"quads": nquads_by_graph(store), "statuses": statuses}


@pytest.mark.parametrize(("batch", "background"), [(1, True), (2, True), (2, False), (64, True)])
def test_scale_bulk_equals_one_by_one(tmp_path, batch, background):
    expected = one_by_one(tmp_path / "ref", docs())
    seen = []
    with open_store(tmp_path / "bulk") as store, BulkWriter(store, documents=batch, background=background,
                                                             on_stored=lambda i, s: seen.append(s)) as writer:
        for d, e in docs():
            writer.add(contribution(d, e, base=store.base))
    with open_store(tmp_path / "bulk") as store:
        assert nquads_by_graph(store) == expected["quads"]
        assert all(d.complete for d in store.documents(include_incomplete=True))
    assert sorted(seen) == sorted(expected["statuses"])


def test_scale_bulk_into_a_store_that_holds_some(tmp_path):
    first, rest = docs()[:2], docs()[2:]
    expected = one_by_one(tmp_path / "ref", first + rest)
    with open_store(tmp_path / "bulk") as store:
        for d, e in first:
            store.add(d, e)
        with BulkWriter(store) as writer:
            for d, e in rest + [toy("b", "Freedonia condemned Grand Fenwick.", entities=(FRE2, GRO),
                                    facts=(("Freedonia", "criticizes", "Grand Fenwick"),))]:
                writer.add(contribution(d, e, base=store.base))
        assert nquads_by_graph(store) == expected["quads"]


def test_scale_bulk_failed_write_leaves_no_trace(tmp_path, monkeypatch):
    with open_store(tmp_path / "s") as store:
        store.add(*toy("a"))
        before = store.export("nquads")
        real = store._database()

        class Failing:  # the batch ends with a bad line: Oxigraph refuses the whole load
            def __getattr__(self, name):  # noqa: ANN001, ANN204
                return getattr(real, name)

            def load(self, data, **kw):  # noqa: ANN001, ANN003, ANN201
                return real.load(data + b"<x> <y> broken .\n", **kw)

            def bulk_load(self, data, **kw):  # noqa: ANN001, ANN003, ANN201
                return real.bulk_load(data + b"<x> <y> broken .\n", **kw)

        monkeypatch.setattr(store, "_database", Failing)
        writer = BulkWriter(store)
        for doc_id in "bcd":
            writer.add(contribution(*toy(doc_id), base=store.base))
        with pytest.raises(StoreError, match="E104"):
            writer.drain()
        monkeypatch.undo()
        assert store.export("nquads") == before


def test_scale_bulk_flushes_on_size_and_on_exit(tmp_path):
    seen = []
    with open_store(tmp_path / "s") as store:
        writer = BulkWriter(store, documents=2, on_stored=lambda i, s: seen.append(i.document.id))
        writer.add(contribution(*toy("a"), base=store.base))
        assert seen == []
        writer.add(contribution(*toy("b"), base=store.base))
        writer.drain()
        assert seen == ["a", "b"]
        writer.add(contribution(*toy("c"), base=store.base))
        with pytest.raises(RuntimeError), writer:
            raise RuntimeError("extraction failed")
        assert seen == ["a", "b", "c"]  # what was extracted is kept
        assert [d.id for d in store.documents()] == ["a", "b", "c"]


from test_store_virtuoso import _clear, virtuoso  # noqa: E402, F401  (the module's Virtuoso fixture)


def test_scale_bulk_to_virtuoso_equals_embedded(virtuoso, tmp_path):  # noqa: F811
    from rdflib.compare import isomorphic

    url = virtuoso["url"]
    _clear(url)
    with open_store(url) as remote, open_store(tmp_path / "s") as embedded:
        for store in (remote, embedded):
            with BulkWriter(store, documents=3) as writer:
                for d, e in docs():
                    writer.add(contribution(d, e, base=store.base))
        assert all(d.complete for d in remote.documents(include_incomplete=True))
        assert [d.id for d in remote.documents()] == [d.id for d in embedded.documents()]
        assert isomorphic(remote.union_graph(), embedded.union_graph())


def test_scale_bulk_flushes_write_buffers_as_it_goes(tmp_path, monkeypatch):
    """RocksDB keeps writes in memory until flushed: a long build flushes every FLUSH_EVERY quads."""
    import kg.store.embedded as embedded

    monkeypatch.setattr(embedded, "FLUSH_EVERY", 20)
    flushes = []
    with open_store(tmp_path / "s") as store:
        real = store._database()

        class Counting:
            def __getattr__(self, name):  # noqa: ANN001, ANN204
                return getattr(real, name)

            def flush(self) -> None:
                flushes.append(1)
                real.flush()

        monkeypatch.setattr(store, "_database", Counting)
        with BulkWriter(store, documents=1) as writer:
            for doc_id in "abcd":
                writer.add(contribution(*toy(doc_id), base=store.base))
        assert len(flushes) >= 2 and store._unflushed < 20
        assert [d.id for d in store.documents()] == ["a", "b", "c", "d"]


@pytest.mark.parametrize("background", [True, False])
def test_scale_bulk_releases_the_database_caches_as_it_goes(tmp_path, monkeypatch, background):
    """Oxigraph's caches grow with what a build writes: every RELEASE_EVERY quads, between
    batches, the embedded store reopens its database; what was written stays, whole."""
    import kg.store.embedded as embedded

    monkeypatch.setattr(embedded, "RELEASE_EVERY", 30)
    expected = one_by_one(tmp_path / "ref", docs())
    opened = []
    real_open = embedded._open
    monkeypatch.setattr(embedded, "_open", lambda *a: opened.append(a) or real_open(*a))
    with open_store(tmp_path / "s") as store:
        with BulkWriter(store, documents=1, background=background) as writer:
            for d, e in docs():
                writer.add(contribution(d, e, base=store.base))
        assert len(opened) >= 3                # opened, then reopened at least twice...
        assert nquads_by_graph(store) == expected["quads"]   # ...and nothing lost or doubled
        assert store.add(*toy("f", "Ruritania praised Freedonia.")) == "added"   # the new handle writes
    with open_store(tmp_path / "s") as store:
        assert len(store.documents()) == 6


def test_scale_bulk_release_waits_for_other_handles(tmp_path, monkeypatch):
    """A second handle on the folder in this process (or an answer still held) keeps the database
    open: no release then."""
    import kg.store.embedded as embedded

    monkeypatch.setattr(embedded, "RELEASE_EVERY", 1)
    opened = []
    real_open = embedded._open
    monkeypatch.setattr(embedded, "_open", lambda *a: opened.append(a) or real_open(*a))
    with open_store(tmp_path / "s") as store, open_store(tmp_path / "s") as other:
        before = store._database()
        with BulkWriter(store, documents=1) as writer:
            writer.add(contribution(*toy("a"), base=store.base))
        assert store._database() is before and other._database() is before and len(opened) == 1
    del before
    with open_store(tmp_path / "s") as store:
        held = store._database()
        with BulkWriter(store, documents=1) as writer:
            writer.add(contribution(*toy("b"), base=store.base))
        assert store._database() is held and len(opened) == 2   # `held` is a reference to it
        del held
        with BulkWriter(store, documents=1) as writer:
            writer.add(contribution(*toy("c"), base=store.base))
        assert len(opened) == 3
        assert [d.id for d in store.documents()] == ["a", "b", "c"]


def test_scale_bulk_forgets_what_it_wrote_past_the_cache_limit(tmp_path, monkeypatch):
    """The writer's memory of entity descriptions and names stays bounded (an archive names new
    people all the time) and forgetting changes nothing in what is stored."""
    import kg.store.bulk as bulk

    monkeypatch.setattr(bulk, "CACHE_LIMIT", 2)
    expected = one_by_one(tmp_path / "ref", docs())
    sizes = []
    with open_store(tmp_path / "s") as store:
        with BulkWriter(store, documents=1, background=False) as writer:
            for d, e in docs():
                writer.add(contribution(d, e, base=store.base))
                sizes.append(max(len(writer._known), len(writer._written)))
        assert nquads_by_graph(store) == expected["quads"]
    assert max(sizes) <= 2 + 6   # the limit, plus what one batch adds before the next check
