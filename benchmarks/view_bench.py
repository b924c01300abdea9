"""How fast the HTML view is built and becomes interactive, on synthetic graphs.

Prints ``name: value`` lines:

- ``html_2k_nodes_s``: seconds to render a 2,000-node page in Python and have it interactive
  in headless chromium (a click on a node selects it), the figure the issue asks for;
- its parts: ``to_networkx_2k_s``, ``layout_2k_s``, ``render_2k_s`` (all of the Python side),
  ``browser_2k_s`` (page load to answered click), ``html_2k_bytes``;
- ``html_300_nodes_s``: the same for a 300-node page, which uses bounded physics instead of a
  precomputed layout (render, load, stabilise, freeze, answer a click).

    python benchmarks/view_bench.py [--nodes 2000] [--small 300] [--repeat 1]

Browser figures need /usr/bin/chromium and Playwright; without them they print ``n/a``.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


def _label(n: int) -> str:
    return f"{n // 1000}k" if n % 1000 == 0 else str(n)


def python_side(n: int) -> tuple[dict[str, float], str]:
    """Time the Python stages for an `n`-entity graph; return the figures and the page."""
    from kg.analysis import to_networkx
    from kg.view.layout import static_layout
    from kg.view.render import render
    from kg.view.sample import sample_graph

    rdf = sample_graph(n, seed=1)
    started = time.perf_counter()
    G = to_networkx(rdf)
    converted = time.perf_counter()
    static_layout(G)
    laid_out = time.perf_counter()
    started_render = time.perf_counter()
    page = render(rdf)
    done = time.perf_counter()
    return {"to_networkx": converted - started, "layout": laid_out - converted,
            "render": done - started_render}, page


def browser_side(browser, page_html: str) -> float:
    """Seconds from opening the page to a click on its best-connected node being answered."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "view.html"
        path.write_text(page_html, encoding="utf-8")
        context = browser.new_context(viewport={"width": 1400, "height": 900})
        context.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:")
                      else route.abort())
        page = context.new_page()
        started = time.perf_counter()
        page.goto(path.as_uri())
        while not page.evaluate("window.geokgReady === true"):
            time.sleep(0.02)
        x, y = page.evaluate("""() => {
            const ids = network.body.data.nodes.getIds();
            const degree = id => network.getConnectedEdges(id).length;
            const hub = ids.reduce((a, b) => degree(a) >= degree(b) ? a : b);
            const p = network.canvasToDOM(network.getPosition(hub));
            const r = document.getElementById('graph').getBoundingClientRect();
            return [r.left + p.x, r.top + p.y]; }""")
        page.mouse.click(x, y)
        while not page.evaluate("network.getSelectedNodes().length === 1"):
            time.sleep(0.02)
        seconds = time.perf_counter() - started
        context.close()
        return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--nodes", type=int, default=2000)
    parser.add_argument("--small", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=1, help="take the best of this many runs")
    args = parser.parse_args()

    runs = {}
    for n in (args.nodes, args.small):
        best = None
        for _ in range(args.repeat):
            times, page = python_side(n)
            if best is None or times["render"] < best[0]["render"]:
                best = (times, page)
        runs[n] = best
    big, small = _label(args.nodes), _label(args.small)
    times, page = runs[args.nodes]
    for name in ("to_networkx", "layout", "render"):
        print(f"{name}_{big}_s: {times[name]:.2f}")
    print(f"html_{big}_bytes: {len(page.encode('utf-8'))}")

    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        sync_playwright = None
    if sync_playwright is None or not CHROMIUM.exists():
        for name in (f"browser_{big}_s", f"html_{big}_nodes_s", f"html_{small}_nodes_s"):
            print(f"{name}: n/a")
        return
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        for n, label in ((args.nodes, big), (args.small, small)):
            times, page = runs[n]
            seconds = min(browser_side(browser, page) for _ in range(args.repeat))
            if n == args.nodes:
                print(f"browser_{label}_s: {seconds:.2f}")
            print(f"html_{label}_nodes_s: {times['render'] + seconds:.2f}")
        browser.close()


if __name__ == "__main__":
    main()
