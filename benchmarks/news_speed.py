"""Extraction speed on real news text against the bare spaCy pipeline, same documents, same run.

    python benchmarks/news_speed.py [PATH ...] [--repeat N] [--model NAME_OR_PATH]

PATH: folders or files of news (.txt/.md/.html/.jsonl, as `kg build` reads them, or the
evaluation set's gold `.json` files, whose "text" is used). Default: `../shared/eval/dev`
beside the checkout, else our example article. The documents are read N times (default 5)
so that timings are not dominated by start-up.

Prints `name: value` lines:
  spacy_only_words_per_s   the statistical pipeline alone (spacy.load of the same model)
  extraction_words_per_s   geokg's pipeline + extraction + RDF building (KnowledgeGraph.add)
  extraction_vs_spacy      their ratio (target ≥ 0.75: our work costs at most a quarter on top)
  pipeline_share           geokg's spaCy pipeline (with its rule components) / bare spaCy time
  rules_share              extraction rules' time / bare spaCy time
  rdf_share                RDF building's time / bare spaCy time

`benchmarks/extraction_bench.py` measures the same on a template corpus that is much denser
in names and events than news (every sentence has a title, two states and an event), an
upper bound on the rules' cost.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DEFAULT = ROOT.parent / "shared" / "eval" / "dev"


def news_texts(paths: list[Path]) -> list[tuple[str, str]]:
    """(id, text) of every document under `paths`."""
    from kg.ingest import iter_documents

    out: list[tuple[str, str]] = []
    others = []
    for path in paths:
        gold = sorted(path.glob("*.json")) if path.is_dir() else [path] if path.suffix == ".json" else []
        for f in gold:
            data = json.loads(f.read_text(encoding="utf-8"))
            if isinstance(data, dict) and isinstance(data.get("text"), str):
                out.append((f.stem, data["text"]))
        if not gold:
            others.append(path)
    if others:
        out += [(d.id, d.text) for d in iter_documents(others)]
    return out


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("paths", nargs="*", type=Path)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--model", default=None)
    args = ap.parse_args(argv)

    import spacy

    from kg.extract.extractor import extract
    from kg.graph.store import KnowledgeGraph
    from kg.ingest.readers import make_document
    from kg.nlp.pipeline import load_pipeline, resolve_model

    paths = args.paths or ([DEFAULT] if DEFAULT.is_dir() else [ROOT / "examples"])
    base = news_texts(paths)
    if not base:
        raise SystemExit(f"no documents under {', '.join(map(str, paths))}")
    texts = [(f"{i}-{doc_id}", text) for i in range(args.repeat) for doc_id, text in base]
    words = sum(len(t.split()) for _i, t in texts)
    bare = spacy.load(resolve_model(args.model))
    ours = load_pipeline(args.model)
    list(bare.pipe([t for _i, t in texts[:5]]))  # warm up both
    list(ours.pipe([t for _i, t in texts[:5]]))

    # bare and ours take turns over the same documents, so that a change in machine load
    # during the run weighs on both alike
    kg = KnowledgeGraph()
    spacy_s = nlp_s = rules_s = rdf_s = 0.0
    for round_ in range(args.repeat):
        batch = texts[round_ * len(base):(round_ + 1) * len(base)]
        start = time.perf_counter()
        for _doc in bare.pipe((t for _i, t in batch), batch_size=32):
            pass
        spacy_s += time.perf_counter() - start
        docs = [make_document(t, doc_id=i) for i, t in batch]
        start = time.perf_counter()
        for spacy_doc, document in ours.pipe(((d.text, d) for d in docs), as_tuples=True, batch_size=32):
            t0 = time.perf_counter()
            nlp_s += t0 - start
            extraction = extract(spacy_doc, document)
            t1 = time.perf_counter()
            kg.add(document, extraction)
            t2 = time.perf_counter()
            rules_s += t1 - t0
            rdf_s += t2 - t1
            start = time.perf_counter()
    total = nlp_s + rules_s + rdf_s

    print(f"documents: {len(texts)}")
    print(f"words: {words}")
    print(f"spacy_only_words_per_s: {words / spacy_s:.0f}")
    print(f"extraction_words_per_s: {words / total:.0f}")
    print(f"extraction_vs_spacy: {spacy_s / total:.3f}")
    print(f"pipeline_share: {nlp_s / spacy_s:.3f}")
    print(f"rules_share: {rules_s / spacy_s:.3f}")
    print(f"rdf_share: {rdf_s / spacy_s:.3f}")
    print(f"facts: {kg.stats().relations}")


if __name__ == "__main__":
    main()
