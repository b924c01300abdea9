"""What every command shares: error translation and warning display."""

from __future__ import annotations

import logging
import warnings

import click

from kg.errors import KGError


def _show_warning(message, category, filename, lineno, file=None, line=None) -> None:  # noqa: ANN001
    click.echo(f"warning: {message}", err=True)


def run_cli(group: click.Group, argv: list[str] | None) -> int:
    """Run the click group; a `KGError` becomes one line on stderr and exit code 1."""
    warnings.showwarning = _show_warning
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s: %(message)s")
    try:
        group.main(args=argv, prog_name="kg", standalone_mode=False)
    except KGError as e:
        click.echo(f"error: {e}", err=True)
        return 1
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        return 130
    except click.ClickException as e:
        e.show()
        return e.exit_code
    except KeyboardInterrupt:
        click.echo("interrupted", err=True)
        return 130
    return 0
