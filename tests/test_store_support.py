"""Helpers the store tests share (hand-built documents and extractions, N-Quads per graph),
and tests of the helpers themselves. Other test modules import them: `from test_store_support import …`.
"""

from __future__ import annotations

from collections.abc import Iterable

from kg.extract.model import Entity, Extraction, Fact
from kg.ingest.document import Document
from kg.ingest.readers import make_document

EntitySpec = tuple[str, str, set[str], str | None]
RUR: EntitySpec = ("Ruritania", "Country", {"Ruritanian"}, "Q1")
FRE: EntitySpec = ("Freedonia", "Country", set(), None)


def toy(doc_id: str, sentence: str = "Ruritania condemned Freedonia.", *,
        entities: Iterable[EntitySpec] = (RUR, FRE),
        facts: Iterable[tuple[str, str, str]] = (("Ruritania", "criticizes", "Freedonia"),),
        date: str | None = "2021-05-04", title: str | None = None) -> tuple[Document, Extraction]:
    """A document of one sentence and an extraction naming `entities` with `facts` in it."""
    text = f"{title or 'Report ' + doc_id}\n\n{sentence}"
    doc = make_document(text, doc_id=doc_id, source=f"{doc_id}.txt", date_text=date)
    ex = Extraction(doc_id=doc_id)
    for key, cls, aliases, qid in entities:
        ex.add_entity(Entity(key, cls, set(aliases), qid))
    start = text.index(sentence)
    for s, p, o in facts:
        ex.facts.append(Fact(s, p, o, start, start + len(sentence), sentence, f"test.{p}", 0.85,
                             "111" if p == "criticizes" else None, doc.date))
    return doc, ex


def nquads_by_graph(store) -> dict[str, list[str]]:  # noqa: ANN001
    """The store's N-Quads export, sorted, grouped by graph name."""
    graphs: dict[str, list[str]] = {}
    for line in (store.export("nquads") or b"").decode("utf-8").splitlines():
        if line.strip():
            graph = line.rstrip(" .").rsplit(" ", 1)[-1]
            graphs.setdefault(graph, []).append(line)
    return {g: sorted(lines) for g, lines in graphs.items()}


def test_support_toy_offsets_point_at_the_evidence():
    doc, ex = toy("t1")
    fact = ex.facts[0]
    assert doc.text[fact.start:fact.end] == fact.evidence
    assert set(ex.entities) == {"Ruritania", "Freedonia"}


def test_support_nquads_by_graph_groups_lines(tmp_path):
    from kg.store import open_store

    with open_store(tmp_path / "s") as store:
        store.add(*toy("t1"))
        graphs = nquads_by_graph(store)
    assert set(graphs) == {"<https://geokg.org/id/doc/t1>", "<https://geokg.org/id/entities>"}
    assert graphs["<https://geokg.org/id/doc/t1>"] == sorted(graphs["<https://geokg.org/id/doc/t1>"])
