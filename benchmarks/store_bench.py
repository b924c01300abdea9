"""The embedded store (Oxigraph) against rdflib's in-memory Graph, in one run.

Generates a synthetic geokg graph with realistic shapes (documents with their node, entity
mentions and names, relation triples each with a full assertion node; a shared entities
graph), ≥ 1M triples by default, then, each engine in its own subprocess (so that their memory
can be compared fairly): loads it, times a 2-hop join between entities, a 2-hop join through
the provenance (assertion → document), and a point lookup, and reports the peak and final RSS.
Prints `name: value` lines; the targets are ≥ 10× faster joins and ≤ ⅓ of the memory.

    python benchmarks/store_bench.py            # ≥ 1,000,000 triples (a few minutes, mostly rdflib's parser)
    python benchmarks/store_bench.py --quick    # ~100,000 triples
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

GEO = "https://geokg.org/ontology#"
BASE = "https://geokg.org/id/"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
DCT = "http://purl.org/dc/terms/"
PROV = "http://www.w3.org/ns/prov#"
XSD = "http://www.w3.org/2001/XMLSchema#"
PREFIXES = (f"PREFIX geo: <{GEO}> PREFIX rdf: <{RDF}> PREFIX rdfs: <{RDFS}> PREFIX prov: <{PROV}> "
            f"PREFIX dcterms: <{DCT}> ")
# who meets someone who leads what (2 hops between entities; DISTINCT: a relation stated by several
# documents is in several graphs, and a union of graphs matches it once per graph)
JOIN = PREFIXES + "SELECT DISTINCT ?x ?y ?z WHERE { ?x geo:meetsWith ?y . ?y geo:leaderOf ?z . }"
# relations per kind reported in documents of the second half of the year (2 hops: assertion → document)
PROVENANCE = PREFIXES + ("SELECT ?p (COUNT(?a) AS ?n) WHERE { ?a rdf:predicate ?p ; prov:wasDerivedFrom ?d . "
                         "?d dcterms:date ?date . "
                         "FILTER(?date >= \"2023-07-01\"^^<http://www.w3.org/2001/XMLSchema#date>) } GROUP BY ?p")
LOOKUP = "SELECT ?p ?o WHERE { ?s ?p ?o }"
TRIPLES_PER_DOC = 130


def generate(triples: int, folder: Path, seed: int = 42) -> dict[str, int]:
    """Write `data.nq` (one graph per document + entities) and `data.nt` (the same triples)."""
    from kg.graph.namespace import CORE_RELATIONS, DOMAIN, ENTITY_CLASSES, RANGE

    rng = random.Random(seed)
    docs = max(10, triples // TRIPLES_PER_DOC)
    n_entities = max(200, docs // 2)
    entities = [(f"{BASE}E{i}", ENTITY_CLASSES[rng.randrange(len(ENTITY_CLASSES))]) for i in range(n_entities)]
    by_class: dict[str, list[str]] = {}
    for iri, cls in entities:
        by_class.setdefault(cls, []).append(iri)
    count = 0
    with open(folder / "data.nq", "w", encoding="utf-8") as nq, open(folder / "data.nt", "w", encoding="utf-8") as nt:
        def emit(s: str, p: str, o: str, g: str) -> None:
            nonlocal count
            nq.write(f"{s} {p} {o} <{g}> .\n")
            nt.write(f"{s} {p} {o} .\n")
            count += 1

        ent_graph = BASE + "entities"
        for i, (iri, cls) in enumerate(entities):
            emit(f"<{iri}>", f"<{RDF}type>", f"<{GEO}{cls}>", ent_graph)
            emit(f"<{iri}>", f"<{RDFS}label>", f'"Entity number {i}"@en', ent_graph)
            emit(f"<{iri}>", f"<{SKOS}altLabel>", f'"E. {i}"@en', ent_graph)
            if i % 2 == 0:
                emit(f"<{iri}>", "<http://www.w3.org/2002/07/owl#sameAs>", f"<http://www.wikidata.org/entity/Q{i + 1}>",
                     ent_graph)
        for d in range(docs):
            doc = f"{BASE}doc/d{d}"
            emit(f"<{doc}>", f"<{RDF}type>", f"<{GEO}Document>", doc)
            emit(f"<{doc}>", f"<{DCT}identifier>", f'"d{d}"', doc)
            emit(f"<{doc}>", f"<{DCT}title>", f'"Report number {d} on regional affairs"', doc)
            emit(f"<{doc}>", f"<{DCT}date>", f'"2023-{1 + d % 12:02d}-{1 + d % 28:02d}"^^<{XSD}date>', doc)
            emit(f"<{doc}>", f"<{DCT}source>", f'"news/d{d}.txt"', doc)
            emit(f"<{doc}>", f"<{GEO}contentHash>", f'"sha256:{d:064x}"', doc)
            mentioned: set[str] = set()
            for f in range(8):
                rel = CORE_RELATIONS[rng.randrange(len(CORE_RELATIONS))]
                pool_s = [e for c in DOMAIN[rel] for e in by_class.get(c, [])]
                pool_o = [e for c in RANGE[rel] for e in by_class.get(c, [])]
                s, o = rng.choice(pool_s), rng.choice(pool_o)
                mentioned |= {s, o}
                a = f"<{BASE}assertion/{d:08x}{f:04x}>"
                start = rng.randrange(5000)
                emit(f"<{s}>", f"<{GEO}{rel}>", f"<{o}>", doc)
                for p, v in ((f"{RDF}type", f"<{GEO}Assertion>"), (f"{RDF}subject", f"<{s}>"),
                             (f"{RDF}predicate", f"<{GEO}{rel}>"), (f"{RDF}object", f"<{o}>"),
                             (f"{PROV}wasDerivedFrom", f"<{doc}>"),
                             (f"{GEO}evidence", f'"Sentence {f} of document {d} states that {rel}."'),
                             (f"{GEO}startOffset", f'"{start}"^^<{XSD}integer>'),
                             (f"{GEO}endOffset", f'"{start + 60}"^^<{XSD}integer>'),
                             (f"{GEO}confidence", f'"0.{rng.randrange(50, 99)}"^^<{XSD}decimal>'),
                             (f"{GEO}rule", f'"rule.{rel}"'), (f"{GEO}cameoCode", '"040"'),
                             (f"{DCT}date", f'"2023-{1 + d % 12:02d}-{1 + f:02d}"^^<{XSD}date>')):
                    emit(a, f"<{p}>", v, doc)
            for e in sorted(mentioned):
                emit(f"<{e}>", f"<{GEO}mentionedIn>", f"<{doc}>", doc)
                emit(f"<{e}>", f"<{SKOS}altLabel>", f'"{e.rsplit("/", 1)[-1]} (doc {d % 50})"@en', doc)
    return {"triples": count, "documents": docs, "entities": n_entities}


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _time(func, repeat: int) -> float:  # noqa: ANN001
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        runs.append(time.perf_counter() - start)
    return statistics.median(runs) * 1000


def child(engine: str, folder: Path, lookups: int) -> dict[str, float]:
    """Load and query with one engine; report times (ms, s) and memory (MB)."""
    from rdflib import URIRef

    before = _rss_mb()
    rng = random.Random(7)
    subjects = [URIRef(f"{BASE}E{rng.randrange(200)}") for _ in range(lookups)]
    start = time.perf_counter()
    if engine == "oxigraph":
        from kg.store.embedded import OxigraphStore

        store = OxigraphStore(folder / "store")
        store.load(folder / "data.nq", fmt="nquads")

        def query(q, **b):  # noqa: ANN001, ANN003, ANN202
            return list(store.query(q, b or None))
    else:
        from rdflib import Graph
        from rdflib.plugins.sparql import prepareQuery

        graph = Graph()
        graph.parse(folder / "data.nt", format="nt")
        prepared = {q: prepareQuery(q) for q in (JOIN, PROVENANCE, LOOKUP)}

        def query(q, **b):  # noqa: ANN001, ANN003, ANN202
            return list(graph.query(prepared[q], initBindings=b or None))
    load = time.perf_counter() - start
    rows = {"join_rows": len(query(JOIN)), "provenance_rows": len(query(PROVENANCE))}
    join = _time(lambda: query(JOIN), 3)
    prov = _time(lambda: query(PROVENANCE), 3)
    start = time.perf_counter()
    for s in subjects:
        query(LOOKUP, s=s)
    lookup = (time.perf_counter() - start) * 1000 / len(subjects)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"load_s": load, "join_ms": join, "provenance_ms": prov, "lookup_ms": lookup,
            "rss_mb": _rss_mb(), "peak_rss_mb": peak, "baseline_rss_mb": before, **rows}


def run_child(engine: str, folder: Path, lookups: int) -> dict[str, float]:
    """Run `child` in a fresh interpreter (separate memory)."""
    done = subprocess.run([sys.executable, __file__, "--child", engine, "--folder", str(folder),
                           "--lookups", str(lookups)], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"{engine} run failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    """Parse arguments, generate the data, run both engines, print `name: value` lines."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="~100,000 triples instead of ≥ 1,000,000.")
    parser.add_argument("--triples", type=int, default=None, help="Approximate number of triples.")
    parser.add_argument("--lookups", type=int, default=200, help="Point lookups to average over.")
    parser.add_argument("--child", choices=("oxigraph", "rdflib"), help=argparse.SUPPRESS)
    parser.add_argument("--folder", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(child(args.child, args.folder, args.lookups)))
        return 0
    target = args.triples or (100_000 if args.quick else 1_000_000)
    with tempfile.TemporaryDirectory(prefix="geokg-bench-") as tmp:
        folder = Path(tmp)
        start = time.perf_counter()
        sizes = generate(int(target * 1.01), folder)
        for name, value in sizes.items():
            print(f"{name}: {value}")
        print(f"generate_s: {time.perf_counter() - start:.1f}")
        ox = run_child("oxigraph", folder, args.lookups)
        rdf = run_child("rdflib", folder, args.lookups)
    for key in ("load_s", "join_ms", "provenance_ms", "lookup_ms", "rss_mb", "peak_rss_mb", "join_rows",
                "provenance_rows"):
        digits = 0 if key.endswith("rows") else 3 if key == "lookup_ms" else 1
        print(f"oxigraph_{key}: {ox[key]:.{digits}f}")
        print(f"rdflib_{key}: {rdf[key]:.{digits}f}")
    ratios = {"join_speedup": rdf["join_ms"] / max(ox["join_ms"], 1e-6),
              "provenance_join_speedup": rdf["provenance_ms"] / max(ox["provenance_ms"], 1e-6),
              "lookup_speedup": rdf["lookup_ms"] / max(ox["lookup_ms"], 1e-6),
              "load_speedup": rdf["load_s"] / max(ox["load_s"], 1e-6),
              "memory_ratio": ox["rss_mb"] / max(rdf["rss_mb"], 1e-6),
              "peak_memory_ratio": ox["peak_rss_mb"] / max(rdf["peak_rss_mb"], 1e-6)}
    for name, value in ratios.items():
        print(f"{name}: {value:.2f}")
    same = ox["join_rows"] == rdf["join_rows"] and ox["provenance_rows"] == rdf["provenance_rows"]
    print(f"same_answers: {'yes' if same else 'NO'}")
    joins = min(ratios["join_speedup"], ratios["provenance_join_speedup"])
    print(f"target_joins_10x: {'met' if joins >= 10 else 'missed'}")
    print(f"target_memory_third: {'met' if ratios['memory_ratio'] <= 1 / 3 else 'missed'}")
    return 0 if same else 1


if __name__ == "__main__":
    raise SystemExit(main())
