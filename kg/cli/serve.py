"""`kg serve`: the store as a read-only SPARQL 1.1 endpoint, with a query page and the graph view."""

from __future__ import annotations

import click

from kg.store.options import StoreOptions, store_options


@click.command("serve")
@store_options
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on. Anything but a loopback address exposes the graph to the network.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535),
              help="Port to listen on (0 picks a free one).")
@click.option("--timeout", default=10.0, show_default=True, type=click.FloatRange(min=0, min_open=True),
              metavar="SECONDS", help="Stop a query that runs longer than this (answered with HTTP 503).")
@click.option("--max-rows", default=10_000, show_default=True, type=click.IntRange(min=1),
              help="Cut answers at this many rows or triples (the X-SPARQL-MaxRows header says so).")
@click.option("--max-body", default=1_000_000, show_default=True, type=click.IntRange(min=1024),
              metavar="BYTES", help="Largest request body accepted (HTTP 413 above).")
@click.option("--max-query", default=100_000, show_default=True, type=click.IntRange(min=100),
              metavar="CHARS", help="Longest query text accepted (HTTP 413 above).")
@click.option("--workers", default=2, show_default=True, type=click.IntRange(1, 64),
              help="Query worker processes (queries run in parallel up to this number).")
@click.option("--max-memory", default=2048, show_default=True, type=click.IntRange(min=768), metavar="MB",
              help="Memory limit of each worker; a query that needs more fails (HTTP 500) and the worker restarts.")
@click.option("--cors", "cors_origin", default=None, metavar="ORIGIN",
              help="Let pages from ORIGIN (e.g. https://yasgui.triply.cc, or *) query the endpoint.")
@click.option("--quiet", is_flag=True, help="Do not log each request.")
def serve_cmd(store: StoreOptions, host: str, port: int, timeout: float, max_rows: int, max_body: int,
              max_query: int, workers: int, max_memory: int, cors_origin: str | None, quiet: bool) -> None:
    """Serve the store over the SPARQL 1.1 Protocol at /sparql, with a query page at /query and
    the graph view at /.

    Any SPARQL client works (SPARQLWrapper, rdflib's SPARQLStore, YASGUI with --cors): GET or
    POST, results as JSON, XML, CSV or TSV and graphs as Turtle, JSON-LD, N-Triples or RDF/XML,
    by Accept header or a format= parameter. Saved questions answer at /questions/NAME?KEY=VALUE.
    The endpoint is read-only: updates get 403, SERVICE and LOAD are refused, each query runs in
    a worker process that is stopped after --timeout. Stop it with Ctrl-C.

    \b
    Example:
        kg serve --store graphs/news --port 8000
        curl -H 'Accept: text/csv' --data-urlencode \\
             'query=SELECT * WHERE { ?s geo:supports ?o }' http://127.0.0.1:8000/sparql
        curl 'http://127.0.0.1:8000/questions/supporters?actor=Niger&format=csv'
    """
    from kg.server import make_app, serve

    with store.open(create=False) as target:
        app = make_app(target, timeout=timeout, max_rows=max_rows, max_body=max_body, max_query=max_query, workers=workers,
                       memory_mb=max_memory, cors_origin=cors_origin)
        try:
            serve(app, host=host, port=port, quiet=quiet, announce=click.echo)
        finally:
            app.close()
