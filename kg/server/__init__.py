"""The read-only SPARQL 1.1 endpoint of a store, with a query page and the graph view.

```python
from kg.server import make_app, serve
from kg.store import open_store

with open_store("graphs/news") as store:
    app = make_app(store, timeout=10, max_rows=10_000)   # a WSGI application
    try:
        serve(app, host="127.0.0.1", port=8000)          # until Ctrl-C
    finally:
        app.close()
```
"""

from kg.server.app import SparqlApp, make_app
from kg.server.serving import serve

__all__ = ["SparqlApp", "make_app", "serve"]
