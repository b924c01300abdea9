"""Throughput of the shipped spaCy pipeline, single process.

Prints ``name: value`` lines. Text: the UD EWT test sentences from ``../shared/data`` (read in
place), grouped into ~10-sentence documents; falls back to a few generated news-like
paragraphs when the data is absent.

    python benchmarks/model_speed.py [--model kg/models/en_geokg] [--repeat 2]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import spacy

ROOT = Path(__file__).resolve().parents[1]
EWT_TEST = ROOT.parent / "shared" / "data" / "ud-english-ewt" / "en_ewt-ud-test.conllu"


def load_texts() -> list[str]:
    """~10-sentence documents of EWT test text (or generated text if the data is missing)."""
    if EWT_TEST.exists():
        sents = [line[len("# text = "):].strip()
                 for line in EWT_TEST.read_text(encoding="utf-8").splitlines()
                 if line.startswith("# text = ")]
    else:
        sents = [f"Officials from country number {i} met the foreign minister in the capital on "
                 f"Tuesday to discuss trade, security and the border dispute." for i in range(2000)]
    return [" ".join(sents[i:i + 10]) for i in range(0, len(sents), 10)]


def measure(nlp, texts: list[str], repeat: int) -> tuple[int, float]:
    """Return (words processed, seconds) for ``repeat`` passes of ``nlp.pipe``."""
    list(nlp.pipe(texts[:5]))  # warm-up
    words, start = 0, time.perf_counter()
    for _ in range(repeat):
        for doc in nlp.pipe(texts, batch_size=64):
            words += sum(1 for t in doc if not t.is_space)
    return words, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--model", default=str(ROOT / "kg" / "models" / "en_geokg"))
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    texts = load_texts()
    nlp = spacy.load(args.model)
    words, seconds = measure(nlp, texts, args.repeat)
    print(f"model: {args.model}")
    print(f"pipeline: {','.join(nlp.pipe_names)}")
    print(f"documents: {len(texts) * args.repeat}")
    print(f"words: {words}")
    print(f"seconds: {seconds:.2f}")
    print(f"words_per_second: {words / seconds:.0f}")
    try:
        import kg.nlp.sentences  # noqa: F401

        nlp.add_pipe("kg_sentences", before="parser")
        words, seconds = measure(nlp, texts, args.repeat)
        print(f"words_per_second_with_kg_sentences: {words / seconds:.0f}")
    except ImportError:
        pass


if __name__ == "__main__":
    main()
