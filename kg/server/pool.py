"""Where the server's queries run: worker processes that can be stopped, or (for a remote store) threads.

`WorkerPool` keeps N worker processes (`kg/server/worker.py`) on a checkpoint of the
embedded store (`checkpoint`: a RocksDB checkpoint, hard links beside the store, made once at
start-up), opened read-only. Workers never read the live database: its owner may compact it
in the background after opening, deleting files a read-only reader still lists. The server
keeps the store itself open, so no one can write to it while it serves. A request takes an
idle worker (waiting at most the time limit), sends the query and waits for the answer; past
the time limit the worker is killed, so a runaway query stops using CPU and memory at once,
and a fresh worker takes its place.

`ThreadRunner` serves stores that are SPARQL servers themselves: the query goes through the
store's client in a thread; past the time limit the request is answered with an error, and
the remote server's own limits end the query.
"""

from __future__ import annotations

import json
import logging
import os
import queue
import re
import select
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.query import formats
from kg.query.errors import QueryError, QueryErrors, QueryTimeout
from kg.server.protocol import HTTPError

WORKER_SCRIPT = Path(__file__).resolve().parent / "worker.py"
HEADER_SIZE = 4
CHECKPOINT_PREFIX = ".geokg-serve-"
log = logging.getLogger("kg.server")


@dataclass
class Answer:
    """A successful answer."""

    kind: str
    content_type: str
    body: bytes
    rows: int = 0
    truncated: bool = False
    headers: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class Job:
    """One query for a runner: text (parameters already bound), formats and limits."""

    query: str
    result_format: str
    graph_format: str
    max_rows: int
    hide: tuple[str, ...] = ()
    default_graphs: list[str] | None = None
    named_graphs: list[str] | None = None


def _alive(pid: int) -> bool:
    """True while process `pid` runs (a zombie, on Linux, counts as gone)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return True


def checkpoint(store: Any) -> Path | None:
    """A read-only copy of an embedded store's database for the workers (None for other stores).

    The copy is a RocksDB checkpoint in a hidden folder inside the store folder (hard links:
    no space used while the store is unchanged), else in the temporary folder (a full copy).
    Checkpoints left by servers that died are removed first.

    Raises:
        QueryError: No checkpoint can be written (E176).
    """
    try:
        from kg.store.embedded import OxigraphStore
    except ImportError:
        return None
    if not isinstance(store, OxigraphStore):
        return None
    folder = Path(store.path)
    for old in folder.glob(CHECKPOINT_PREFIX + "*"):
        match = re.match(re.escape(CHECKPOINT_PREFIX) + r"(\d+)-", old.name)
        if match and not _alive(int(match.group(1))):
            shutil.rmtree(old, ignore_errors=True)
    why: object = "no writable folder"
    for parent in (folder, Path(tempfile.gettempdir())):
        try:
            holder = Path(tempfile.mkdtemp(prefix=f"{CHECKPOINT_PREFIX}{os.getpid()}-", dir=parent))
        except OSError as e:
            why = e
            continue
        try:
            store._snapshot().backup(str(holder / "db"))  # the live pyoxigraph.Store
            return holder / "db"
        except (OSError, RuntimeError, ValueError) as e:
            why = e
            shutil.rmtree(holder, ignore_errors=True)
    raise QueryError(QueryErrors.E176.format(why=f"cannot write a checkpoint of {folder} ({why})"))


def remove_checkpoint(database: Path | None) -> None:
    """Delete a checkpoint made by `checkpoint`."""
    if database is not None and database.parent.name.startswith(CHECKPOINT_PREFIX):
        shutil.rmtree(database.parent, ignore_errors=True)


class WorkerGone(Exception):
    """The worker process exited or stopped answering."""


class WorkerProcess:
    """One worker process and its pipes."""

    def __init__(self, db_path: str, prefixes: dict[str, str], *, memory_mb: int, start_timeout: float) -> None:
        self.proc = subprocess.Popen([sys.executable, str(WORKER_SCRIPT)], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, bufsize=0, close_fds=True)
        self._out = self.proc.stdout.fileno()  # type: ignore[union-attr]
        try:
            self._send({"db": db_path, "prefixes": prefixes, "memory_mb": memory_mb})
            ready = json.loads(self._read_frame(time.monotonic() + start_timeout))
        except (WorkerGone, ValueError) as e:
            self.kill()
            raise QueryError(QueryErrors.E176.format(why=e or "the worker exited")) from None
        if not ready.get("ready"):
            self.kill()
            raise QueryError(QueryErrors.E176.format(why=ready.get("error", "unknown")))

    @property
    def pid(self) -> int:
        """The process id."""
        return self.proc.pid

    def _send(self, message: dict[str, Any]) -> None:
        payload = json.dumps(message).encode("utf-8")
        data = len(payload).to_bytes(HEADER_SIZE, "big") + payload
        try:
            self.proc.stdin.write(data)  # type: ignore[union-attr]  (blocking pipe: written whole)
        except OSError as e:
            reason = self._exit_reason() if self.proc.poll() is not None or isinstance(e, BrokenPipeError) else str(e)
            raise WorkerGone(reason) from None

    def _read_exact(self, size: int, deadline: float) -> bytes:
        chunks, got = [], 0
        while got < size:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError
            ready, _, _ = select.select([self._out], [], [], remaining)
            if not ready:
                raise TimeoutError
            chunk = os.read(self._out, min(size - got, 1 << 20))
            if not chunk:
                raise WorkerGone(self._exit_reason())
            chunks.append(chunk)
            got += len(chunk)
        return b"".join(chunks)

    def _exit_reason(self) -> str:
        try:
            code = self.proc.wait(timeout=2)
        except subprocess.TimeoutExpired:
            return "it stopped answering"
        if code in (-6, 134):
            return "it ran out of memory: the query needs more than kg serve --max-memory allows"
        if code < 0:
            return f"it was stopped by signal {-code}"
        return f"it exited with status {code}"

    def _read_frame(self, deadline: float) -> bytes:
        size = int.from_bytes(self._read_exact(HEADER_SIZE, deadline), "big")
        return self._read_exact(size, deadline)

    def ask(self, job: Job, timeout: float) -> tuple[dict[str, Any], bytes]:
        """Send a job; its response header and body. Raises TimeoutError or WorkerGone."""
        deadline = time.monotonic() + timeout
        self._send({"query": job.query, "result_format": job.result_format, "graph_format": job.graph_format,
                    "max_rows": job.max_rows, "timeout": timeout, "hide": list(job.hide),
                    "default_graphs": job.default_graphs, "named_graphs": job.named_graphs})
        header = json.loads(self._read_frame(deadline))
        return header, self._read_frame(deadline)

    def kill(self) -> None:
        """Stop the process now."""
        try:
            self.proc.kill()
        except OSError:
            pass
        try:
            self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            pass
        for stream in (self.proc.stdin, self.proc.stdout):
            try:
                stream.close()  # type: ignore[union-attr]
            except OSError:
                pass


class WorkerPool:
    """N worker processes on one embedded store (see the module doc).

    Args:
        db_path: The store's Oxigraph database folder.
        prefixes: Prefixes queries may use undeclared.
        size: How many workers (queries answered in parallel).
        timeout: Seconds a query may run.
        memory_mb: Address-space limit of each worker.
    """

    def __init__(self, db_path: str, prefixes: dict[str, str], *, size: int = 2, timeout: float = 10.0,
                 memory_mb: int = 2048, start_timeout: float = 60.0) -> None:
        self.db_path, self.prefixes, self.size = db_path, prefixes, size
        self.timeout, self.memory_mb, self.start_timeout = timeout, memory_mb, start_timeout
        self.idle: queue.Queue[WorkerProcess] = queue.Queue()
        self.all: set[WorkerProcess] = set()
        self._lock = threading.Lock()
        self.closed = False
        # Workers die with the thread that started them (PR_SET_PDEATHSIG follows the thread),
        # so one thread that lives as long as the pool starts them all.
        self._spawns: queue.Queue[queue.Queue[Any] | None] = queue.Queue()
        threading.Thread(target=self._spawner, name="kg-worker-spawner", daemon=True).start()
        try:
            for _ in range(size):
                self._add(self._start())
        except BaseException:
            self.close()
            raise

    def _spawner(self) -> None:
        while (reply := self._spawns.get()) is not None:
            try:
                reply.put(WorkerProcess(self.db_path, self.prefixes, memory_mb=self.memory_mb,
                                        start_timeout=self.start_timeout))
            except BaseException as e:  # noqa: BLE001 (handed to the caller)
                reply.put(e)

    def _start(self) -> WorkerProcess:
        reply: queue.Queue[Any] = queue.Queue()
        self._spawns.put(reply)
        started = reply.get()
        if isinstance(started, BaseException):
            raise started
        return started

    def _add(self, worker: WorkerProcess) -> None:
        with self._lock:
            if self.closed:
                worker.kill()
                return
            self.all.add(worker)
        self.idle.put(worker)

    def _replace(self, worker: WorkerProcess) -> None:
        """Kill `worker` and start another in the background."""
        with self._lock:
            self.all.discard(worker)
        worker.kill()

        def restart() -> None:
            for attempt in range(5):
                if self.closed:
                    return
                try:
                    self._add(self._start())
                    return
                except QueryError as e:
                    log.warning("%s (attempt %d)", e, attempt + 1)
                    time.sleep(1 + attempt)

        threading.Thread(target=restart, name="kg-worker-restart", daemon=True).start()

    def run(self, job: Job) -> Answer:
        """Answer one job.

        Raises:
            QueryTimeout: It ran past the time limit (the worker was killed).
            HTTPError: Busy workers (503), a failed worker (500), or the query's own error.
        """
        try:
            worker = self.idle.get(timeout=self.timeout)
        except queue.Empty:
            raise HTTPError(503, QueryErrors.E171.format(workers=self.size, seconds=self.timeout),
                            [("Retry-After", "1")]) from None
        try:
            header, body = worker.ask(job, self.timeout)
        except TimeoutError:
            self._replace(worker)
            raise QueryTimeout(QueryErrors.E161.format(seconds=self.timeout, option="kg serve --timeout")) from None
        except (WorkerGone, ValueError) as e:
            self._replace(worker)
            raise HTTPError(500, QueryErrors.E172.format(why=e)) from None
        self.idle.put(worker)
        if not header.get("ok"):
            if header.get("status") == 503:
                raise QueryTimeout(QueryErrors.E161.format(seconds=self.timeout, option="kg serve --timeout"))
            raise HTTPError(int(header.get("status", 500)), str(header.get("message", "")))
        return Answer(kind=header["kind"], content_type=header["content_type"], body=body,
                      rows=int(header.get("rows", 0)), truncated=bool(header.get("truncated")))

    def pids(self) -> list[int]:
        """The workers' process ids (for tests and monitoring)."""
        with self._lock:
            return sorted(w.pid for w in self.all)

    def close(self) -> None:
        """Stop every worker."""
        with self._lock:
            self.closed = True
            workers = list(self.all)
            self.all.clear()
        self._spawns.put(None)
        for worker in workers:
            worker.kill()


class ThreadRunner:
    """Queries through the store's own client, in threads (stores that are SPARQL servers)."""

    def __init__(self, store: Any, *, size: int = 2, timeout: float = 10.0) -> None:
        self.store, self.timeout, self.size = store, timeout, size
        self.executor = ThreadPoolExecutor(max_workers=size, thread_name_prefix="kg-query")

    def _answer(self, job: Job) -> Answer:
        from kg.query.run import execute

        if job.default_graphs is not None or job.named_graphs is not None:
            raise HTTPError(400, QueryErrors.E174.format(
                what="default-graph-uri / named-graph-uri are not supported when serving a remote store"))
        result = execute(self.store, job.query, None, hide=job.hide)
        if result.kind == "CONSTRUCT":
            triples = len(result.graph) if result.graph is not None else 0
            return Answer("CONSTRUCT", formats.GRAPH_TYPES[job.graph_format],
                          result.serialize(job.graph_format).encode("utf-8"), rows=triples)
        truncated = result.kind == "SELECT" and len(result.terms) > job.max_rows
        if truncated:
            result.terms = result.terms[:job.max_rows]
        return Answer(result.kind, formats.RESULT_TYPES[job.result_format],
                      result.serialize(job.result_format).encode("utf-8"), rows=len(result.terms),
                      truncated=truncated)

    def run(self, job: Job) -> Answer:
        """Answer one job (see `WorkerPool.run`)."""
        future = self.executor.submit(self._answer, job)
        try:
            return future.result(timeout=self.timeout)
        except FutureTimeout:
            raise QueryTimeout(QueryErrors.E161.format(seconds=self.timeout, option="kg serve --timeout")) from None

    def pids(self) -> list[int]:
        """No worker processes."""
        return []

    def close(self) -> None:
        """Stop accepting jobs (running ones finish in the background)."""
        self.executor.shutdown(wait=False, cancel_futures=True)
