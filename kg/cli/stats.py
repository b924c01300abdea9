"""`kg stats`: what the store holds."""

from __future__ import annotations

import json

import click

from kg.store.options import StoreOptions, store_options


@click.command("stats")
@store_options
@click.option("--brief", is_flag=True, help="Counts only, without the list of documents.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
@click.option("--actors", is_flag=True, help="Network analytics: top actors by degree and betweenness, "
              "blocs (communities), relation counts.")
@click.option("--top", default=10, show_default=True, help="How many actors --actors lists.")
def stats_cmd(store: StoreOptions, brief: bool, as_json: bool, actors: bool, top: int) -> None:
    """Show the store's documents (id, date, title, content hash, triples) and its counts
    of entities per class, relations per predicate and triples; with --actors, who matters
    in the network.

    Example:
        kg stats
        kg stats --store graphs/news --brief
        kg stats --actors --top 15
    """
    if actors:
        from kg.analysis import actor_report, format_actor_report

        with store.open(create=False) as target:
            report = actor_report(target.union_graph(), top=top)
        click.echo(json.dumps(report, indent=2, ensure_ascii=False) if as_json else format_actor_report(report))
        return
    with store.open(create=False) as target:
        stats = target.stats()
    if as_json:
        data = {
            "store": stats.location, "base_iri": stats.base, "triples": stats.triples, "quads": stats.quads,
            "documents": [{"id": d.id, "title": d.title, "date": d.date.isoformat() if d.date else None,
                           "source": d.source, "content_hash": d.content_hash, "triples": d.triples,
                           "provenance": d.provenance} for d in ([] if brief else stats.documents)],
            "document_count": len(stats.documents), "incomplete": [d.id for d in stats.incomplete],
            "entities": stats.entities, "relations": stats.relations, "assertions": stats.assertions,
        }
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
        return
    click.echo(f"store: {stats.location}  (base IRI {stats.base})")
    click.echo(f"documents: {len(stats.documents)}")
    if not brief:
        for d in stats.documents:
            date = d.date.isoformat() if d.date else "----------"
            title = d.title if len(d.title) <= 60 else d.title[:59] + "…"
            click.echo(f"  {d.id}  {date}  {d.triples:>6} triples  {d.content_hash[:19]}  {title}")
    for d in stats.incomplete:
        click.echo(f"  incomplete (interrupted write; rebuild it): {d.id}")
    click.echo(f"entities: {stats.entity_count}")
    for cls, n in stats.entities.items():
        click.echo(f"  {cls:<26} {n:>8}")
    click.echo(f"relations: {stats.relation_count} distinct triples, "
               f"{sum(stats.assertions.values())} assertions")
    for rel, n in stats.relations.items():
        click.echo(f"  {rel:<26} {n:>8}  ({stats.assertions.get(rel, 0)} assertions)")
    click.echo(f"triples: {stats.triples} distinct ({stats.quads} in all graphs)")
