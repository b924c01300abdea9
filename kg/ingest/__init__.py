"""Reading documents: files, folders and JSONL → `Document`."""

from kg.ingest.document import Document
from kg.ingest.readers import ReadReport, iter_documents

__all__ = ["Document", "ReadReport", "iter_documents"]
