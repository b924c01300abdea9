"""The persistent knowledge graph: an embedded Oxigraph store on disk, or a SPARQL 1.1 server.

```python
from kg.store import open_store
with open_store(None) as store:           # the default store (see `default_location`)
    status = store.add(document, extraction)   # "added" | "skipped" | "replaced"
    store.remove("doc-id")
    store.documents(); store.union_graph(); store.query("SELECT ...")
```

Where a store is: `open_store(location)` takes a folder path, an http(s) SPARQL endpoint URL,
or None for `$GEOKG_STORE`, else the default folder `$XDG_DATA_HOME/geokg/store`
(`~/.local/share/geokg/store`).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from kg.store.base import DocumentInfo, GraphStore, Status
from kg.store.errors import StoreError, StoreErrors

ENV_STORE = "GEOKG_STORE"
ENV_UPDATE_URL = "GEOKG_STORE_UPDATE_URL"
ENV_GRAPH_URL = "GEOKG_STORE_GRAPH_URL"
ENV_USER = "GEOKG_STORE_USER"
ENV_PASSWORD = "GEOKG_STORE_PASSWORD"
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")

__all__ = ["DocumentInfo", "GraphStore", "Status", "StoreError", "default_location", "is_url",
           "open_store"]


def default_location() -> str:
    """Where `open_store(None)` looks: `$GEOKG_STORE`, else `$XDG_DATA_HOME/geokg/store`."""
    configured = os.environ.get(ENV_STORE, "").strip()
    if configured:
        return configured
    data_home = os.environ.get("XDG_DATA_HOME", "").strip() or str(Path.home() / ".local" / "share")
    return str(Path(data_home) / "geokg" / "store")


def is_url(location: str) -> bool:
    """True when `location` looks like a URL rather than a folder path."""
    return bool(_SCHEME.match(location))


def open_store(location: str | os.PathLike[str] | None = None, *, base_iri: str | None = None,
               create: bool = True, update_url: str | None = None, graph_url: str | None = None,
               user: str | None = None, password: str | None = None, timeout: float = 60.0) -> GraphStore:
    """Open a store: a folder (embedded Oxigraph), or a SPARQL 1.1 endpoint URL.

    Args:
        location: Folder path, `http(s)://…/sparql` URL, or None for the default store.
        base_iri: Base IRI for new documents; None takes the stored documents' base (or the
            default for an empty store). A different base than the stored one raises E110.
        create: Create a missing embedded store (False: raise E113 instead).
        update_url: A separate SPARQL Update endpoint (default `$GEOKG_STORE_UPDATE_URL`, else
            the query URL).
        graph_url: A Graph Store Protocol endpoint for fast loads and reads (default
            `$GEOKG_STORE_GRAPH_URL`; detected for Virtuoso).
        user: User name for HTTP Basic/Digest authentication (default `$GEOKG_STORE_USER`).
        password: Its password (default `$GEOKG_STORE_PASSWORD`).
        timeout: Seconds to wait for a remote server.

    Raises:
        StoreError: The store cannot be opened (coded message; nothing was changed).
    """
    where = str(location) if location is not None and str(location).strip() else default_location()
    if is_url(where):
        if not where.lower().startswith(("http://", "https://")):
            raise StoreError(StoreErrors.E105.format(url=where, why="only http and https are supported"))
        from kg.store.remote import SparqlStore

        return SparqlStore(where, base_iri=base_iri,
                           update_url=update_url or os.environ.get(ENV_UPDATE_URL) or None,
                           graph_url=graph_url or os.environ.get(ENV_GRAPH_URL) or None,
                           user=user or os.environ.get(ENV_USER) or None,
                           password=password or os.environ.get(ENV_PASSWORD) or None, timeout=timeout)
    from kg.store.embedded import OxigraphStore

    return OxigraphStore(where, base_iri=base_iri, create=create)
