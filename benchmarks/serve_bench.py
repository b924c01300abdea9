"""Load benchmark of `kg serve`: concurrent clients asking saved questions over HTTP.

Builds a store from `examples/` (or a synthetic one with `--synthetic N`), starts `kg serve`
on a free loopback port, and runs C clients × R requests of saved questions
(`/questions/NAME?...`, JSON answers) with parameters taken from the store's own entities and
triples. Prints `name: value` lines: latency percentiles (ms), errors, queries per second.
Target: zero errors and p99 ≤ 200 ms for 20 clients × 100 queries on the example store.

    python benchmarks/serve_bench.py                       # examples/, 20 clients × 100 queries
    python benchmarks/serve_bench.py --synthetic 300 --clients 10 --requests 50
    python benchmarks/serve_bench.py --store graphs/news   # an existing store (read-only)
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def build_examples(path: Path) -> None:
    """The example articles through the whole pipeline into a store."""
    from kg.build import build_graph
    from kg.store import open_store

    with open_store(path) as store:
        build_graph([ROOT / "examples"], store=store)


def build_synthetic(path: Path, documents: int, seed: int = 7) -> None:
    """`documents` articles of 10 random facts among 6 of 120 countries (a dense, hard graph)."""
    from kg.extract.model import Entity, Extraction, Fact
    from kg.graph.namespace import CORE_RELATIONS
    from kg.ingest.readers import make_document
    from kg.resolve.gazetteer import load_gazetteer
    from kg.store import open_store

    rng = random.Random(seed)
    countries = [c.name for c in load_gazetteer().countries.values() if not c.historical][:120]
    with open_store(path) as store:
        for i in range(documents):
            names = rng.sample(countries, 6)
            text, facts = "", []
            for k in range(10):
                s, o = rng.sample(names, 2)
                relation = rng.choice(CORE_RELATIONS)
                sentence = f"{s} {relation} {o} ({k})."
                facts.append(Fact(s, relation, o, len(text), len(text) + len(sentence), sentence, "synthetic", 0.8,
                                  None, dt.date(2020, 1, 1) + dt.timedelta(days=rng.randrange(1500))))
                text += sentence + " "
            document = make_document(text, doc_id=f"synthetic-{i:05d}", date_text="2023-01-01", title=f"Article {i}")
            store.add(document, Extraction(document.id, entities={n: Entity(n, "Country") for n in names},
                                           facts=facts))


def workload(path: Path, count: int, seed: int = 1) -> list[str]:
    """`count` saved-question URLs (path and query) over the store's entities and triples."""
    from kg.query import run
    from kg.store import open_store

    with open_store(path, create=False) as store:
        labels = [r[0] for r in run(store, "SELECT DISTINCT ?l WHERE { ?e rdfs:label ?l ; a ?c }").rows]
        triples = run(store, "SELECT DISTINCT ?sl ?p ?ol WHERE { ?a rdf:subject ?s ; rdf:predicate ?p ; "
                             "rdf:object ?o . ?s rdfs:label ?sl . ?o rdfs:label ?ol }").rows
        countries = [r[0] for r in run(store, "SELECT DISTINCT ?l WHERE { ?e a geo:Country ; rdfs:label ?l }").rows]
    rng = random.Random(seed)

    def one() -> tuple[str, dict[str, str]]:
        kind = rng.choice(["relations", "supporters", "critics", "attackers", "timeline", "timeline-all", "neighbours",
                           "leaders", "paths", "evidence", "about"])
        if kind == "evidence" and triples:
            s, p, o = rng.choice(triples)
            return "evidence", {"subject": s, "relation": p.rsplit("#", 1)[-1], "object": o}
        if kind == "paths":
            a, b = rng.sample(labels, 2)
            return "paths", {"from": a, "to": b}
        if kind == "neighbours":
            return "neighbours", {"country": rng.choice(countries or labels)}
        if kind == "leaders":
            return "leaders", {}
        if kind == "timeline-all":
            return "timeline", {}
        return kind, {"actor": rng.choice(labels)}

    return [f"/questions/{name}?{urllib.parse.urlencode(params)}" for name, params in (one() for _ in range(count))]


def start_server(path: Path, workers: int, timeout: float) -> tuple[subprocess.Popen[str], str]:
    """`kg serve` on a free loopback port; the process and its base URL."""
    proc = subprocess.Popen([sys.executable, "-m", "kg", "serve", "--store", str(path), "--port", "0", "--quiet",
                             "--workers", str(workers), "--timeout", str(timeout)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    line = proc.stdout.readline()
    if not line.startswith("SPARQL endpoint: "):
        proc.kill()
        raise SystemExit(f"kg serve did not start: {line} {proc.stderr.read()}")
    return proc, line.split(": ", 1)[1].strip().rsplit("/", 1)[0]


def run_clients(base: str, urls: list[str], clients: int, requests: int) -> tuple[list[float], list[str], float]:
    """Each client sends `requests` requests back to back; latencies (ms), errors, wall time (s)."""
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()

    def client(index: int) -> None:
        for k in range(requests):
            url = base + urls[(index * requests + k) % len(urls)]
            request = urllib.request.Request(url, headers={"Accept": "application/sparql-results+json"})
            started = time.perf_counter()
            try:
                with urllib.request.urlopen(request, timeout=60) as answer:
                    answer.read()
                ok = None
            except urllib.error.HTTPError as e:
                ok = f"HTTP {e.code} {url}: {e.read()[:200]!r}"
            except OSError as e:
                ok = f"{type(e).__name__} {url}: {e}"
            elapsed = (time.perf_counter() - started) * 1000
            with lock:
                latencies.append(elapsed)
                if ok:
                    errors.append(ok)

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return latencies, errors, time.perf_counter() - started


def percentile(values: list[float], share: float) -> float:
    """The nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, round(share * len(ordered)) - 1))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, help="an existing store (default: build one from examples/)")
    parser.add_argument("--synthetic", type=int, default=0, metavar="N", help="build a synthetic store of N articles")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--requests", type=int, default=100, help="requests per client")
    parser.add_argument("--workers", type=int, default=2, help="kg serve --workers")
    parser.add_argument("--timeout", type=float, default=10.0, help="kg serve --timeout")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="serve-bench-") as scratch:
        path = args.store
        if path is None:
            path = Path(scratch) / "store"
            started = time.perf_counter()
            build_synthetic(path, args.synthetic) if args.synthetic else build_examples(path)
            print(f"store_build_s: {time.perf_counter() - started:.1f}")
        print(f"store: {'synthetic ' + str(args.synthetic) + ' articles' if args.synthetic else path}")
        urls = workload(path, args.clients * args.requests)
        proc, base = start_server(path, args.workers, args.timeout)
        try:
            run_clients(base, urls[: args.workers * 5], args.workers, 5)  # warm-up, not counted
            latencies, errors, wall = run_clients(base, urls, args.clients, args.requests)
        finally:
            proc.terminate()
            proc.wait(timeout=30)
    print(f"clients: {args.clients}")
    print(f"requests: {len(latencies)}")
    print(f"workers: {args.workers}")
    print(f"errors: {len(errors)}")
    print(f"p50_ms: {statistics.median(latencies):.1f}")
    print(f"p90_ms: {percentile(latencies, 0.90):.1f}")
    print(f"p99_ms: {percentile(latencies, 0.99):.1f}")
    print(f"max_ms: {max(latencies):.1f}")
    print(f"queries_per_s: {len(latencies) / wall:.1f}")
    for line in errors[:5]:
        print(f"error: {line}", file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
