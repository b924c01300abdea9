"""What runs in a worker (a process of `--jobs`, a Dask worker): documents → contributions.

A worker loads the spaCy pipeline once (`pipeline()` caches it per process) and returns each
document's contribution as N-Triples lines and entity records, never spaCy or rdflib objects,
so what travels back to the writing process is small and quick to pickle.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from kg.errors import Errors, InputError
from kg.graph.iris import document_iri
from kg.graph.store import Contribution, EntityRecord, contribution
from kg.ingest.document import Document

if TYPE_CHECKING:
    from rdflib import URIRef
    from spacy.language import Language

Extracted = tuple[list[str], dict["URIRef", EntityRecord]]
_PIPELINES: dict[str | None, Any] = {}
_LOCK = threading.Lock()
_RUN = threading.Lock()


@dataclass(frozen=True)
class Settings:
    """How documents are extracted (the same in every worker).

    Attributes:
        model: spaCy pipeline name or folder (None: the shipped one). On a cluster, a folder
            must exist on every worker.
        base: Base IRI of minted IRIs.
        provenance: Written as each document's `dcterms:provenance`.
        batch_size: Documents per `nlp.pipe` batch.
    """

    model: str | None
    base: str
    provenance: str | None
    batch_size: int = 32


def pipeline(model: str | None) -> Language:
    """The pipeline, loaded once per process (thread-safe)."""
    with _LOCK:
        nlp = _PIPELINES.get(model)
        if nlp is None:
            from kg.nlp.pipeline import load_pipeline

            nlp = _PIPELINES[model] = load_pipeline(model)
        return nlp


def warm(model: str | None) -> None:
    """Load the pipeline now (a pool's initializer, `Client.run` on Dask workers)."""
    pipeline(model)


def _within_limit(documents: Iterable[Document], limit: int) -> Iterator[tuple[str, Document]]:
    for doc in documents:
        if len(doc.text) > limit:
            raise InputError(Errors.E008.format(path=doc.source or doc.id, size=len(doc.text), limit=limit))
        yield doc.text, doc


def contributions(documents: Iterable[Document], settings: Settings) -> Iterator[Contribution]:
    """Extract documents in this process, streaming: one contribution per document, in order."""
    from kg.extract.extractor import extract

    nlp = pipeline(settings.model)
    for spacy_doc, document in nlp.pipe(_within_limit(documents, nlp.max_length), as_tuples=True,
                                        batch_size=settings.batch_size):
        yield contribution(document, extract(spacy_doc, document), base=settings.base,
                           provenance=settings.provenance)


def extract_chunk(documents: list[Document], settings: Settings) -> list[Extracted]:
    """Extract a list of documents; the task a worker runs. One result per document, in order."""
    with _RUN:  # a Dask worker with several threads shares one pipeline: one task at a time
        return [(item.lines, item.entities) for item in contributions(documents, settings)]


def rebuild(document: Document, extracted: Extracted, settings: Settings) -> Contribution:
    """The contribution a worker returned, joined again with its document."""
    lines, entities = extracted
    return Contribution(document, document_iri(settings.base, document.id), entities=entities, lines=lines)
