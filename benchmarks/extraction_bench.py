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
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TEMPLATES = [
    "{p1}, the President of {c1}, met {c2}'s Foreign Minister {p2} in {cap} on Monday.",
    "The {a1} Foreign Ministry condemned {c2} for the attack on its border posts.",
    "{c1} and {c2} signed a defence agreement and agreed to restore diplomatic ties.",
    "{a1} forces shelled villages in the {a2} town of {town}, officials said.",
    "{c1} imposed sanctions on {c2} after talks between the two countries collapsed.",
    "Defence Minister {p1} arrived in {c2} to meet with his {a2} counterpart {p2}.",
    "{c1} did not attack {c2}, the spokesman said, and called on {c3} to show restraint.",
    "{c1} and {c2} share a border of more than 900 kilometres.",
]


def corpus(n_docs: int, seed: int = 7) -> list[str]:
    """`n_docs` synthetic articles of ~120 words from templates and gazetteer names."""
    from kg.resolve.gazetteer import load_gazetteer

    gaz = load_gazetteer()
    rng = random.Random(seed)
    countries = [c for c in gaz.countries.values() if c.adjectives and c.capitals and not c.historical]
    people = [p.name for p in list(gaz.people.values())[:400]]
    example = (ROOT / "examples").glob("*.txt")
    docs = [p.read_text(encoding="utf-8") for p in example]
    while len(docs) < n_docs:
        lines = []
        for template in rng.sample(TEMPLATES, 6):
            c1, c2, c3 = rng.sample(countries, 3)
            lines.append(template.format(
                p1=rng.choice(people), p2=rng.choice(people), c1=c1.name, c2=c2.name, c3=c3.name,
                a1=c1.adjectives[0], a2=c2.adjectives[0], cap=c1.capitals[0], town=rng.choice(["Karsa", "Mirab", "Tolun"])))
        docs.append("Dispatch\n\n" + " ".join(lines))
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
