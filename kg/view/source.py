"""Where a view's graph comes from: an RDF file, or the persistent store (`kg.store`)."""

from __future__ import annotations

import inspect
import os
from pathlib import Path

from rdflib import Dataset, Graph
from rdflib.util import guess_format

from kg.analysis.convert import as_rdf_graph
from kg.analysis.messages import AnalysisErrors
from kg.errors import Errors, InputError, KGError

_QUAD_FORMATS = {"trig", "nquads", "trix"}


def load_rdf_file(path: str | os.PathLike[str]) -> Graph:
    """Parse any RDF file rdflib reads (format from the suffix; Turtle if unknown); the named
    graphs of TriG / N-Quads are merged.

    Raises:
        InputError: The file is missing or is not RDF.
    """
    file = Path(path)
    if not file.is_file():
        raise InputError(Errors.E001.format(path=file))
    fmt = guess_format(str(file)) or "turtle"
    try:
        if fmt in _QUAD_FORMATS:
            dataset = Dataset()
            dataset.parse(file, format=fmt)
            return as_rdf_graph(dataset)
        graph = Graph()
        graph.parse(file, format=fmt)
        return graph
    except Exception as e:  # rdflib raises many kinds (BadSyntax, SAXParseException, ValueError…)
        why = " ".join(str(e).split())[:200] or type(e).__name__
        raise InputError(Errors.E030.format(path=file, why=why)) from e


def load_store_graph(location: str | None) -> Graph:
    """`kg.store.open_store(location).union_graph()` (None: the store's default location);
    the store is opened with `create=False` when `open_store` takes that option.

    Raises:
        KGError: `kg.store` is not available, or the store cannot be opened or read.
    """
    shown = location or "(default)"
    try:
        from kg.store import open_store
    except ImportError as e:
        raise KGError(AnalysisErrors.E076.format(path=shown, why=f"the store is not available ({e})")) from e
    # a view only reads: do not create a store where none is (a mistyped path would otherwise
    # become a new, empty store and an empty page)
    kwargs = {"create": False} if "create" in inspect.signature(open_store).parameters else {}
    try:
        store = open_store(location, **kwargs)
    except KGError:
        raise
    except Exception as e:
        raise KGError(AnalysisErrors.E076.format(path=shown, why=str(e) or type(e).__name__)) from e
    try:
        return store.union_graph()
    finally:
        close = getattr(store, "close", None)
        if callable(close):
            close()


def load_graph(*, store: str | None = None, graph_file: str | os.PathLike[str] | None = None) -> Graph:
    """The graph from `graph_file` if given, else from the store at `store` (or the default one)."""
    if graph_file is not None:
        return load_rdf_file(graph_file)
    return load_store_graph(store)
