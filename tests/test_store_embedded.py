"""The store API (DEVELOPERS.md, "The store API") on the embedded Oxigraph store."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import textwrap

import pytest
from rdflib import RDF, RDFS, SKOS, Literal, URIRef
from rdflib.compare import isomorphic
from test_store_support import FRE, RUR, nquads_by_graph, toy

from kg.graph.namespace import GEO
from kg.graph.store import KnowledgeGraph, contribution
from kg.store import DocumentInfo, StoreError, default_location, open_store
from kg.store.ops import Insert

ID = "https://geokg.org/id/"
ENTITIES = f"<{ID}entities>"


@pytest.fixture
def store(tmp_path):
    with open_store(tmp_path / "store") as opened:
        yield opened


def test_store_add_skip_replace_statuses(store):
    assert store.add(*toy("a")) == "added"
    assert store.add(*toy("a")) == "skipped"
    assert store.add(*toy("a", "Ruritania condemned Freedonia loudly.")) == "replaced"
    assert [d.id for d in store.documents()] == ["a"]


def test_store_documents_describe_each_document(store):
    doc, ex = toy("a", title="A title")
    store.add(doc, ex)
    (info,) = store.documents()
    assert isinstance(info, DocumentInfo)
    assert (info.id, info.title, info.date, info.source) == ("a", "A title", dt.date(2021, 5, 4), "a.txt")
    assert info.content_hash == doc.content_hash
    assert info.triples == len(nquads_by_graph(store)[f"<{ID}doc/a>"])
    assert info.complete and info.iri == f"{ID}doc/a"


def test_store_one_named_graph_per_document_plus_entities(store):
    store.add(*toy("a"))
    store.add(*toy("b"))
    assert set(nquads_by_graph(store)) == {f"<{ID}doc/a>", f"<{ID}doc/b>", ENTITIES}


def test_store_remove_retracts_document_and_orphan_entities(store):
    store.add(*toy("a"))
    store.add(*toy("b", "Ruritania praised Lilliput.", entities=(RUR, ("Lilliput", "Country", set(), None)),
                   facts=(("Ruritania", "supports", "Lilliput"),)))
    assert store.remove("b") is True
    assert store.remove("b") is False
    union = store.union_graph()
    assert (URIRef(ID + "Lilliput"), None, None) not in union
    assert (URIRef(ID + "Ruritania"), RDF.type, GEO.Country) in union
    assert (None, GEO.supports, None) not in union


def test_store_alt_labels_merge_and_unmerge(store):
    store.add(*toy("a", entities=(("Ruritania", "Country", {"Ruritanian"}, "Q1"), FRE)))
    store.add(*toy("b", entities=(("Ruritania", "Country", {"Rurita"}, None), FRE)))
    names = lambda: {str(o) for o in store.union_graph().objects(URIRef(ID + "Ruritania"), SKOS.altLabel)}  # noqa: E731
    assert names() == {"Ruritanian", "Rurita"}
    store.remove("a")
    assert names() == {"Rurita"}
    # the class, label and Wikidata link of the first document naming it stay while it is named
    assert store.union_graph().value(URIRef(ID + "Ruritania"), RDFS.label) == Literal("Ruritania", lang="en")


def test_store_remove_leaves_other_documents_byte_for_byte(store):
    for doc_id in ("a", "b", "c"):
        store.add(*toy(doc_id, f"Ruritania condemned Freedonia in {doc_id}."))
    before = nquads_by_graph(store)
    store.remove("b")
    after = nquads_by_graph(store)
    assert f"<{ID}doc/b>" not in after
    for graph in (f"<{ID}doc/a>", f"<{ID}doc/c>"):
        assert after[graph] == before[graph]


@pytest.mark.parametrize("steps", [
    ["+a", "+b", "-a", "+c", "+a", "-b"],
    ["+b", "+a", "+a2", "-a", "+c", "-c", "-b"],
])
def test_store_agrees_with_in_memory_graph(tmp_path, steps):
    """After any sequence of adds, replacements and removals, the store's union equals the
    in-memory KnowledgeGraph's built by the same steps (same entity rules)."""
    docs = {
        "a": toy("a", entities=(("Ruritania", "Country", {"Ruritanian"}, "Q1"), FRE)),
        "a2": toy("a", "Freedonia condemned Ruritania.", entities=(("Ruritania", "Country", {"R."}, None), FRE),
                  facts=(("Freedonia", "criticizes", "Ruritania"),)),
        "b": toy("b", "Ruritania met Lilliput.", entities=(RUR, ("Lilliput", "Country", {"Lill"}, "Q9")),
                 facts=(("Ruritania", "meetsWith", "Lilliput"),)),
        "c": toy("c", entities=(("Ruritania", "Country", {"Ruri"}, None), FRE)),
    }
    memory = KnowledgeGraph()
    with open_store(tmp_path / "s") as store:
        for step in steps:
            name = step[1:]
            if step[0] == "+":
                memory.add(*docs[name])
                store.add(*docs[name])
            else:
                memory.remove(name)
                store.remove(name)
            assert isomorphic(store.union_graph(), memory.union()), step


def test_store_incomplete_document_is_hidden_and_rebuilt(store):
    """What an interrupted write to a remote server leaves: a graph without its content hash."""
    doc, ex = toy("a")
    item = contribution(doc, ex)
    store._apply([Insert(item.iri, tuple(t for t in item.triples if t != item.marker))])
    assert store.documents() == []
    assert [(d.id, d.complete) for d in store.documents(include_incomplete=True)] == [("a", False)]
    assert [d.id for d in store.stats().incomplete] == ["a"]
    assert store.add(doc, ex) == "replaced"
    assert [d.id for d in store.documents()] == ["a"]
    assert store.validate().conforms


def test_store_query_select_ask_construct_and_bindings(store):
    store.add(*toy("a"))
    rows = list(store.query("SELECT ?s ?o WHERE { ?s geo:criticizes ?o }"))
    assert [(str(r.s), str(r.o)) for r in rows] == [(ID + "Ruritania", ID + "Freedonia")]
    assert bool(store.query("ASK { ?s a geo:Country }")) is True
    graph = store.query("CONSTRUCT { ?s rdfs:label ?l } WHERE { ?s rdfs:label ?l }").graph
    assert len(graph) == 2
    bound = store.query("SELECT ?l WHERE { ?s rdfs:label ?l }", bindings={"s": URIRef(ID + "Freedonia")})
    assert [str(r.l) for r in bound] == ["Freedonia"]


def test_store_query_error_is_coded(store):
    with pytest.raises(StoreError, match="E112"):
        store.query("SELEC nonsense")


def test_store_same_path_twice_in_one_process_shares_the_handle(tmp_path):
    first = open_store(tmp_path / "s")
    second = open_store(tmp_path / "s")
    first.add(*toy("a"))
    assert [d.id for d in second.documents()] == ["a"]
    first.close()
    assert [d.id for d in second.documents()] == ["a"]
    second.close()
    with open_store(tmp_path / "s") as third:
        assert len(third.documents()) == 1


def test_store_stats_counts(store):
    store.add(*toy("a"))
    store.add(*toy("b", "Ruritania met Freedonia.", facts=(("Ruritania", "meetsWith", "Freedonia"),)))
    stats = store.stats()
    assert [d.id for d in stats.documents] == ["a", "b"]
    assert stats.entities == {"Country": 2}
    assert stats.relations == {"meetsWith": 1, "criticizes": 1}
    assert stats.assertions == {"meetsWith": 1, "criticizes": 1}
    assert stats.triples == len(store.union_graph())
    assert stats.quads == sum(len(v) for v in nquads_by_graph(store).values())


def test_store_base_iri_is_the_stored_one(tmp_path):
    with open_store(tmp_path / "s", base_iri="https://example.org/kg/") as store:
        store.add(*toy("a"))
    with open_store(tmp_path / "s") as store:
        assert store.base == "https://example.org/kg/"
    with pytest.raises(StoreError, match="E110"):
        open_store(tmp_path / "s", base_iri="https://geokg.org/id/")


def test_store_default_location_honours_env(monkeypatch, tmp_path):
    monkeypatch.setenv("GEOKG_STORE", str(tmp_path / "mine"))
    assert default_location() == str(tmp_path / "mine")
    monkeypatch.delenv("GEOKG_STORE")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert default_location() == str(tmp_path / "data" / "geokg" / "store")


def test_store_locked_by_another_process_is_coded_and_untouched(tmp_path):
    path = tmp_path / "s"
    with open_store(path) as store:
        store.add(*toy("a"))
        content = nquads_by_graph(store)
    holder = subprocess.Popen([sys.executable, "-c", textwrap.dedent(f"""
        import sys, time
        from kg.store import open_store
        s = open_store({str(path)!r}); print("ready", flush=True); time.sleep(60)
        """)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ready"
        logs = sorted(p.name for p in (path / "oxigraph").glob("LOG*"))
        with pytest.raises(StoreError, match="E100"):
            open_store(path)
        assert sorted(p.name for p in (path / "oxigraph").glob("LOG*")) == logs  # not even a log rotated
    finally:
        holder.kill()
        holder.wait()
    with open_store(path) as store:
        assert nquads_by_graph(store) == content


def test_store_corrupt_is_coded(tmp_path):
    path = tmp_path / "s"
    with open_store(path) as store:
        store.add(*toy("a"))
    (path / "oxigraph" / "CURRENT").write_text("garbage\n")
    with pytest.raises(StoreError, match="E102"):
        open_store(path)
    assert (path / "oxigraph" / "CURRENT").read_text() == "garbage\n"


def test_store_folder_that_is_not_a_store_is_refused(tmp_path):
    (tmp_path / "notes.txt").write_text("mine")
    with pytest.raises(StoreError, match="E103"):
        open_store(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


def test_store_path_that_is_a_file_or_missing(tmp_path):
    (tmp_path / "f").write_text("x")
    with pytest.raises(StoreError, match="E101"):
        open_store(tmp_path / "f")
    with pytest.raises(StoreError, match="E101"):
        open_store(tmp_path / "f" / "below")
    with pytest.raises(StoreError, match="E113"):
        open_store(tmp_path / "nothing", create=False)
    assert not (tmp_path / "nothing").exists()


@pytest.mark.parametrize("url,code", [("ftp://example.org/sparql", "E105"), ("http:///sparql", "E105"),
                                      ("http://127.0.0.1:9/sparql", "E106")])
def test_store_bad_or_unreachable_endpoint(url, code):
    with pytest.raises(StoreError, match=code):
        open_store(url, timeout=5)


def test_store_keeps_a_bounded_number_of_table_files_open(tmp_path):
    """RocksDB pins the index blocks of every table file it holds open, so the embedded store
    opens with a bounded table cache (`OPEN_FILES`): a long build's memory does not grow with
    the store. Without the bound, all of the ~400 files written here stay open."""
    script = textwrap.dedent("""
        import os, sys, resource
        import pyoxigraph as ox
        import kg.store.embedded
        from kg.store.embedded import OxigraphStore
        OPEN_FILES = kg.store.embedded.OPEN_FILES = 64  # the mechanism, at a size quick to exceed
        folder = sys.argv[1]
        soft = resource.getrlimit(resource.RLIMIT_NOFILE)[0]

        def target(fd):   # RocksDB's background threads open and close files meanwhile
            try:
                return os.readlink(f"/proc/self/fd/{fd}")
            except OSError:
                return ""

        def held():
            return sum(1 for fd in os.listdir("/proc/self/fd") if target(fd).endswith(".sst"))

        store = OxigraphStore(folder)
        assert resource.getrlimit(resource.RLIMIT_NOFILE)[0] == soft   # the process's limit is restored
        db, most = store._database(), 0
        for batch in range(100):   # every bulk load writes new table files (one or more per index)
            lines = "".join(f"<urn:s{batch}-{i}> <urn:p{i % 7}> \\"v{i}\\" <urn:g{batch}> .\\n" for i in range(200))
            db.bulk_load(lines.encode(), format=ox.RdfFormat.N_QUADS)
            assert len(list(db.quads_for_pattern(ox.NamedNode(f"urn:s{batch // 2}-3"), None, None, None))) == 1
            most = max(most, held())
        tables = sum(1 for name in os.listdir(os.path.join(folder, "oxigraph")) if name.endswith(".sst"))
        print(tables, most, OPEN_FILES)
    """)
    done = subprocess.run([sys.executable, "-c", script, str(tmp_path / "store")], capture_output=True, text=True,
                          check=False, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    tables, most, bound = map(int, done.stdout.split())
    assert tables > 2 * bound      # many more table files than the cache holds...
    assert 0 < most <= bound       # ...and never more than the bound open at once
