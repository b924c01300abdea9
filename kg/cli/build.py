"""`kg build`: documents → the store, plus graph.ttl + graph.html of this build."""

from __future__ import annotations

import warnings

import click

from kg.build import Scale, build
from kg.errors import KGWarning
from kg.graph.iris import DEFAULT_BASE_IRI
from kg.ingest.readers import DEFAULT_MAX_BYTES
from kg.scale.progress import Progress, count_documents
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


def _progress(paths: tuple[str, ...], wanted: bool | None) -> Progress | None:
    """A progress line on stderr: on a terminal unless --no-progress, always with --progress."""
    import sys

    if wanted is False or (wanted is None and not sys.stderr.isatty()):
        return None
    return Progress(count_documents(paths), enabled=True)


@click.command("build")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=str))
@click.option("--out", "-o", default="out", show_default=True, type=click.Path(file_okay=False),
              help="Folder for graph.ttl and graph.html (this build's documents only).")
@click.option("--model", default=None, help="spaCy pipeline (package name or folder) instead of the shipped one.")
@click.option("--base-iri", default=None, help=f"Base of minted IRIs [default: the store's, else {DEFAULT_BASE_IRI}].")
@click.option("--encoding", default=None, help="Decode input files with this encoding (default: detect UTF-8/UTF-16).")
@click.option("--max-bytes", default=DEFAULT_MAX_BYTES, show_default=True, type=int,
              help="Skip text/HTML files larger than this, and JSONL lines (documents) larger than this.")
@click.option("--no-html", is_flag=True, help="Do not write graph.html.")
@store_options
@click.option("--no-store", is_flag=True, help="Do not add the documents to any store (files only).")
@click.option("--force", is_flag=True, help="Re-extract documents the store already holds unchanged.")
@click.option("--verbose", "-v", is_flag=True, help="Print each document's id as it is stored.")
@click.option("--jobs", "-j", default=None, type=click.IntRange(min=0),
              help="Worker processes, each loading the pipeline once (0: one per core) [default: 1; "
                   "with --dask local: one per core].")
@click.option("--dask", "dask", default=None, metavar="local|tcp://HOST:8786",
              help="Extract on a Dask cluster: 'local' starts one on this machine (--jobs workers), "
                   "or the address of a running scheduler.")
@click.option("--batch-size", default=32, show_default=True, type=click.IntRange(min=1),
              help="Documents per spaCy batch.")
@click.option("--no-files", is_flag=True,
              help="Write neither graph.ttl nor graph.html and keep no graph in memory: the store only "
                   "(memory stays flat for archives of any size).")
@click.option("--progress/--no-progress", default=None,
              help="Show documents, words/s and ETA while building [default: only on a terminal].")
def build_cmd(paths: tuple[str, ...], out: str, model: str | None, base_iri: str | None,
              encoding: str | None, max_bytes: int, no_html: bool, store: StoreOptions, no_store: bool,
              force: bool, verbose: bool, jobs: int | None, dask: str | None, batch_size: int, no_files: bool,
              progress: bool | None) -> None:
    """Build the knowledge graph of news documents and add it to the store.

    PATHS are files or folders of .txt, .md, .html and .jsonl documents (JSONL lines hold
    "text" and optional "title", "date", "url", "id"). A document's id is its JSONL "id"
    (else "url"), or a file's name without extension.

    Every document is added to the store (--store, $GEOKG_STORE, else the default store),
    new ones in transactional batches: unchanged documents (same text, metadata and pipeline)
    are skipped without parsing, changed ones replace their earlier version. OUT/graph.ttl
    (RDF Turtle) and OUT/graph.html (an offline view) hold exactly this build's documents.
    If the default store cannot be used (e.g. another process holds it), the build warns
    and still writes OUT. For archives: --no-files (store only, flat memory), --jobs N
    worker processes, --dask local or tcp://scheduler:8786 (see docs/scale.md).

    Example:
        kg build examples/ --out out
        kg build news/ feed.jsonl --store graphs/news
        kg build today/ --store http://localhost:8890/sparql --store-user dba
        kg build archive.jsonl --jobs 0 --no-files
        kg build archive/ --dask tcp://scheduler:8786 --store http://fuseki:3030/news/sparql --no-files
    """
    target = _open(store, base_iri=base_iri, no_store=no_store)
    bar = _progress(paths, progress)

    def show(doc_id: str, status: str) -> None:
        if verbose:
            click.echo(f"{status}: {doc_id}")

    scale = Scale(jobs=jobs if jobs is not None else (0 if dask == "local" else 1), dask=dask,
                  batch_size=batch_size)
    try:
        result = build(paths, out=None if no_files else out, model=model, base_iri=base_iri, encoding=encoding,
                       max_bytes=max_bytes, html=not no_html, store=target, force=force, on_document=show,
                       scale=scale, on_progress=(lambda d: bar.update(words=len(d.text.split()))) if bar else None)
    finally:
        if bar is not None:
            bar.close()
        if target is not None:
            target.close()
    for message in result.report.skipped:
        click.echo(f"skipped: {message}", err=True)
    stats = result.stats
    if result.graph is None:
        click.echo(f"{stats.documents} documents ({len(result.report.skipped)} skipped), {result.words} words, "
                   f"{stats.entities} entities, {stats.triples} triples written in {result.seconds:.1f} s "
                   f"({result.words / max(result.seconds, 1e-9):,.0f} words/s)")
    else:
        click.echo(f"{stats.documents} documents ({len(result.report.skipped)} skipped), "
                   f"{stats.entities} entities, {stats.relations} relations, {stats.triples} triples "
                   f"in {result.seconds:.1f} s")
    if result.store is not None:
        counts = result.counts
        click.echo(f"store {result.store}: {counts['added']} added, {counts['replaced']} replaced, "
                   f"{counts['skipped']} skipped (unchanged)")
    for kind, path in result.outputs.items():
        click.echo(f"{kind}: {path}")
