"""`kg export`: the store as RDF, GraphML or CSV."""

from __future__ import annotations

import click

from kg.store.export import FORMATS
from kg.store.options import StoreOptions, store_options


@click.command("export")
@click.option("--format", "-f", "fmt", type=click.Choice(FORMATS), default="turtle", show_default=True,
              help="turtle, ntriples, rdfxml: all graphs merged; nquads, trig, jsonld: one named graph "
                   "per document plus the entities graph; graphml: entities and relations (Gephi); "
                   "csv: one row per assertion.")
@click.option("--out", "-o", default=None, type=click.Path(dir_okay=False),
              help="File to write (atomically); default: standard output.")
@store_options
def export_cmd(fmt: str, out: str | None, store: StoreOptions) -> None:
    """Export everything the store holds.

    CSV columns: subject, predicate, object (labels), evidence, document, start, end, date,
    confidence, cameo_code, rule, document_date, subject_iri, object_iri, assertion.

    Example:
        kg export --format trig --out graph.trig
        kg export --format csv --out relations.csv
        kg export --format graphml --out graph.graphml --store graphs/news
    """
    with store.open(create=False) as target:
        data = target.export(fmt, out)
    if out is None:
        click.get_binary_stream("stdout").write(data or b"")
    else:
        click.echo(f"{fmt}: {out}", err=True)
