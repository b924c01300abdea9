"""A query worker of the SPARQL server: one process that answers one query at a time.

Started by `kg.server.pool.WorkerPool` as a script (`python worker.py`), so that it imports
only the standard library, pyoxigraph and two stdlib-only modules of `kg.query` (loaded by
path): no spaCy, no rdflib. It opens the store's Oxigraph database read-only (the server holds
the store itself, so no one writes while it runs), caps its own memory, and dies with its
parent. A query that runs too long is stopped by killing the process; the pool starts another.

Protocol on stdin/stdout: frames of a 4-byte big-endian length and a payload. The first
request is `{"db": path, "prefixes": {…}, "memory_mb": n}`, answered by `{"ready": true}`.
Then each request `{"query", "result_format", "graph_format", "max_rows", "timeout", "hide",
"default_graphs"?, "named_graphs"?}` is answered by a JSON header frame
(`{"ok": true, "kind", "content_type", "rows", "truncated"}` or `{"ok": false, "status",
"message"}`) and a body frame.
"""

from __future__ import annotations

import sys

if sys.path and sys.path[0] and __name__ == "__main__":  # run as a script: keep kg/server/ off the path
    sys.path.pop(0)

import importlib.util
import json
import os
import signal
import struct
import time
from pathlib import Path
from typing import Any, BinaryIO

HEADER = struct.Struct(">I")
_QUERY_DIR = Path(__file__).resolve().parent.parent / "query"
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def load_sibling(name: str) -> Any:
    """Import `kg/query/<name>.py` by path (without importing the `kg` package)."""
    spec = importlib.util.spec_from_file_location(f"_kg_worker_{name}", _QUERY_DIR / f"{name}.py")
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    sys.modules[spec.name] = module  # type: ignore[union-attr]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def read_frame(stream: BinaryIO) -> bytes | None:
    """One frame's payload, or None at the end of the stream."""
    head = stream.read(HEADER.size)
    if len(head) < HEADER.size:
        return None
    (size,) = HEADER.unpack(head)
    payload = stream.read(size)
    return payload if len(payload) == size else None


def write_frame(stream: BinaryIO, payload: bytes) -> None:
    """Write one frame."""
    stream.write(HEADER.pack(len(payload)) + payload)


def _die_with_parent() -> None:
    """Ask Linux to kill this process when the server dies (best effort elsewhere)."""
    try:
        import ctypes

        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _cap_memory(megabytes: int) -> None:
    try:
        import resource

        limit = megabytes * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (ImportError, ValueError, OSError):
        pass


def _capped(answer: Any, cap: int, deadline: float) -> tuple[list[Any], bool]:
    """At most `cap` items of a streamed answer, and whether more were left; checks the deadline
    every 256 items (TimeoutError)."""
    items: list[Any] = []
    for i, item in enumerate(answer):
        if i >= cap:
            return items, True
        if i % 256 == 255 and time.monotonic() > deadline:
            raise TimeoutError
        items.append(item)
    return items, False


class Worker:
    """Answers queries over one read-only Oxigraph database."""

    def __init__(self, db_path: str, prefixes: dict[str, str]) -> None:
        import pyoxigraph as ox

        self.ox = ox
        self.db = ox.Store.read_only(db_path)
        self.prefixes = prefixes
        self.formats = load_sibling("formats")
        self.text = load_sibling("sparql_text")
        self.graph_formats = {"turtle": ox.RdfFormat.TURTLE, "jsonld": ox.RdfFormat.JSON_LD,
                              "ntriples": ox.RdfFormat.N_TRIPLES, "rdfxml": ox.RdfFormat.RDF_XML}

    def term(self, value: Any) -> dict[str, str]:
        """A pyoxigraph term in the W3C JSON results form."""
        ox = self.ox
        if isinstance(value, ox.NamedNode):
            return {"type": "uri", "value": value.value}
        if isinstance(value, ox.BlankNode):
            return {"type": "bnode", "value": value.value}
        if isinstance(value, ox.Literal):
            term = {"type": "literal", "value": value.value}
            if value.language:
                term["xml:lang"] = value.language
            elif value.datatype.value != XSD_STRING:
                term["datatype"] = value.datatype.value
            return term
        return {"type": "literal", "value": str(value)}

    def answer(self, request: dict[str, Any]) -> tuple[dict[str, Any], bytes]:
        """Run one query; the response header and body."""
        ox, text = self.ox, request["query"]
        if self.text.uses_service(text):
            return {"ok": False, "status": 403, "message": "the query uses SERVICE"}, b""
        options: dict[str, Any] = {"prefixes": self.prefixes}
        default, named = request.get("default_graphs"), request.get("named_graphs")
        if default is None and named is None:
            options["use_default_graph_as_union"] = True
        else:
            options["default_graph"] = [ox.NamedNode(g) for g in default or []]
            if named is not None:
                options["named_graphs"] = [ox.NamedNode(g) for g in named]
        deadline = time.monotonic() + float(request.get("timeout", 10.0))
        try:
            answer = self.db.query(text, **options)
            if isinstance(answer, ox.QueryBoolean):
                fmt = request["result_format"]
                body = self.formats.write_boolean(fmt, bool(answer)).encode("utf-8")
                return {"ok": True, "kind": "ASK", "content_type": self.formats.RESULT_TYPES[fmt], "rows": 1,
                        "truncated": False}, body
            if isinstance(answer, ox.QuerySolutions):
                return self._select(answer, request, deadline)
            return self._graph(answer, request, deadline)
        except SyntaxError as e:
            return {"ok": False, "status": 400, "message": str(e).splitlines()[0] if str(e) else "syntax error"}, b""
        except TimeoutError:
            return {"ok": False, "status": 503, "message": "timeout"}, b""
        except (OSError, RuntimeError, ValueError, TypeError) as e:
            return {"ok": False, "status": 500, "message": str(e).splitlines()[0] if str(e) else type(e).__name__}, b""

    def _select(self, answer: Any, request: dict[str, Any], deadline: float) -> tuple[dict[str, Any], bytes]:
        names = [v.value for v in answer.variables]
        hide = set(request.get("hide") or ())
        shown = [n for n in names if n not in hide]
        solutions, truncated = _capped(answer, int(request["max_rows"]), deadline)
        rows = [{n: self.term(v) for n, v in zip(names, solution, strict=True) if v is not None and n not in hide}
                for solution in solutions]
        fmt = request["result_format"]
        body = self.formats.write_results(fmt, shown, rows).encode("utf-8")
        return {"ok": True, "kind": "SELECT", "content_type": self.formats.RESULT_TYPES[fmt], "rows": len(rows),
                "truncated": truncated}, body

    def _graph(self, answer: Any, request: dict[str, Any], deadline: float) -> tuple[dict[str, Any], bytes]:
        triples, truncated = _capped(answer, int(request["max_rows"]), deadline)
        fmt = request["graph_format"]
        prefixes = None if fmt == "ntriples" else self.prefixes
        body = self.ox.serialize(triples, format=self.graph_formats[fmt], prefixes=prefixes) or b""
        return {"ok": True, "kind": "CONSTRUCT", "content_type": self.formats.GRAPH_TYPES[fmt], "rows": len(triples),
                "truncated": truncated}, body


def main() -> int:
    """Serve requests on stdin/stdout until the stream ends."""
    _die_with_parent()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is for the server; it stops us
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    first = read_frame(stdin)
    if first is None:
        return 1
    init = json.loads(first)
    try:
        if init.get("memory_mb"):
            _cap_memory(int(init["memory_mb"]))
        worker = Worker(init["db"], init.get("prefixes") or {})
        worker.db.query("ASK {}")
    except Exception as e:  # noqa: BLE001 (reported to the server, which names the store)
        write_frame(stdout, json.dumps({"ready": False, "error": str(e) or type(e).__name__}).encode())
        stdout.flush()
        return 1
    write_frame(stdout, json.dumps({"ready": True, "pid": os.getpid()}).encode())
    stdout.flush()
    while True:
        payload = read_frame(stdin)
        if payload is None:
            return 0
        header, body = worker.answer(json.loads(payload))
        write_frame(stdout, json.dumps(header).encode())
        write_frame(stdout, body)
        stdout.flush()


if __name__ == "__main__":
    sys.exit(main())
