"""Bulk writes: many documents' contributions in one write instead of one update each.

`BulkWriter` collects contributions and writes them in batches (by default every 64 documents,
20,000 triples or 2 seconds, whichever comes first):

- documents the store does not hold yet go in one write per batch: their graphs as N-Triples
  lines (no rdflib objects, no SPARQL parsing), the new names of the entities they mention, and
  their `geo:contentHash` markers. The embedded store loads the batch as one atomic write
  (Oxigraph's bulk loader and native parser, see `OxigraphStore._insert_lines`): a killed build leaves every batch it reported
  whole and nothing of the batch it was writing. A SPARQL server gets `INSERT DATA` requests of
  up to 1,000 triples, markers last (a graph without its marker is incomplete, as for
  single-document writes);
- documents the store already holds (same id) go through `GraphStore.add_contribution`, one
  at a time, which skips unchanged ones and replaces changed ones.

Adding a document only ever adds to entity descriptions (the store keeps an entity's stored
class, label and Wikidata link, and its alternative labels are the names all documents use),
so a batch of new documents needs no deletes: the result is the same as adding them one by one.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TYPE_CHECKING

from rdflib import URIRef

from kg.graph.iris import wikidata_iri
from kg.graph.mapping import T, clean_text, description_lines, nt_iri, nt_literal
from kg.graph.store import Contribution, EntityRecord
from kg.store.errors import StoreError
from kg.store.ops import chunks
from kg.store.terms import nt

if TYPE_CHECKING:
    from kg.store.base import GraphStore, Status

OnStored = Callable[[Contribution, str], None]
# entity descriptions and (entity, name) pairs a writer remembers writing: each costs ~250 bytes
# and an archive names new people all the time, so the memory stays bounded by forgetting them
# now and then (the next batches ask the store again, one query per batch)
CACHE_LIMIT = 20_000
Groups = list[tuple[str, list[str]]]


def existing_graphs(store: GraphStore, iris: list[URIRef]) -> set[URIRef]:
    """Which of these document graphs the store holds (complete or not)."""
    found: set[URIRef] = set()
    for chunk in chunks(sorted(set(iris))):
        values = " ".join(nt(i) for i in chunk)
        found |= {URIRef(str(r["g"])) for r in store._select(
            f"SELECT ?g WHERE {{ VALUES ?g {{ {values} }} FILTER EXISTS {{ GRAPH ?g {{ ?s ?p ?o }} }} }}")}
    return found


Description = tuple[str | None, str | None, str | None]


def new_document_groups(store: GraphStore, items: list[Contribution], *,
                        known: dict[URIRef, Description] | None = None,
                        written: set[tuple[URIRef, str]] | None = None) -> Groups | None:
    """What writing `items` (documents the store does not hold) adds, in write order: each
    document's graph without its marker, the entities graph's additions, then the markers.

    Args:
        store: The store.
        items: The documents' contributions.
        known: Entity descriptions (class, label, Wikidata id) known to be stored: not asked
            for again; updated with what this write adds.
        written: (entity, name) pairs known to be in the entities graph: not written again;
            updated likewise.

    Returns:
        The groups, or None when an entity's stored description is partial (only a one-by-one
        write, which rewrites descriptions, can mend it).
    """
    known = {} if known is None else known
    written = set() if written is None else written
    records: dict[URIRef, list[EntityRecord]] = {}
    for item in items:
        for iri, record in item.entities.items():
            records.setdefault(iri, []).append(record)
    unknown = [iri for iri in records if iri not in known]
    current = {**known, **(store._descriptions(unknown) if unknown else {})}
    additions: list[str] = []
    for iri, found in records.items():
        cls, key, qid = current.get(iri, (None, None, None))
        aliases = set().union(*(r.aliases for r in found))
        wikidata = qid or next((r.wikidata for r in found if r.wikidata), None)
        subject = nt_iri(iri)
        if cls and key:  # described already: keep class, label and link; add the new names
            additions.extend(f"{subject} {T['altLabel']} {nt_literal(clean_text(a), lang='en')} ."
                             for a in sorted(aliases - {key}) if a.strip() and (iri, a) not in written)
            if wikidata and not qid:
                additions.append(f"{subject} {T['sameAs']} {nt_iri(wikidata_iri(wikidata))} .")
        elif iri in current:
            return None
        else:
            cls, key = found[0].cls, found[0].key
            additions.extend(description_lines(subject, cls=cls, key=key, aliases=aliases, wikidata=wikidata))
        known[iri] = (cls, clean_text(key), wikidata)
        written.update((iri, a) for a in aliases)
    groups: Groups = []
    for item in items:
        marker = item.marker_line
        groups.append((nt_iri(item.iri), [line for line in item.lines if line != marker]))
    if additions:
        groups.append((nt_iri(store.entities_iri), additions))
    groups.extend((nt_iri(item.iri), [item.marker_line]) for item in items)
    return groups


class BulkWriter:
    """Write contributions to a store in batches (see the module doc).

    On a store that allows it (the embedded one), a batch is loaded by a background thread
    while the caller goes on extracting and preparing the next batch (Oxigraph releases the
    GIL while it loads). Documents are reported (`on_stored`, in the caller's thread) only once
    their batch is committed.

    Args:
        store: The store.
        replace: Rewrite documents the store holds unchanged (`kg build --force`).
        documents: Write when this many documents are waiting.
        triples: ... or this many triples.
        seconds: ... or the oldest waiting document has waited this long.
        on_stored: Called with (contribution, status) once a document is written.
        background: Load batches in a background thread (default: when the store allows it).

    Example:
        >>> with BulkWriter(store, on_stored=report) as writer:
        ...     for item in contributions:
        ...         writer.add(item)
    """

    def __init__(self, store: GraphStore, *, replace: bool = False, documents: int = 64, triples: int = 20_000,
                 seconds: float = 2.0, on_stored: OnStored | None = None, background: bool | None = None) -> None:
        self.store = store
        self.replace = replace
        self.limits = (max(1, documents), max(1, triples), seconds)
        self.on_stored = on_stored
        self._pending: list[Contribution] = []
        self._iris: set[URIRef] = set()
        self._size = 0
        self._since = 0.0
        self._known: dict[URIRef, Description] = {}  # what the entities graph holds (or will, once
        self._written: set[tuple[URIRef, str]] = set()  # the batches in flight are committed)
        self._flying: deque[tuple[Future[None], list[Contribution]]] = deque()
        use = getattr(store, "concurrent_writes", False) if background is None else background
        self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="geokg-writer") if use else None

    def add(self, item: Contribution) -> None:
        """Queue one contribution; writes the batch when it is full (or a document repeats)."""
        self._reap(wait=False)
        if item.iri in self._iris:
            self.flush()
        if not self._pending:
            self._since = time.monotonic()
        self._pending.append(item)
        self._iris.add(item.iri)
        self._size += len(item.lines)
        docs, triples, seconds = self.limits
        if (len(self._pending) >= docs or self._size >= triples
                or time.monotonic() - self._since >= seconds):
            self.flush()

    def flush(self) -> None:
        """Start writing everything waiting (see `drain` to wait for it)."""
        items, self._pending, self._iris, self._size = self._pending, [], set(), 0
        if not items:
            return
        iris = {i.iri for i in items}
        if any(iris & {i.iri for i in flying} for _f, flying in self._flying):
            self._reap(wait=True)  # an earlier version is being written: see it first
        held = existing_graphs(self.store, list(iris))
        fresh = [i for i in items if i.iri not in held]
        if len(self._written) > CACHE_LIMIT or len(self._known) > CACHE_LIMIT:
            self._reap(wait=True)
            self._forget()
        groups = new_document_groups(self.store, fresh, known=self._known, written=self._written) if fresh else None
        if groups is not None:
            if self._thread is not None:
                self._flying.append((self._thread.submit(self.store._insert_lines, groups), fresh))
                self._reap(wait=True, keep=1)  # one batch loading while the next one is prepared
            else:
                self._write(groups, fresh)
            if self.store._release_due:  # now and then, with no batch in flight (bounded memory)
                self._reap(wait=True)
                self.store._release_caches()
        slow = [i for i in items if i.iri in held or (groups is None and i in fresh)]
        if slow:
            self._reap(wait=True)
            self._forget()  # a one-by-one write may rewrite descriptions
            for item in slow:
                self._stored(item, self.store.add_contribution(item, replace=self.replace))

    def _write(self, groups: Groups, items: list[Contribution]) -> None:
        try:
            self.store._insert_lines(groups)
        except NotImplementedError:
            self._forget()
            for item in items:
                self._stored(item, self.store.add_contribution(item, replace=self.replace))
            return
        except BaseException:
            self._forget()
            raise
        for item in items:
            self._stored(item, "added")

    def _reap(self, *, wait: bool, keep: int = 0) -> None:
        """Report the batches written, oldest first; with `wait`, wait until at most `keep` are
        still being written. Re-raise a failed write."""
        while len(self._flying) > keep and (wait or self._flying[0][0].done()):
            future, items = self._flying.popleft()
            try:
                future.result()
            except BaseException:
                self._forget()
                for later, _items in self._flying:
                    later.cancel()
                    try:
                        later.result()
                    except BaseException:  # noqa: BLE001, S110 (the first error is the one reported)
                        pass
                self._flying.clear()
                raise
            for item in items:
                self._stored(item, "added")

    def drain(self) -> None:
        """Write everything waiting and wait until it is written."""
        self.flush()
        self._reap(wait=True)

    def _forget(self) -> None:
        self._known, self._written = {}, set()

    def _stored(self, item: Contribution, status: Status | str) -> None:
        if self.on_stored is not None:
            self.on_stored(item, status)

    def close(self) -> None:
        """Write what is waiting, wait for it, and stop the background thread."""
        try:
            self.drain()
        finally:
            if self._thread is not None:
                self._thread.shutdown(wait=True)

    def __enter__(self) -> BulkWriter:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, tb: object) -> None:
        if kind is None:
            self.close()
        elif not issubclass(kind, StoreError):  # documents already extracted are kept, whatever stopped
            try:                                 # the build (the original error is the one reported)
                self.close()
            except Exception:  # noqa: BLE001, S110
                pass
        elif self._thread is not None:
            self._thread.shutdown(wait=True)
