"""geokg's scale benchmarks in one run (issue 8), printing `name: value` lines.

    python benchmarks/run.py --quick       # < 2 minutes: every figure, smaller samples
    python benchmarks/run.py               # larger samples; peak memory of a 10,000-document build
    python benchmarks/run.py --memory      # only memory: one 100,000-document store-only build,
                                           # peak RSS at every 10,000 documents (about an hour)

Figures (targets of issue 8 in brackets):
  spacy_only_words_per_s     the bare statistical pipeline (nlp.pipe; no geokg components)
  extraction_words_per_s     geokg's pipeline + rules + RDF (N-Triples) on the same documents
  extraction_vs_spacy        their ratio [≥ 0.75]; *_share lines split geokg's time
  jobs2_speedup              --jobs 2 over --jobs 1, warm workers (throughput) [≥ 1.7 on 2 free cores]
  store_load_triples_per_s   contributions → the embedded store by the bulk writer (transactions)
  store_vs_pyoxigraph_load   that rate over pyoxigraph's own Store.bulk_load of the same quads [≥ 0.5]
  query_2hop_ms_1M           a 2-hop join on a 1M-triple store [≤ 1000]
  peak_rss_mb_per_10k_docs   peak RSS of a store-only build of 10,000 documents
  peak_rss_100k_vs_10k       (--memory) peak RSS at 100,000 documents over that at 10,000 [≤ 1.2]
  html_2k_nodes_s            the HTML view of 2,000 nodes rendered and interactive in chromium
The corpus is synthetic (benchmarks/corpus.py: our templates, the gazetteer's names). The
machine's load average is printed first and last: other processes on the cores skew every figure.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HERE = Path(__file__).resolve().parent
for path in (ROOT, HERE):
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))

BASE = "https://geokg.org/id/"


def show(name: str, value: object) -> None:
    """Print one `name: value` line now."""
    print(f"{name}: {value}", flush=True)


def load_average() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def documents(n: int, seed: int = 7) -> list:
    from corpus import generate

    from kg.ingest.readers import make_document

    return [make_document(r["text"], doc_id=r["id"], title=r["title"], date_text=r["date"],
                          source=f"synthetic:{r['id']}") for r in generate(n, seed=seed)]


# ---- extraction against spaCy ------------------------------------------------------------------
def extraction(docs: list) -> list:
    """spaCy alone vs geokg's whole per-document path, same documents, same run."""
    import spacy

    from kg.extract.extractor import extract
    from kg.graph.store import KnowledgeGraph, contribution
    from kg.nlp.pipeline import load_pipeline, resolve_model
    from kg.scale.worker import _within_limit

    texts = [d.text for d in docs]
    words = sum(len(t.split()) for t in texts)
    bare = spacy.load(resolve_model(None))
    ours = load_pipeline(None)
    list(bare.pipe(texts[:16]))
    list(ours.pipe(texts[:16]))
    spacy_s = ours_s = rules_s = rdf_s = 0.0
    items = []
    for _ in range(2):  # alternate, so both see the same machine load
        start = time.perf_counter()
        for _doc in bare.pipe(texts, batch_size=32):
            pass
        spacy_s += time.perf_counter() - start
        items = []
        start = time.perf_counter()
        for spacy_doc, document in ours.pipe(_within_limit(docs, ours.max_length), as_tuples=True, batch_size=32):
            t0 = time.perf_counter()
            found = extract(spacy_doc, document)
            t1 = time.perf_counter()
            items.append(contribution(document, found, base=BASE, provenance="benchmark"))
            rdf_s += time.perf_counter() - t1
            rules_s += t1 - t0
        ours_s += time.perf_counter() - start
    show("documents", len(docs))
    show("words", words)
    show("spacy_only_words_per_s", f"{2 * words / spacy_s:.0f}")
    show("extraction_words_per_s", f"{2 * words / ours_s:.0f}")
    show("extraction_vs_spacy", f"{spacy_s / ours_s:.3f}")
    pipeline_s = ours_s - rules_s - rdf_s
    show("pipeline_share", f"{pipeline_s / ours_s:.3f}")
    show("rules_share", f"{rules_s / ours_s:.3f}")
    show("rdf_share", f"{rdf_s / ours_s:.3f}")
    show("rules_cost_vs_spacy", f"{rules_s / spacy_s:.3f}")
    show("rdf_cost_vs_spacy", f"{rdf_s / spacy_s:.3f}")
    start = time.perf_counter()
    graph = KnowledgeGraph(base_iri=BASE)  # what `kg build` adds for graph.ttl (not with --no-files)
    for item in items:
        graph.add_contribution(item)
    graph.union()
    show("in_memory_graph_cost_vs_spacy", f"{(time.perf_counter() - start) / (spacy_s / 2):.3f}")
    show("facts", graph.stats().relations)
    return items


# ---- worker processes -----------------------------------------------------------------------------
def jobs(docs: list) -> None:
    """Throughput of 1 process vs 2 warm worker processes on the same documents."""
    from kg.scale import Settings, extract_all
    from kg.scale.run import ProcessPool

    settings = Settings(model=None, base=BASE, provenance="benchmark")
    start = time.perf_counter()
    one = sum(1 for _ in extract_all(docs, settings, jobs=1))
    one_s = time.perf_counter() - start
    started = time.perf_counter()
    pool = ProcessPool(settings, 2)
    try:
        for f in [pool.submit(docs[:2]) for _ in range(2)]:  # both workers up, pipeline loaded
            f.result()
        warm = time.perf_counter()
        chunks = [docs[i:i + 24] for i in range(0, len(docs), 24)]
        two = sum(len(f.result()) for f in [pool.submit(c) for c in chunks])
        two_s = time.perf_counter() - warm
    finally:
        pool.close()
    assert one == two == len(docs)
    show("jobs1_docs_per_s", f"{len(docs) / one_s:.1f}")
    show("jobs2_docs_per_s", f"{len(docs) / two_s:.1f}")
    show("jobs2_speedup", f"{one_s / two_s:.2f}")
    show("jobs2_speedup_with_start", f"{one_s / (time.perf_counter() - started):.2f}")


# ---- the store ------------------------------------------------------------------------------------
def replicate(items: list, copies: int) -> list:
    """`copies` renamed copies of each contribution (new document and assertion IRIs)."""
    from kg.graph.iris import document_iri
    from kg.graph.store import Contribution

    out = []
    for k in range(copies):
        for item in items:
            doc = dataclasses.replace(item.document, id=f"{item.document.id}-r{k}")
            old, new = str(item.iri), str(document_iri(BASE, doc.id))
            lines = [ln.replace(old + ">", new + ">").replace("/assertion/", f"/assertion/r{k}-")
                     for ln in item.lines]
            out.append(Contribution(doc, document_iri(BASE, doc.id), entities=item.entities, lines=lines))
    return out


def store_load(items: list, target_triples: int, folder: Path) -> None:
    """The bulk writer vs pyoxigraph's bulk_load of the same quads."""
    import pyoxigraph as ox

    from kg.store.bulk import BulkWriter
    from kg.store.embedded import OxigraphStore

    per_copy = sum(len(i.lines) for i in items)
    copies = replicate(items, max(1, target_triples // max(1, per_copy)))
    store = OxigraphStore(folder / "ours")
    start = time.perf_counter()
    with BulkWriter(store) as writer:
        for item in copies:
            writer.add(item)
    ours_s = time.perf_counter() - start
    quads = len(store._database())
    (folder / "same.nq").write_bytes(store.export("nquads"))
    store.close()
    reference = ox.Store(str(folder / "reference"))
    start = time.perf_counter()
    reference.bulk_load(path=str(folder / "same.nq"), format=ox.RdfFormat.N_QUADS)
    theirs_s = time.perf_counter() - start
    assert len(reference) == quads
    show("store_load_quads", quads)
    show("store_load_triples_per_s", f"{quads / ours_s:.0f}")
    show("pyoxigraph_bulk_load_triples_per_s", f"{quads / theirs_s:.0f}")
    show("store_vs_pyoxigraph_load", f"{theirs_s / ours_s:.2f}")


def query_2hop(folder: Path) -> None:
    """A 2-hop join on ≥ 1,000,000 triples (store_bench's generator and query)."""
    import store_bench

    folder.mkdir(parents=True, exist_ok=True)
    sizes = store_bench.generate(1_010_000, folder)
    result = store_bench.child("oxigraph", folder, lookups=20)
    show("query_triples", sizes["triples"])
    show("query_2hop_ms_1M", f"{result['join_ms']:.0f}")
    show("query_provenance_2hop_ms_1M", f"{result['provenance_ms']:.0f}")


# ---- memory ---------------------------------------------------------------------------------------
def peak_rss_mb() -> float:
    """This process's peak RSS (VmHWM; `ru_maxrss` would start from the parent's RSS at fork)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def memory_child(corpus: Path, store: Path, marks: list[int]) -> None:
    """A store-only build of `corpus`, printing the peak RSS when each mark is passed."""
    from kg.build import Scale, build

    done = [0]
    pending = sorted(marks)

    def seen(_doc: object) -> None:
        done[0] += 1
        if pending and done[0] >= pending[0]:
            peak = peak_rss_mb()
            print(json.dumps({"documents": pending.pop(0), "peak_rss_mb": round(peak, 1)}), flush=True)

    build([corpus], out=None, store=store, max_bytes=10**12, on_progress=seen, scale=Scale(jobs=1))


def memory(n: int, marks: list[int], folder: Path) -> dict[int, float]:
    """Run `memory_child` in a fresh interpreter on an `n`-document JSONL; peak RSS (MB) by mark."""
    from corpus import write_jsonl

    corpus = folder / f"corpus-{n}.jsonl"
    write_jsonl(corpus, n)
    proc = subprocess.Popen([sys.executable, __file__, "--memory-child", str(corpus), str(folder / f"store-{n}"),
                             ",".join(map(str, marks))], stdout=subprocess.PIPE, text=True)
    peaks: dict[int, float] = {}
    for line in proc.stdout or []:
        if line.startswith("{"):
            row = json.loads(line)
            peaks[row["documents"]] = row["peak_rss_mb"]
            show(f"peak_rss_mb_at_{row['documents']}_docs", row["peak_rss_mb"])
    if proc.wait() != 0:
        raise SystemExit("the memory run failed")
    return peaks


def html() -> None:
    import view_bench

    times, page = view_bench.python_side(2000)
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        sync_playwright = None
    if sync_playwright is None or not view_bench.CHROMIUM.exists():
        show("html_2k_nodes_s", f"n/a (no chromium; python side {times['render']:.2f} s)")
        return
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(view_bench.CHROMIUM), headless=True, args=view_bench.ARGS)
        seconds = view_bench.browser_side(browser, page)
        browser.close()
    show("html_2k_nodes_s", f"{times['render'] + seconds:.2f}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="Every figure on smaller samples (< 2 minutes).")
    ap.add_argument("--memory", action="store_true", help="Only the 100k vs 10k peak-memory run (long).")
    ap.add_argument("--memory-docs", type=int, default=100_000)
    ap.add_argument("--memory-child", nargs=3, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.memory_child:
        corpus, store, marks = args.memory_child
        memory_child(Path(corpus), Path(store), [int(m) for m in marks.split(",")])
        return 0
    started = time.perf_counter()
    show("load_average_start", load_average())
    show("cores", os.cpu_count())
    with tempfile.TemporaryDirectory(prefix="geokg-run-") as tmp:
        folder = Path(tmp)
        if args.memory:
            n = args.memory_docs
            step = max(1_000, n // 10)
            marks = sorted({min(n, m) for m in (1_000, *range(step, n + 1, step), n)})
            peaks = memory(n, marks, folder)
            if 10_000 in peaks and n in peaks:
                show("peak_rss_mb_per_10k_docs", peaks[10_000])
                show(f"peak_rss_{n // 1000}k_vs_10k", f"{peaks[n] / peaks[10_000]:.3f}")
        else:
            docs = documents(120 if args.quick else 600)
            items = extraction(docs)
            jobs(docs[:96] if args.quick else docs)
            store_load(items, 150_000 if args.quick else 1_000_000, folder)
            query_2hop(folder / "q")
            html()
            mem_n = 500 if args.quick else 10_000
            peaks = memory(mem_n, sorted({mem_n // 5, mem_n}), folder)
            if args.quick:
                show("peak_rss_mb_per_10k_docs", f"n/a in --quick (peak at {mem_n} documents: {peaks[mem_n]} MB; "
                                                 f"at {mem_n // 5}: {peaks[mem_n // 5]} MB)")
            else:
                show("peak_rss_mb_per_10k_docs", peaks[mem_n])
    show("load_average_end", load_average())
    show("seconds", f"{time.perf_counter() - started:.0f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
