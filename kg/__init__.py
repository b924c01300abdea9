"""geokg: explainable geopolitical knowledge graphs from news articles."""

from kg import query
from kg.about import __version__
from kg.analysis import to_networkx
from kg.build import BuildResult, build, build_graph
from kg.errors import KGError
from kg.extract.extractor import extract
from kg.graph.store import KnowledgeGraph
from kg.ingest import Document, iter_documents
from kg.nlp.pipeline import load_pipeline
from kg.store import open_store

__all__ = ["BuildResult", "Document", "KGError", "KnowledgeGraph", "__version__", "build",
           "build_graph", "extract", "iter_documents", "load_pipeline", "open_store", "query", "to_networkx"]
