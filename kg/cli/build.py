"""`kg build`: documents → the store, plus graph.ttl + graph.html of this build."""

from __future__ import annotations

import warnings

import click

from kg.build import build
from kg.errors import KGWarning
from kg.graph.iris import DEFAULT_BASE_IRI
from kg.ingest.readers import DEFAULT_MAX_BYTES
from kg.store import GraphStore, StoreError
from kg.store.errors import StoreWarnings
from kg.store.options import StoreOptions, store_options


def _open(store: StoreOptions, *, base_iri: str | None, no_store: bool) -> GraphStore | None:
    """The store to build into; the implicit default store is optional (a warning, not an error)."""
    if no_store:
        return None
    try:
        return store.open(base_iri=base_iri)
    except StoreError as e:
        if store.explicit:
            raise
        warnings.warn(StoreWarnings.W100.format(path=store.location, why=e), KGWarning, stacklevel=2)
        return None


@click.command("build")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=str))
@click.option("--out", "-o", default="out", show_default=True, type=click.Path(file_okay=False),
              help="Folder for graph.ttl and graph.html (this build's documents only).")
@click.option("--model", default=None, help="spaCy pipeline (package name or folder) instead of the shipped one.")
@click.option("--base-iri", default=None, help=f"Base of minted IRIs [default: the store's, else {DEFAULT_BASE_IRI}].")
@click.option("--encoding", default=None, help="Decode input files with this encoding (default: detect UTF-8/UTF-16).")
@click.option("--max-bytes", default=DEFAULT_MAX_BYTES, show_default=True, type=int,
              help="Skip input files larger than this.")
@click.option("--no-html", is_flag=True, help="Do not write graph.html.")
@store_options
@click.option("--no-store", is_flag=True, help="Do not add the documents to any store (files only).")
@click.option("--force", is_flag=True, help="Re-extract documents the store already holds unchanged.")
@click.option("--verbose", "-v", is_flag=True, help="Print each document's id as it is stored.")
def build_cmd(paths: tuple[str, ...], out: str, model: str | None, base_iri: str | None,
              encoding: str | None, max_bytes: int, no_html: bool, store: StoreOptions, no_store: bool,
              force: bool, verbose: bool) -> None:
    """Build the knowledge graph of news documents and add it to the store.

    PATHS are files or folders of .txt, .md, .html and .jsonl documents (JSONL lines hold
    "text" and optional "title", "date", "url", "id"). A document's id is its JSONL "id"
    (else "url"), or a file's name without extension.

    Every document is added to the store (--store, $GEOKG_STORE, else the default store),
    one transaction each: unchanged documents (same text, metadata and pipeline) are
    skipped without parsing, changed ones replace their earlier version. OUT/graph.ttl
    (RDF Turtle) and OUT/graph.html (an offline view) hold exactly this build's documents.
    If the default store cannot be used (e.g. another process holds it), the build warns
    and still writes OUT.

    Example:
        kg build examples/ --out out
        kg build news/ feed.jsonl --store graphs/news
        kg build today/ --store http://localhost:8890/sparql --store-user dba
    """
    target = _open(store, base_iri=base_iri, no_store=no_store)

    def show(doc_id: str, status: str) -> None:
        if verbose:
            click.echo(f"{status}: {doc_id}")

    try:
        result = build(paths, out=out, model=model, base_iri=base_iri, encoding=encoding, max_bytes=max_bytes,
                       html=not no_html, store=target, force=force, on_document=show)
    finally:
        if target is not None:
            target.close()
    for message in result.report.skipped:
        click.echo(f"skipped: {message}", err=True)
    stats = result.stats
    click.echo(f"{stats.documents} documents ({len(result.report.skipped)} skipped), "
               f"{stats.entities} entities, {stats.relations} relations, {stats.triples} triples "
               f"in {result.seconds:.1f} s")
    if result.store is not None:
        counts = result.counts
        click.echo(f"store {result.store}: {counts['added']} added, {counts['replaced']} replaced, "
                   f"{counts['skipped']} skipped (unchanged)")
    for kind, path in result.outputs.items():
        click.echo(f"{kind}: {path}")
