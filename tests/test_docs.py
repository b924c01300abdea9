"""Every command is documented: help text with an example, and a mention in the README."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.cli import cli

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(cli.commands))
def test_docs_command_has_help_with_example(name, runner):
    result = runner.invoke(cli, [name, "--help"])
    assert result.exit_code == 0
    assert "Example:" in result.output


@pytest.mark.parametrize("name", sorted(cli.commands))
def test_docs_command_is_in_readme(name):
    assert f"kg {name}" in README


def test_docs_readme_starts_with_the_two_commands():
    code = README.split("```", 2)[1]
    lines = [ln for ln in code.splitlines() if ln.strip() and not ln.startswith(("bash", "sh"))]
    assert len(lines) == 2
    assert "kg build examples" in lines[0] and "pytest" in lines[1]
