"""Write an RDF graph to a file, atomically."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from rdflib import Graph

from kg.errors import Errors, InputError

FORMATS = {"turtle": "turtle", "ttl": "turtle", "ntriples": "nt", "nt": "nt", "xml": "xml",
           "rdfxml": "xml", "jsonld": "json-ld", "json-ld": "json-ld"}


def write_graph(graph: Graph, path: str | os.PathLike[str], *, fmt: str = "turtle") -> Path:
    """Serialise `graph` to `path` in `fmt`; the file appears whole or not at all."""
    fmt_name = FORMATS.get(fmt)
    if fmt_name is None:
        raise InputError(Errors.E022.format(kind="format", name=fmt, choices=", ".join(sorted(FORMATS))))
    return write_atomic(Path(path), graph.serialize(format=fmt_name, encoding="utf-8"))


def write_atomic(path: Path, data: bytes) -> Path:
    """Write bytes to a temporary file beside `path`, then rename it into place."""
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes 0600; give the file the usual permissions
        os.replace(tmp, path)
    except OSError as e:
        raise InputError(Errors.E021.format(path=path, why=e.strerror or e)) from e
    return path
