"""The query page in a real browser (Debian's chromium, headless, driven by Playwright).

The page is served by `kg serve` logic in a thread; it must load the saved questions, run one
with a parameter, run SPARQL from the editor, show errors, keep literals as text, and fetch
nothing but its own server.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path
from wsgiref.simple_server import WSGIRequestHandler, make_server

import pytest
import test_query_world

from kg.server import make_app
from kg.server.serving import ThreadingServer

world, world_path = test_query_world.world, test_query_world.world_path  # the shared fixtures

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not CHROMIUM.exists(), reason="/usr/bin/chromium is not installed")]


@pytest.fixture(scope="module")
def base(world):
    class Quiet(WSGIRequestHandler):
        def log_message(self, *args):
            pass

    app = make_app(world, workers=1, timeout=10)
    server = make_server("127.0.0.1", 0, app, server_class=ThreadingServer, handler_class=Quiet)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()
    app.close()


@pytest.fixture(scope="module")
def page(base, tmp_path_factory):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        context = browser.new_context(viewport={"width": 1400, "height": 900}, service_workers="block")
        tab = context.new_page()
        tab.requests, tab.dialogs, tab.errors = [], [], []
        tab.on("request", lambda r: tab.requests.append(r.url))
        tab.on("dialog", lambda d: (tab.dialogs.append(d.message), d.dismiss()))
        tab.on("pageerror", lambda e: tab.errors.append(str(e)))
        tab.goto(base + "/query")
        tab.wait_for_selector("#question option[value='supporters']", state="attached", timeout=30_000)
        tab.shots = Path(os.environ.get("GEOKG_SCREENSHOTS") or tmp_path_factory.mktemp("screenshots"))
        yield tab
        browser.close()


def test_page_runs_a_saved_question(page):
    page.select_option("#question", "supporters")
    page.fill("#question-params input[name=actor]", "Niger")
    page.click("#ask")
    page.wait_for_selector("#output table td", timeout=30_000)
    assert "Côte d'Ivoire" in page.inner_text("#output")
    assert page.inner_text("#status").startswith("1 row")
    assert "csv" in page.inner_text("#downloads")
    page.screenshot(path=str(page.shots / "query-page-saved.png"))


def test_page_runs_sparql_from_the_editor_and_follows_iris(page):
    page.fill("#sparql", "SELECT ?who ?whom WHERE { ?who geo:criticizes ?whom } ORDER BY ?who")
    page.click("#run")
    page.wait_for_selector("#output tbody tr:nth-child(2)", timeout=30_000)  # the page's CSP forbids eval
    assert len(page.query_selector_all("#output tbody tr")) == 2
    assert page.inner_text("#output tbody tr:first-child td:first-child") == "id:Mali"
    page.click("#output tbody tr:first-child td:first-child a")
    page.wait_for_selector("#output td >> text=rdfs:label", timeout=30_000)
    assert "<https://geokg.org/id/Mali>" in page.input_value("#sparql")
    assert "Mali" in page.inner_text("#output")


def test_page_shows_errors_and_keeps_literals_as_text(page):
    page.fill("#sparql", "SELECT ?x WHERE { ?x geo:supports }")
    page.focus("#sparql")
    page.keyboard.press("Control+Enter")
    page.wait_for_selector("#error:not([hidden])", timeout=30_000)
    assert "E150 invalid SPARQL" in page.inner_text("#error")
    page.fill("#sparql", "SELECT ?x WHERE { BIND(\"<img src=x onerror=alert(1)><b>bold</b>\" AS ?x) }")
    page.click("#run")
    page.wait_for_selector("#output td", timeout=30_000)
    assert page.inner_text("#output td") == "<img src=x onerror=alert(1)><b>bold</b>"
    assert page.query_selector("#output img") is None and page.query_selector("#output b") is None
    assert page.dialogs == [] and page.errors == []


def test_page_fetches_only_its_own_server(page, base):
    assert page.requests and all(url.startswith(base + "/") for url in page.requests), page.requests


def test_graph_view_draws_under_the_servers_policy(page, base):
    errors_before = len(page.errors)
    page.goto(base + "/")
    page.wait_for_selector("canvas", timeout=60_000)
    assert len(page.errors) == errors_before, page.errors
    page.screenshot(path=str(page.shots / "graph-view.png"))
