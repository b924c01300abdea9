"""The `kg` command: a click group whose commands each live in their own module."""

from __future__ import annotations

import sys

import click

from kg.about import __version__
from kg.cli._util import run_cli
from kg.cli.build import build_cmd


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kg")
def cli() -> None:
    """geokg: build a geopolitical knowledge graph from news articles.

    Example:
        kg build examples/ --out out
    """


cli.add_command(build_cmd)


def main(argv: list[str] | None = None) -> None:
    """Entry point of the `kg` console script and `python -m kg`."""
    sys.exit(run_cli(cli, argv))
