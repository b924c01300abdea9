"""Both notebooks run from top to bottom (nbclient), on graphs built here."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from kg.view.sample import crisis_graph, sample_graph

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"

pytestmark = pytest.mark.slow


def _run(name: str) -> list[str]:
    """Execute a notebook in its folder; return every cell's text and the mime types shown."""
    nb = nbformat.read(NOTEBOOKS / name, as_version=4)
    NotebookClient(nb, timeout=600, kernel_name="python3",
                   resources={"metadata": {"path": str(NOTEBOOKS)}}).execute()
    shown = []
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            assert output["output_type"] != "error", output
            shown.append(output.get("text", ""))
            shown.extend(f"<{mime}>" for mime in output.get("data", {}))
            shown.append(output.get("data", {}).get("text/plain", ""))
            shown.append(output.get("data", {}).get("text/html", ""))
    return shown


def test_notebooks_committed_without_outputs():
    for path in NOTEBOOKS.glob("*.ipynb"):
        nb = nbformat.read(path, as_version=4)
        nbformat.validate(nb)
        assert all(not cell.get("outputs") for cell in nb.cells if cell.cell_type == "code"), path


def test_notebooks_quickstart(monkeypatch, examples_dir):
    monkeypatch.setenv("GEOKG_EXAMPLES", str(examples_dir))
    shown = "\n".join(_run("quickstart.ipynb"))
    assert "GraphStats(documents=1" in shown
    assert "Country" in shown and "Algeria" in shown
    assert "MultiDiGraph with" in shown
    assert shown.count('<iframe sandbox="allow-scripts allow-popups" srcdoc="') == 2
    assert "focus:" in shown


def test_notebooks_analysis(monkeypatch, tmp_path):
    graph = crisis_graph()
    graph += sample_graph(300, seed=5)  # a bigger, busier graph alongside the hand-written crisis
    path = tmp_path / "graph.ttl"
    graph.serialize(path, format="turtle")
    monkeypatch.setenv("GEOKG_GRAPH", str(path))
    shown = "\n".join(_run("analysis.ipynb"))
    assert "318 entities" in shown
    assert "Top actors by betweenness" in shown and "Blocs (communities)" in shown
    assert shown.count("<image/png>") == 3  # centrality bars, blocs, timeline
    assert "cooperative and" in shown and "conflictual interactions" in shown
    assert 'srcdoc="' in shown
