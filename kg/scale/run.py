"""Where documents are extracted: in this process, in a pool of processes, or on a Dask cluster.

`extract_all()` streams: it reads the documents lazily, keeps only a few chunks of them in
flight (twice the number of workers), and yields contributions in input order, so memory
stays flat however long the input is.
"""

from __future__ import annotations

import itertools
import logging
import os
from collections import deque
from collections.abc import Iterable, Iterator
from typing import Any

from kg.graph.store import Contribution
from kg.ingest.document import Document
from kg.scale.errors import ScaleError, ScaleErrors
from kg.scale.worker import Settings, contributions, extract_chunk, rebuild, warm

DEFAULT_CHUNK = 48


def workers_for(jobs: int | None) -> int:
    """The number of worker processes `--jobs` asks for (0 or None: one per core)."""
    if jobs is None or jobs == 0:
        return os.cpu_count() or 1
    if jobs < 0:
        raise ScaleError(ScaleErrors.E200.format(jobs=jobs))
    return jobs


def _chunks(documents: Iterable[Document], size: int) -> Iterator[list[Document]]:
    it = iter(documents)
    while chunk := list(itertools.islice(it, size)):
        yield chunk


class ProcessPool:
    """`jobs` processes (spawned: nothing of this process, like an open store, is inherited),
    each loading the pipeline once when it starts."""

    def __init__(self, settings: Settings, jobs: int) -> None:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        self.settings = settings
        self.workers = jobs
        self._pool = ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("spawn"),
                                         initializer=warm, initargs=(settings.model,))

    def submit(self, chunk: list[Document]) -> Any:
        return self._pool.submit(extract_chunk, chunk, self.settings)

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)


class DaskCluster:
    """Tasks on a Dask cluster: `local` starts a LocalCluster of `jobs` single-threaded worker
    processes; otherwise `address` is a running scheduler (`tcp://host:8786`)."""

    def __init__(self, settings: Settings, address: str, jobs: int | None) -> None:
        try:
            from distributed import Client, LocalCluster
        except ImportError as e:
            raise ScaleError(ScaleErrors.E201.format(why=e)) from None
        self.settings = settings
        self._cluster = None
        logging.getLogger("distributed").setLevel(max(logging.WARNING, logging.getLogger().level))
        if address == "local":
            self._cluster = LocalCluster(n_workers=workers_for(jobs), threads_per_worker=1, processes=True,
                                         dashboard_address=None, silence_logs=logging.WARNING)
            self.client = Client(self._cluster)
        elif "://" not in address:
            raise ScaleError(ScaleErrors.E204.format(address=address))
        else:
            try:
                self.client = Client(address, timeout=10)
            except (OSError, TimeoutError) as e:
                raise ScaleError(ScaleErrors.E202.format(address=address, why=e)) from None
        self.workers = max(1, len(self.client.scheduler_info().get("workers", {})))
        self.client.run(warm, settings.model)  # every worker loads the pipeline once, now, in parallel

    def submit(self, chunk: list[Document]) -> Any:
        return self.client.submit(extract_chunk, chunk, self.settings, pure=False)

    def close(self) -> None:
        self.client.close()
        if self._cluster is not None:
            self._cluster.close()


def extract_all(documents: Iterable[Document], settings: Settings, *, jobs: int | None = 1,
                dask: str | None = None, chunk_size: int = DEFAULT_CHUNK) -> Iterator[Contribution]:
    """Extract `documents` (lazily read) and yield their contributions in input order.

    Args:
        documents: The documents.
        settings: Pipeline, base IRI, provenance, spaCy batch size.
        jobs: Worker processes (1 or None: this process; 0: one per core); with `dask="local"`,
            the cluster's worker processes (None or 0: one per core).
        dask: "local" (a LocalCluster) or a scheduler address; None for no Dask.
        chunk_size: Documents per task sent to a worker.

    Raises:
        ScaleError: Workers cannot start, the cluster cannot be reached, a worker died.
        InputError: A document is too long for the pipeline (E008).
    """
    processes = 1 if jobs is None else workers_for(jobs)
    if dask is None and processes == 1:
        yield from contributions(documents, settings)
        return
    runner: ProcessPool | DaskCluster = (DaskCluster(settings, dask, jobs) if dask is not None
                                         else ProcessPool(settings, processes))
    try:
        window: deque[tuple[list[Document], Any]] = deque()
        for chunk in _chunks(documents, chunk_size):
            window.append((chunk, runner.submit(chunk)))
            if len(window) >= 2 * runner.workers + 1:
                yield from _collect(*window.popleft(), settings)
        while window:
            yield from _collect(*window.popleft(), settings)
    finally:
        runner.close()


def _collect(chunk: list[Document], future: Any, settings: Settings) -> Iterator[Contribution]:
    from concurrent.futures.process import BrokenProcessPool

    try:
        results = future.result()
    except BrokenProcessPool as e:
        raise ScaleError(ScaleErrors.E203.format(why=e or "killed")) from None
    for document, extracted in zip(chunk, results):
        yield rebuild(document, extracted, settings)
