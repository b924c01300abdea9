"""Extraction speed against the bare spaCy pipeline, on the same documents in the same run.

    python benchmarks/extraction_bench.py [--docs N] [--model NAME_OR_PATH]

Prints `name: value` lines:
  spacy_only_words_per_s   the statistical pipeline alone (nlp.pipe, no geokg components)
  extraction_words_per_s   geokg's pipeline + extraction + RDF building
  extraction_vs_spacy      their ratio (target ≥ 0.75: rules and RDF cost at most a quarter)
The corpus is our own example article plus sentences generated from templates and the
gazetteer's names (no evaluation text).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

def corpus(n_docs: int, seed: int = 7) -> list[str]:
    """Our example article, then synthetic articles from `benchmarks/corpus.py` (templates and
    the gazetteer's names)."""
    from corpus import generate  # benchmarks/corpus.py, beside this file

    docs = [p.read_text(encoding="utf-8") for p in (ROOT / "examples").glob("*.txt")]
    docs += [record["text"] for record in generate(max(0, n_docs - len(docs)), seed=seed)]
    return docs[:n_docs]


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=300)
    ap.add_argument("--model", default=None)
    args = ap.parse_args(argv)

    import spacy

    from kg.extract.extractor import extract
    from kg.graph.store import KnowledgeGraph
    from kg.ingest.readers import make_document
    from kg.nlp.pipeline import load_pipeline, resolve_model

    texts = corpus(args.docs)
    words = sum(len(t.split()) for t in texts)
    bare = spacy.load(resolve_model(args.model))
    ours = load_pipeline(args.model)
    list(bare.pipe(texts[:20]))  # warm up both
    list(ours.pipe(texts[:20]))

    start = time.perf_counter()
    for _doc in bare.pipe(texts, batch_size=32):
        pass
    spacy_s = time.perf_counter() - start

    start = time.perf_counter()
    kg = KnowledgeGraph()
    docs = [make_document(t, doc_id=f"d{i}") for i, t in enumerate(texts)]
    for spacy_doc, document in ours.pipe(((d.text, d) for d in docs), as_tuples=True, batch_size=32):
        kg.add(document, extract(spacy_doc, document))
    ours_s = time.perf_counter() - start

    print(f"documents: {len(texts)}")
    print(f"words: {words}")
    print(f"spacy_only_words_per_s: {words / spacy_s:.0f}")
    print(f"extraction_words_per_s: {words / ours_s:.0f}")
    print(f"extraction_vs_spacy: {spacy_s / ours_s:.3f}")
    print(f"facts: {kg.stats().relations}")


if __name__ == "__main__":
    main()
