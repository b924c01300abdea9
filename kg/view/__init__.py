"""The offline HTML view of a geokg graph (pyvis + vis-network, inlined; safe with any text).

`write_view(graph, path, focus=…, relations=…)` writes a page; `render()` returns it as a string;
`show()` displays it in a notebook; `sample_graph()` makes a synthetic graph to try it on.
"""

from kg.view.render import (
    PHYSICS_LIMIT,
    NotebookView,
    ViewResult,
    build_view,
    page_data,
    prepare,
    render,
    show,
    write_view,
)
from kg.view.source import load_graph, load_rdf_file, load_store_graph
from kg.view.sample import sample_graph

__all__ = ["PHYSICS_LIMIT", "NotebookView", "ViewResult", "build_view", "load_graph", "load_rdf_file",
           "load_store_graph", "page_data", "prepare", "render", "sample_graph", "show", "write_view"]
