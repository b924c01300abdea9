"""Global fixtures: paths, one shared build of the example article, a CLI runner."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session", autouse=True)
def scratch_default_store(tmp_path_factory):
    """Point the default store at a scratch folder, so that no test (nor the `kg` commands
    they run in subprocesses) writes into the user's own store."""
    import os

    old = os.environ.get("GEOKG_STORE")
    os.environ["GEOKG_STORE"] = str(tmp_path_factory.mktemp("default-store") / "store")
    yield
    if old is None:
        os.environ.pop("GEOKG_STORE", None)
    else:
        os.environ["GEOKG_STORE"] = old


@pytest.fixture(scope="session")
def examples_dir() -> Path:
    """The project's own example articles."""
    return EXAMPLES


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """`../shared` (the evaluation and training data); tests needing it skip without it."""
    if not SHARED.exists():
        pytest.skip("../shared is not beside the checkout")
    return SHARED


@pytest.fixture(scope="session")
def nlp():
    """The default geokg pipeline (shipped model + rule components), loaded once."""
    from kg.nlp.pipeline import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def facts(nlp):
    """`facts(text)`: the (subject, predicate, object) triples extracted from a text of our own."""
    from kg.extract.extractor import extract
    from kg.ingest.readers import make_document

    def run(text: str) -> set[tuple[str, str, str]]:
        document = make_document(text, doc_id="t", date_text="2024-03-05")
        return {(f.subject, f.predicate, f.object) for f in extract(nlp(document.text), document).facts}

    return run


@pytest.fixture(scope="session")
def example_build(tmp_path_factory):
    """`kg build examples/ --out …`, run once through the library."""
    from kg.build import build

    out = tmp_path_factory.mktemp("example-build")
    return build([EXAMPLES], out=out)


@pytest.fixture
def runner() -> CliRunner:
    """A click test runner."""
    return CliRunner()


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "slow: loads the trained pipeline or runs end to end")
