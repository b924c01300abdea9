"""`kg view`: a graph (store or RDF file) → one offline HTML page."""

from __future__ import annotations

from pathlib import Path

import click

from kg.view.render import build_view
from kg.view.source import load_graph

BIG_VIEW = 5000  # entities; above this the page still works but loads slowly


@click.command("view")
@click.option("--store", default=None, metavar="PATH",
              help="Read the persistent store at PATH (default: the store's default location).")
@click.option("--graph", "graph_file", default=None, metavar="FILE", type=click.Path(dir_okay=False),
              help="Read an RDF file instead (Turtle, N-Triples, RDF/XML, JSON-LD, TriG, N-Quads), "
                   "e.g. out/graph.ttl from `kg build`.")
@click.option("--out", "-o", default="view.html", show_default=True, type=click.Path(dir_okay=False),
              help="The HTML page to write.")
@click.option("--focus", multiple=True, metavar="NAME",
              help="Show only the neighbourhood of this entity (any of its names; repeat for several).")
@click.option("--depth", type=click.IntRange(0, 10), default=None,
              help="Relation steps around --focus  [default: 1]")
@click.option("--relations", default=None, metavar="A,B",
              help="Only these relations, comma-separated (e.g. supports,attacks).")
@click.option("--since", default=None, metavar="DATE",
              help="Only evidence dated on or after DATE (YYYY-MM-DD, YYYY-MM or YYYY).")
@click.option("--until", default=None, metavar="DATE",
              help="Only evidence dated on or before DATE (YYYY-MM means to the month's end).")
@click.option("--min-confidence", type=click.FloatRange(0.0, 1.0), default=None, metavar="X",
              help="Only evidence with confidence at least X (0 to 1).")
@click.option("--title", default=None, help="The page's title.")
@click.option("--open", "open_page", is_flag=True, help="Open the page in the default browser.")
def view_cmd(store: str | None, graph_file: str | None, out: str, focus: tuple[str, ...],
             depth: int | None, relations: str | None, since: str | None, until: str | None,
             min_confidence: float | None, title: str | None, open_page: bool) -> None:
    """Write an offline HTML view of the graph: the whole graph, or the ego network of
    entities, filtered by relation, date and confidence.

    Nodes are coloured and shaped by class and sized by degree; hovering shows names, class,
    Wikidata item and relations; clicking an edge shows its evidence (sentence, document,
    outlet, date). The page needs no network and shows article text only as text.

    \b
    Example:
        kg view --graph out/graph.ttl --focus Algeria --depth 2 --out algeria.html
        kg view --store kgstore --relations supports,attacks --since 2023-01 --until 2023-06
    """
    if store is not None and graph_file is not None:
        raise click.UsageError("pass either --store or --graph, not both.")
    if depth is not None and not focus:
        raise click.UsageError("--depth needs --focus NAME.")
    graph = load_graph(store=store, graph_file=graph_file)
    if title is None:
        source = Path(graph_file).name if graph_file else f"store {store or '(default)'}"
        title = "geokg: " + (", ".join(focus) + " in " if focus else "") + source
    result = build_view(graph, out, title=title, focus=list(focus) or None, depth=1 if depth is None else depth,
                        relations=relations, since=since, until=until, min_confidence=min_confidence)
    if result.entities == 0:
        click.echo("warning: no entity matches; the page is empty. Loosen the filters.", err=True)
    elif result.entities > BIG_VIEW:
        click.echo(f"warning: {result.entities} entities make a heavy page; --focus NAME or the "
                   "filters give a lighter one.", err=True)
    detail = f" ({result.subtitle})" if result.subtitle else ""
    click.echo(f"{_count(result.entities, 'entity', 'entities')}, {_count(result.relations, 'relation')}, "
               f"{_count(result.evidence, 'piece')} of evidence{detail}")
    click.echo(f"html: {result.path}")
    if open_page:
        click.launch(str(Path(result.path).resolve()))


def _count(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"
