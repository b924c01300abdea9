"""The embedded store: Oxigraph (RocksDB, transactional) in a folder on disk.

The folder holds `oxigraph/` (the database) and `geokg-store.json` (a marker naming the
folder a geokg store). Every write is atomic: a document's SPARQL update is one transaction, a
batch of new documents from `kg.store.bulk` one bulk-load ingestion (see `_insert_lines`); a
process killed mid-build leaves every written document whole and none half-written. RocksDB lets one process open a
folder at a time; within a process, opening the same folder again reuses the open handle.
"""

from __future__ import annotations

import json
import os
import sys
import threading
from pathlib import Path
from typing import Any

import pyoxigraph as ox

try:
    import fcntl
except ImportError:  # not POSIX: RocksDB's own lock still refuses a second process
    fcntl = None  # type: ignore[assignment]
from rdflib import URIRef
from rdflib.query import Result
from rdflib.term import Node, Variable

from kg.about import __version__
from kg.graph.mapping import new_graph
from kg.store.base import GraphStore
from kg.store.errors import StoreError, StoreErrors
from kg.store.ops import Insert, Op, compile_op, values_clause
from kg.store.terms import Triple, from_ox, from_ox_triple

MARKER = "geokg-store.json"
# quads: Oxigraph's bulk loader writes one batch of up to 1,000,000 quads as one atomic ingestion
ATOMIC_BULK = 500_000
FLUSH_EVERY = 200_000  # quads: RocksDB keeps writes in memory until flushed; bound that memory
# table files RocksDB keeps open: each open file pins its index blocks in memory, so an unbounded
# table cache grows with the store (7-17 MB per million quads); Oxigraph sizes it from the soft
# RLIMIT_NOFILE at open (limit - 48), which `_open` lowers for the moment of the open
OPEN_FILES = 256
_RESERVED_FDS = 48  # file descriptors Oxigraph keeps out of its table cache
# quads: Oxigraph gives its string table a 128 MB RocksDB block cache that a long build fills
# (the bulk loader looks up every string it writes); reopening the database empties it
RELEASE_EVERY = 1_000_000
DATABASE = "oxigraph"
_HANDLES: dict[str, list[Any]] = {}
_LOCK = threading.Lock()


def _why(error: BaseException) -> str:
    text = str(error).splitlines()[0] if str(error) else type(error).__name__
    return text.replace("IO error: ", "").strip()


def _acquire(path: Path, *, create: bool) -> Any:
    key = str(path.resolve())
    with _LOCK:
        if key in _HANDLES:
            _HANDLES[key][1] += 1
            return _HANDLES[key][0]
        database = _prepare(path, create=create)
        if _locked(database):
            raise StoreError(StoreErrors.E100.format(path=path))
        try:
            handle = _open(database, OPEN_FILES)
        except OSError as e:
            raise _open_failed(path, e) from None
        except (RuntimeError, ValueError) as e:
            raise StoreError(StoreErrors.E102.format(path=path, why=_why(e))) from None
        _HANDLES[key] = [handle, 1]
        return handle


def _open_failed(path: Path, error: OSError) -> StoreError:
    """The error for a database that would not open: locked by another process (E100) or unreadable (E101)."""
    code = StoreErrors.E100 if "lock" in str(error).lower() else StoreErrors.E101
    return StoreError(code.format(path=path, why=_why(error)))


def _open(database: Path, open_files: int) -> Any:
    """`pyoxigraph.Store(database)` with RocksDB's table cache bounded to about `open_files` files.

    Oxigraph gives RocksDB `max_open_files = soft RLIMIT_NOFILE - 48`, read once when the store
    opens; with the usual limits (thousands) every table file of a large store stays open with
    its index blocks, and memory grows with the store. The soft limit is lowered for the open
    only (never below what the process already uses, plus a margin) and restored at once; where
    it cannot be (not POSIX, already lower), Oxigraph's own default applies.
    """
    restore = None
    try:
        import resource

        soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
        try:
            in_use = len(os.listdir("/proc/self/fd"))
        except OSError:
            in_use = 256
        wanted = max(open_files + _RESERVED_FDS, in_use + 64, 96)  # Oxigraph refuses fewer than 96
        if soft == resource.RLIM_INFINITY or wanted < soft:
            resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, hard))
            restore = (soft, hard)
    except (ImportError, ValueError, OSError):
        restore = None
    try:
        return ox.Store(str(database))
    finally:
        if restore is not None:
            resource.setrlimit(resource.RLIMIT_NOFILE, restore)


def _locked(database: Path) -> bool:
    """True if another process holds the database's lock (checked before RocksDB opens it, because
    a refused RocksDB open still rotates the holder's log files)."""
    if fcntl is None:
        return False
    try:
        fd = os.open(database / "LOCK", os.O_RDWR)
    except OSError:
        return False
    try:
        fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return True
    else:
        fcntl.lockf(fd, fcntl.LOCK_UN)
        return False
    finally:
        os.close(fd)


def _release(path: Path) -> None:
    key = str(path.resolve())
    with _LOCK:
        entry = _HANDLES.get(key)
        if entry is not None:
            entry[1] -= 1
            if entry[1] <= 0:
                del _HANDLES[key]


def _prepare(path: Path, *, create: bool) -> Path:
    """The database folder inside `path`, created (with the marker) for a new store."""
    if path.exists() and not path.is_dir():
        raise StoreError(StoreErrors.E101.format(path=path, why="it is a file, not a folder"))
    database = path / DATABASE
    if database.is_dir():
        return database
    if not create:
        raise StoreError(StoreErrors.E113.format(path=path))
    if path.exists() and any(path.iterdir()) and not (path / MARKER).exists():
        raise StoreError(StoreErrors.E103.format(path=path))
    try:
        path.mkdir(parents=True, exist_ok=True)
        (path / MARKER).write_text(json.dumps({"format": "geokg-store", "version": 1, "engine": "oxigraph",
                                               "created_by": f"geokg {__version__}"}) + "\n",
                                   encoding="utf-8")
    except OSError as e:
        raise StoreError(StoreErrors.E101.format(path=path, why=e.strerror or e)) from None
    return database


class OxigraphStore(GraphStore):
    """A geokg store in a folder on disk (Oxigraph).

    Args:
        path: The store folder (created when missing, if `create`).
        base_iri: Base IRI of new documents; must match the stored documents' base.
        create: Create a missing store; if False, a missing store raises E113.

    Raises:
        StoreError: Locked by another process (E100), unreadable (E101), damaged (E102),
            a folder that is not a store (E103), missing (E113), another base IRI (E110).
    """

    concurrent_writes = True  # a bulk write may load in a background thread (Oxigraph is thread-safe)

    def __init__(self, path: str | os.PathLike[str], *, base_iri: str | None = None,
                 create: bool = True) -> None:
        self.path = Path(path).expanduser()
        self.location = str(self.path)
        self._db = _acquire(self.path, create=create)
        self._open = True
        self._unflushed = 0
        self._unreleased = 0
        try:
            self._settle_base(base_iri)
        except BaseException:
            self.close()
            raise

    def close(self) -> None:
        """Release this handle; the database closes when its last handle in the process is released."""
        if self._open:
            self._open = False
            _release(self.path)
            self._db = None

    def _database(self) -> Any:
        if self._db is None:
            raise StoreError(StoreErrors.E101.format(path=self.path, why="the store was closed"))
        return self._db

    def _select(self, sparql: str) -> list[dict[str, Node]]:
        try:
            result = self._database().query(sparql)
            names = [v.value for v in result.variables]
            return [{n: from_ox(v) for n, v in zip(names, solution) if v is not None} for solution in result]
        except SyntaxError as e:
            raise StoreError(StoreErrors.E112.format(why=_why(e))) from None
        except (OSError, RuntimeError, ValueError) as e:
            code = StoreErrors.E102 if "corrupt" in str(e).lower() else StoreErrors.E116
            raise StoreError(code.format(path=self.path, why=_why(e))) from None

    def _apply(self, ops: list[Op]) -> None:
        if not ops:
            return
        try:
            self._database().update(" ;\n".join(compile_op(op) for op in ops))
        except (OSError, RuntimeError, SyntaxError, ValueError) as e:
            raise StoreError(StoreErrors.E104.format(path=self.path, why=_why(e))) from None
        self._written(sum(len(op.triples) for op in ops if isinstance(op, Insert)))

    def _insert_lines(self, groups: list[tuple[str, list[str]]]) -> None:
        """One batch of new documents' quads, written at once (Oxigraph's native parser: no SPARQL).

        A batch under `ATOMIC_BULK` quads goes through Oxigraph's bulk loader, which sorts it
        into one set of RocksDB files ingested in a single call for all indexes (RocksDB ingests
        files of several column families atomically), about 3x faster than a transaction; a
        larger one is one transaction.
        """
        data = "".join(f"{line[:-1]}{graph} .\n" for graph, lines in groups for line in lines)
        quads = sum(len(lines) for _graph, lines in groups)
        try:
            if quads < ATOMIC_BULK:
                self._database().bulk_load(data.encode("utf-8"), format=ox.RdfFormat.N_QUADS)
            else:
                self._database().load(data.encode("utf-8"), format=ox.RdfFormat.N_QUADS)
        except (OSError, RuntimeError, SyntaxError, ValueError) as e:
            raise StoreError(StoreErrors.E104.format(path=self.path, why=_why(e))) from None
        self._written(sum(len(lines) for _graph, lines in groups))

    def _written(self, quads: int) -> None:
        """Flush RocksDB's write buffers every FLUSH_EVERY quads: without it a long build's memory
        grows with every document written (≈ 1 GB per million quads) until RocksDB flushes."""
        self._unflushed += quads
        self._unreleased += quads
        if self._unflushed >= FLUSH_EVERY:
            self._unflushed = 0
            try:
                self._database().flush()
            except OSError as e:
                raise StoreError(StoreErrors.E104.format(path=self.path, why=_why(e))) from None

    @property
    def _release_due(self) -> bool:
        return self._unreleased >= RELEASE_EVERY

    def _release_caches(self) -> None:
        """Release the database's caches after every RELEASE_EVERY quads written.

        Oxigraph's string table has a 128 MB block cache of its own, which a long build fills
        (+130 MB over 100,000 documents); closing and reopening the database empties it. Only
        done when this is the process's only handle on the folder, and only when nothing else
        uses it: `kg.store.bulk.BulkWriter` calls it between batches, with none being written.

        Raises:
            StoreError: The database cannot be reopened (E100 if another process took it).
        """
        if not self._release_due or self._db is None:
            return
        self._unreleased = 0
        key = str(self.path.resolve())
        with _LOCK:
            entry = _HANDLES.get(key)
            if entry is None or entry[1] != 1 or entry[0] is not self._db or sys.getrefcount(self._db) > 3:
                return  # another handle, or a reference to this one (an open answer), is alive
            try:
                self._db.flush()
            except OSError as e:
                raise StoreError(StoreErrors.E104.format(path=self.path, why=_why(e))) from None
            self._db = entry[0] = None  # the last reference: RocksDB closes here
            try:
                entry[0] = self._db = _open(self.path / DATABASE, OPEN_FILES)
            except OSError as e:
                del _HANDLES[key]
                self._open = False
                raise _open_failed(self.path, e) from None

    def _graph_triples(self, graph: URIRef) -> list[Triple]:
        quads = self._database().quads_for_pattern(None, None, None, ox.NamedNode(str(graph)))
        return [from_ox_triple(q) for q in quads]

    def _snapshot(self) -> Any:
        return self._database()

    def _user_query(self, sparql: str, bindings: dict[str, Node] | None) -> Result:
        try:
            answer = self._database().query(sparql + values_clause(bindings), use_default_graph_as_union=True,
                                            prefixes=self.prefixes)
        except SyntaxError as e:
            raise StoreError(StoreErrors.E112.format(why=_why(e))) from None
        except (OSError, RuntimeError, ValueError) as e:
            code = StoreErrors.E102 if "corrupt" in str(e).lower() else StoreErrors.E116
            raise StoreError(code.format(path=self.path, why=_why(e))) from None
        return to_result(answer)

    def load(self, path: str | os.PathLike[str], *, fmt: str | None = None) -> None:
        """Bulk-load an N-Quads or TriG file (e.g. an export) with Oxigraph's native parser, then
        compact the database (queries after a bulk load are 2-3× faster compacted).

        Not transactional (it is the fast path for big files): load into a new store.
        """
        formats = {"nquads": ox.RdfFormat.N_QUADS, "trig": ox.RdfFormat.TRIG}
        try:
            self._database().bulk_load(path=str(path), format=formats[fmt] if fmt else None)
            self._database().optimize()
        except (SyntaxError, ValueError) as e:
            raise StoreError(StoreErrors.E114.format(path=path, why=_why(e))) from None
        except OSError as e:
            raise StoreError(StoreErrors.E104.format(path=self.path, why=_why(e))) from None
        self._settle_base(None)


def to_result(answer: Any) -> Result:
    """A pyoxigraph query answer as an rdflib `Result` (SELECT rows, ASK bool, CONSTRUCT graph)."""
    if isinstance(answer, ox.QueryBoolean):
        result = Result("ASK")
        result.askAnswer = bool(answer)
        return result
    if isinstance(answer, ox.QuerySolutions):
        result = Result("SELECT")
        result.vars = [Variable(v.value) for v in answer.variables]
        result.bindings = [{var: from_ox(val) for var, val in zip(result.vars, solution) if val is not None}
                           for solution in answer]
        return result
    result = Result("CONSTRUCT")
    graph = new_graph()
    for triple in answer:
        graph.add(from_ox_triple(triple))
    result.graph = graph
    return result
