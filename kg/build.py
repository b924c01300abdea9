"""The whole path: documents → spaCy → entities and facts → RDF → a store and files.

`build_graph()` returns a `KnowledgeGraph` of the documents read (for notebooks); `build()`
also writes `graph.ttl` and `graph.html` into an output folder (for the CLI). Both can also
add every document to a persistent store (`kg.store`), in batches (`kg.store.bulk`: one
transaction per batch of new documents, reported once written):

- a stored document with the same text, metadata and pipeline (`dcterms:provenance`) is
  *skipped*: not parsed again, its stored graph is reused;
- the same id with other content (or from another pipeline) is *replaced*;
- anything else is *added*.

The output files always hold exactly the documents named in this build (skipped ones
included), never the rest of the store: a build's `graph.ttl` is the same whether or not a
store was used and whatever the store held before. With `out=None` no graph is kept in memory
(a store-only build of any size). Extraction runs in this process, in worker processes or on a
Dask cluster (`Scale`, `kg.scale`; docs/scale.md).
"""

from __future__ import annotations

import dataclasses
import itertools
import os
import time
import warnings
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from kg.errors import Errors, InputError, KGWarning
from kg.graph.iris import DEFAULT_BASE_IRI
from kg.graph.mapping import nt_iri
from kg.graph.namespace import CORE_RELATIONS, GEO
from kg.graph.store import Contribution, GraphStats, KnowledgeGraph, with_document
from kg.ingest import Document, ReadReport, iter_documents
from kg.ingest.readers import DEFAULT_MAX_BYTES

if TYPE_CHECKING:
    from kg.extract.model import Extraction
    from kg.store import GraphStore

OnDocument = Callable[[str, str], None]
OnProgress = Callable[[Document], None]
_CORE_NT = frozenset(nt_iri(str(GEO[r])) for r in CORE_RELATIONS)


@dataclass
class Tally:
    """Running counts of a build that keeps no graph in memory (`out=None`): sums over documents
    (a triple or relation stated by two documents counts twice), distinct entities."""

    documents: int = 0
    triples: int = 0
    relations: int = 0
    words: int = 0
    entities: set[str] = field(default_factory=set)
    statuses: Counter[str] = field(default_factory=Counter)

    def add(self, item: Contribution, status: str) -> None:
        """Count one document's contribution."""
        self.statuses[status] += 1
        self.documents += 1
        self.triples += len(item.lines)
        self.relations += len({line for line in item.lines if line.split(" ", 2)[1] in _CORE_NT})
        self.words += len(item.document.text.split())
        self.entities.update(item.entities)


@dataclass
class BuildResult:
    """What a build did.

    Attributes:
        graph: The graph of this build's documents (None for a store-only build, `out=None`).
        report: Documents read and files skipped.
        seconds: Wall time.
        words: Words in the documents.
        outputs: Files written, by kind ("turtle", "html").
        store: The store written to (folder or URL), or None.
        statuses: Document id → "added", "skipped" or "replaced" (in the store); empty for a
            store-only build, which keeps no per-document state (see `counts`).
    """

    graph: KnowledgeGraph | None
    report: ReadReport
    seconds: float
    words: int
    outputs: dict[str, Path] = field(default_factory=dict)
    store: str | None = None
    statuses: dict[str, str] = field(default_factory=dict)
    tally: Tally | None = None

    @property
    def stats(self) -> GraphStats:
        """Counts of the built graph (sums over documents for a store-only build, see `Tally`)."""
        if self.graph is not None:
            return self.graph.stats()
        tally = self.tally or Tally()
        return GraphStats(documents=tally.documents, entities=len(tally.entities), relations=tally.relations,
                          triples=tally.triples)

    @property
    def counts(self) -> Counter[str]:
        """How many documents were added, skipped (unchanged) and replaced in the store."""
        if self.tally is not None:
            return Counter(self.tally.statuses)
        return Counter(self.statuses.values())


def extract_documents(documents: Iterable[Document], *, model: str | None = None,
                      batch_size: int = 16) -> Iterator[tuple[Document, Extraction]]:
    """Run the pipeline and extraction over documents, streaming: yields (document, extraction)."""
    from kg.extract.extractor import extract
    from kg.scale.worker import _within_limit, pipeline

    nlp = pipeline(model)
    for spacy_doc, document in nlp.pipe(_within_limit(documents, nlp.max_length), as_tuples=True,
                                        batch_size=batch_size):
        yield document, extract(spacy_doc, document)


@dataclass(frozen=True)
class Scale:
    """How a build runs (issue 8; see docs/scale.md).

    Attributes:
        jobs: Worker processes (1: this process; 0: one per core); with `dask="local"`, workers.
        dask: "local" (a Dask LocalCluster) or a scheduler address (`tcp://host:8786`); None: no Dask.
        batch_size: Documents per spaCy batch.
        chunk_size: Documents per task sent to a worker.
        store_batch: Documents per store write (also written every 20,000 triples and 2 s).
        keep_graph: Keep this build's graph in memory (for `graph.ttl`/`graph.html`); False keeps
            memory flat however many documents are read.
    """

    jobs: int | None = 1
    dask: str | None = None
    batch_size: int = 32
    chunk_size: int = 48
    store_batch: int = 64
    keep_graph: bool = True


def _run(paths: Iterable[str | os.PathLike[str]], *, model: str | None, base_iri: str | None,
         report: ReadReport, encoding: str | None, max_bytes: int, store: GraphStore | None, force: bool,
         on_document: OnDocument | None, scale: Scale = Scale(), on_progress: OnProgress | None = None,
         ) -> tuple[KnowledgeGraph | None, dict[str, str], Tally]:
    from kg.scale import Settings, extract_all
    from kg.store.bulk import BulkWriter
    from kg.store.fingerprint import provenance

    if store is not None and base_iri and base_iri != store.base:
        from kg.store.errors import StoreError, StoreErrors

        raise StoreError(StoreErrors.E110.format(path=store.location, stored=store.base, given=base_iri))
    base = store.base if store is not None else (base_iri or DEFAULT_BASE_IRI)
    kg = KnowledgeGraph(base_iri=base) if scale.keep_graph else None
    tally = Tally()
    pipeline = provenance(model)
    statuses: dict[str, str] = {}
    sources: dict[str | int, str] = {}  # id → where it was read (store-only builds: hash(id) → "")
    docs = iter_documents(paths, report=report, encoding=encoding, max_bytes=max_bytes)

    def record(item: Contribution, status: str) -> None:
        if kg is not None:
            kg.add_contribution(item)
        tally.add(item, status)
        doc_id = item.document.id
        if kg is not None:
            statuses[doc_id] = status
        if on_progress is not None:
            on_progress(item.document)
        if on_document is not None:
            on_document(doc_id, status)

    def reusable(doc: Document, target: GraphStore) -> Contribution | None:
        info = target.lookup(doc.id)
        if (info is None or not info.complete or info.content_hash != doc.content_hash
                or info.provenance != pipeline or info.date != doc.date):
            return None
        stored = target.stored_contribution(doc)
        return with_document(stored, doc, base=base, provenance=pipeline) if stored is not None else None

    def to_extract() -> Iterator[Document]:
        for doc in docs:
            key = doc.id if kg is not None else hash(doc.id)
            if key in sources:
                warnings.warn(_duplicate(doc, sources[key] or "read earlier"), KGWarning, stacklevel=2)
            sources[key] = (doc.source or doc.id) if kg is not None else ""
            item = reusable(doc, store) if store is not None and not force else None
            if item is None:
                yield doc
            else:
                if writer is not None:
                    writer.drain()  # an earlier copy of this id may be waiting
                record(item, store.add_contribution(item))

    writer = (BulkWriter(store, replace=force, documents=scale.store_batch, on_stored=record)
              if store is not None else None)
    pending = to_extract()
    first = next(pending, None)  # the pipeline is loaded only if something needs parsing
    if first is not None:
        settings = Settings(model=model, base=base, provenance=pipeline, batch_size=scale.batch_size)
        items = extract_all(itertools.chain([first], pending), settings, jobs=scale.jobs, dask=scale.dask,
                            chunk_size=scale.chunk_size)
        if writer is None:
            for item in items:
                record(item, "added")
        else:
            with writer:
                for item in items:
                    writer.add(item)
    return kg, statuses, tally


def _duplicate(doc: Document, first: str) -> str:
    from kg.store.errors import StoreWarnings

    return StoreWarnings.W102.format(id=doc.id, first=first, second=doc.source or doc.id)


def build_graph(paths: Iterable[str | os.PathLike[str]], *, model: str | None = None,
                base_iri: str | None = None, report: ReadReport | None = None,
                encoding: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES, store: GraphStore | None = None,
                force: bool = False, on_document: OnDocument | None = None, jobs: int | None = 1,
                dask: str | None = None) -> KnowledgeGraph:
    """Read documents under `paths` and build their knowledge graph in memory.

    Args:
        paths: Files and folders (.txt, .md, .html, .jsonl).
        model: spaCy pipeline name or folder; None for the default.
        base_iri: Base of the minted entity and document IRIs (default: the store's, else
            `https://geokg.org/id/`); a store holding another base raises E110.
        report: Collects read counts and skipped files.
        encoding: Force a text encoding instead of detecting it.
        max_bytes: Skip files larger than this.
        store: Also add every document to this `kg.store.GraphStore` (see the module doc).
        force: Re-extract documents even when the store holds them unchanged.
        on_document: Called with (document id, status) after each document is stored.
        jobs: Worker processes (see `Scale`).
        dask: "local" or a Dask scheduler address (see `Scale`).

    Raises:
        InputError: A path does not exist or nothing readable was found.
        StoreError: The store cannot be written (documents already written stay).
        ScaleError: Worker processes or the Dask cluster cannot be used.
    """
    graph = _run(paths, model=model, base_iri=base_iri, report=report if report is not None else ReadReport(),
                 encoding=encoding, max_bytes=max_bytes, store=store, force=force, on_document=on_document,
                 scale=Scale(jobs=jobs, dask=dask))[0]
    assert graph is not None
    return graph


def build(paths: Iterable[str | os.PathLike[str]], *, out: str | os.PathLike[str] | None,
          model: str | None = None, base_iri: str | None = None, encoding: str | None = None,
          max_bytes: int = DEFAULT_MAX_BYTES, html: bool = True,
          store: GraphStore | str | os.PathLike[str] | None = None,
          force: bool = False, on_document: OnDocument | None = None, scale: Scale | None = None,
          on_progress: OnProgress | None = None) -> BuildResult:
    """Build the graph of `paths`, add it to `store` (if given), and write `out/graph.ttl`
    (and `out/graph.html`) holding exactly this build's documents.

    `store` is a `kg.store.GraphStore`, or a folder path / endpoint URL to open (and close).
    The output files are written to temporary names and renamed into place, so an existing
    graph is never left half-written. With `out=None` no files are written and no graph is
    kept in memory (a store-only build: memory stays flat however many documents are read);
    `scale` sets worker processes, a Dask cluster and batch sizes; `on_progress` is called
    with each document once it is stored.
    """
    from kg.store import GraphStore, StoreError, open_store  # noqa: F811
    from kg.store.export import write_turtle
    from kg.view.render import write_view

    started = time.perf_counter()
    report = ReadReport()
    opened = open_store(store, base_iri=base_iri) if store is not None and not isinstance(store, GraphStore) else None
    target: GraphStore | None = opened or store  # type: ignore[assignment]
    scale = scale or Scale()
    if out is None and scale.keep_graph:
        scale = dataclasses.replace(scale, keep_graph=False)
    try:
        kg, statuses, tally = _run(paths, model=model, base_iri=base_iri, report=report, encoding=encoding,
                                   max_bytes=max_bytes, store=target, force=force, on_document=on_document,
                                   scale=scale, on_progress=on_progress)
    finally:
        if opened is not None:
            opened.close()
    location = target.location if target is not None else None
    if out is None or kg is None:
        return BuildResult(graph=kg, report=report, seconds=time.perf_counter() - started, words=tally.words,
                           store=location, statuses=statuses, tally=tally)
    out_dir = Path(out)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise InputError(Errors.E021.format(path=out_dir, why=e.strerror or e)) from e
    union = kg.union()
    try:
        outputs = {"turtle": write_turtle(union, out_dir / "graph.ttl", base=kg.base)}
    except (StoreError, ValueError) as e:  # an unwritable folder, an unwritable term
        raise InputError(Errors.E021.format(path=out_dir / "graph.ttl", why=e)) from e
    if html:
        outputs["html"] = write_view(union, out_dir / "graph.html")
    words = sum(len(d.text.split()) for d in kg.documents.values())
    return BuildResult(graph=kg, report=report, seconds=time.perf_counter() - started, words=words,
                       outputs=outputs, store=location, statuses=statuses, tally=tally)
