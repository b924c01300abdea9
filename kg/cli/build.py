"""`kg build`: documents → graph.ttl + graph.html."""

from __future__ import annotations

import click

from kg.build import build
from kg.graph.iris import DEFAULT_BASE_IRI
from kg.ingest.readers import DEFAULT_MAX_BYTES


@click.command("build")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=str))
@click.option("--out", "-o", default="out", show_default=True, type=click.Path(file_okay=False),
              help="Folder for graph.ttl and graph.html.")
@click.option("--model", default=None, help="spaCy pipeline (package name or folder) instead of the shipped one.")
@click.option("--base-iri", default=DEFAULT_BASE_IRI, show_default=True, help="Base of minted IRIs.")
@click.option("--encoding", default=None, help="Decode input files with this encoding (default: detect UTF-8/UTF-16).")
@click.option("--max-bytes", default=DEFAULT_MAX_BYTES, show_default=True, type=int,
              help="Skip input files larger than this.")
@click.option("--no-html", is_flag=True, help="Do not write graph.html.")
def build_cmd(paths: tuple[str, ...], out: str, model: str | None, base_iri: str,
              encoding: str | None, max_bytes: int, no_html: bool) -> None:
    """Build the knowledge graph of news documents.

    PATHS are files or folders of .txt, .md, .html and .jsonl documents (JSONL lines hold
    "text" and optional "title", "date", "url", "id"). Writes OUT/graph.ttl (RDF Turtle)
    and OUT/graph.html (an offline graph view).

    Example:
        kg build examples/ --out out
    """
    result = build(paths, out=out, model=model, base_iri=base_iri, encoding=encoding,
                   max_bytes=max_bytes, html=not no_html)
    for message in result.report.skipped:
        click.echo(f"skipped: {message}", err=True)
    stats = result.stats
    click.echo(f"{stats.documents} documents ({len(result.report.skipped)} skipped), "
               f"{stats.entities} entities, {stats.relations} relations, {stats.triples} triples "
               f"in {result.seconds:.1f} s")
    for kind, path in result.outputs.items():
        click.echo(f"{kind}: {path}")
