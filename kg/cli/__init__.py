"""The `kg` command: a click group whose commands each live in their own module."""

from __future__ import annotations

import sys

import click

from kg.about import __version__
from kg.cli._util import run_cli
from kg.cli.build import build_cmd
from kg.cli.export import export_cmd
from kg.cli.query import query_cmd
from kg.cli.remove import remove_cmd
from kg.cli.serve import serve_cmd
from kg.cli.stats import stats_cmd
from kg.cli.validate import validate_cmd
from kg.cli.view import view_cmd


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kg")
def cli() -> None:
    """geokg: build a geopolitical knowledge graph from news articles.

    Example:
        kg build examples/ --out out
    """


cli.add_command(build_cmd)
cli.add_command(remove_cmd)
cli.add_command(stats_cmd)
cli.add_command(export_cmd)
cli.add_command(validate_cmd)
cli.add_command(view_cmd)  # issue 7
cli.add_command(query_cmd)  # issue 6
cli.add_command(serve_cmd)  # issue 6


def main(argv: list[str] | None = None) -> None:
    """Entry point of the `kg` console script and `python -m kg`."""
    sys.exit(run_cli(cli, argv))
