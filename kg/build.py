"""The whole path: documents → spaCy → entities and facts → RDF → files.

`build_graph()` returns a `KnowledgeGraph` (for notebooks); `build()` also writes
`graph.ttl` and `graph.html` into an output folder (for the CLI).
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import Errors, InputError
from kg.extract.extractor import extract
from kg.graph.iris import DEFAULT_BASE_IRI
from kg.graph.store import GraphStats, KnowledgeGraph
from kg.ingest import Document, ReadReport, iter_documents
from kg.ingest.readers import DEFAULT_MAX_BYTES
from kg.nlp.pipeline import load_pipeline


@dataclass
class BuildResult:
    """What a build did."""

    graph: KnowledgeGraph
    report: ReadReport
    seconds: float
    words: int
    outputs: dict[str, Path] = field(default_factory=dict)

    @property
    def stats(self) -> GraphStats:
        """Counts of the built graph."""
        return self.graph.stats()


def extract_documents(documents: Iterable[Document], *, model: str | None = None,
                      batch_size: int = 16) -> Iterator[tuple[Document, object]]:
    """Run the pipeline and extraction over documents, streaming: yields (document, extraction)."""
    nlp = load_pipeline(model)
    pairs = ((doc.text, doc) for doc in documents)
    for spacy_doc, document in nlp.pipe(_within_limit(pairs, nlp.max_length), as_tuples=True,
                                        batch_size=batch_size):
        yield document, extract(spacy_doc, document)


def _within_limit(pairs: Iterable[tuple[str, Document]], limit: int) -> Iterator[tuple[str, Document]]:
    for text, doc in pairs:
        if len(text) > limit:
            raise InputError(Errors.E008.format(path=doc.source or doc.id, size=len(text), limit=limit))
        yield text, doc


def build_graph(paths: Iterable[str | os.PathLike[str]], *, model: str | None = None,
                base_iri: str = DEFAULT_BASE_IRI, report: ReadReport | None = None,
                encoding: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES) -> KnowledgeGraph:
    """Read documents under `paths` and build their knowledge graph in memory.

    Args:
        paths: Files and folders (.txt, .md, .html, .jsonl).
        model: spaCy pipeline name or folder; None for the default.
        base_iri: Base of the minted entity and document IRIs.
        report: Collects read counts and skipped files.
        encoding: Force a text encoding instead of detecting it.
        max_bytes: Skip files larger than this.

    Raises:
        InputError: A path does not exist or nothing readable was found.
    """
    kg = KnowledgeGraph(base_iri=base_iri)
    docs = iter_documents(paths, report=report, encoding=encoding, max_bytes=max_bytes)
    for document, extraction in extract_documents(docs, model=model):
        kg.add(document, extraction)
    return kg


def build(paths: Iterable[str | os.PathLike[str]], *, out: str | os.PathLike[str],
          model: str | None = None, base_iri: str = DEFAULT_BASE_IRI, encoding: str | None = None,
          max_bytes: int = DEFAULT_MAX_BYTES, html: bool = True) -> BuildResult:
    """Build the graph of `paths` and write `out/graph.ttl` (and `out/graph.html`).

    The output files are written to temporary names and renamed into place, so an existing
    graph is never left half-written.
    """
    from kg.export.serialize import write_graph
    from kg.view.render import write_view

    started = time.perf_counter()
    report = ReadReport()
    kg = build_graph(paths, model=model, base_iri=base_iri, report=report, encoding=encoding,
                     max_bytes=max_bytes)
    out_dir = Path(out)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise InputError(Errors.E021.format(path=out_dir, why=e.strerror or e)) from e
    union = kg.union()
    outputs = {"turtle": write_graph(union, out_dir / "graph.ttl", fmt="turtle")}
    if html:
        outputs["html"] = write_view(union, out_dir / "graph.html")
    words = sum(len(d.text.split()) for d in kg.documents.values())
    return BuildResult(graph=kg, report=report, seconds=time.perf_counter() - started,
                       words=words, outputs=outputs)
