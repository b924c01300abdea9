"""Held-out evaluation of a trained pipeline: EWT test, UNER test, GUM news test documents.

All numbers come from spaCy's own scorer (``Language.evaluate``) on raw text: the pipeline
tokenizes ``doc.text`` itself and is aligned to the gold tokens, as in ``spacy evaluate``.

* ``ewt_test`` — UD EWT test (tags, UPOS, morphology, lemmas, UAS/LAS, sentences; chunks of
  ~10 sentences joined by spaces) with UNER test entities (PERSON/ORG/LOC): the model alone.
* ``ewt_test_paragraphs`` — the same gold, but the text keeps the source's paragraph breaks
  as newlines (as real documents have them); model alone.
* ``gum_news_test`` — the Wikinews documents of GUM's test split, whole documents with
  newline-separated paragraphs, evaluated with ``kg_sentences`` added before the parser
  (``sents_f``) and without it (``sents_f_without_rules``); ``gum_news_test_lines`` puts
  unpunctuated sentences (category links, source lines) on lines of their own.
"""

from __future__ import annotations

import time
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import DocBin
from spacy.training import Example

KEYS = ("tag_acc", "pos_acc", "morph_acc", "lemma_acc", "dep_uas", "dep_las", "sents_p",
        "sents_r", "sents_f", "ents_p", "ents_r", "ents_f")


def _examples(nlp: Language, path: Path, text_from: Path | None = None) -> list[Example]:
    """Raw-text examples; ``text_from``: take each text from this DocBin instead (same words)."""
    docs = list(DocBin().from_disk(path).get_docs(nlp.vocab))
    texts = [d.text for d in (DocBin().from_disk(text_from).get_docs(nlp.vocab) if text_from
                              else docs)]
    return [Example(nlp.make_doc(text), doc) for text, doc in zip(texts, docs)]


def _scores(nlp: Language, examples: list[Example]) -> dict:
    raw = nlp.evaluate(examples)
    out = {k: round(float(raw[k]), 4) for k in KEYS if raw.get(k) is not None}
    if raw.get("ents_per_type"):
        out["ents_per_type"] = {label: {k: round(float(v), 4) for k, v in prf.items()}
                                for label, prf in raw["ents_per_type"].items()}
    return out


def words_per_second(nlp: Language, texts: list[str], *, repeat: int = 1) -> float:
    """Single-process throughput of ``nlp.pipe`` over ``texts`` (words = non-space tokens)."""
    start, words = time.perf_counter(), 0
    for _ in range(repeat):
        for doc in nlp.pipe(texts, batch_size=64):
            words += sum(1 for t in doc if not t.is_space)
    return words / (time.perf_counter() - start)


def evaluate_model(model: Path | str, corpus: Path) -> dict:
    """Evaluate the pipeline at ``model`` on the held-out DocBins in ``corpus``."""
    import kg.nlp.sentences  # noqa: F401  (registers kg_sentences)

    nlp = spacy.load(model)
    result: dict = {}
    ewt = _examples(nlp, corpus / "ewt_test.spacy")
    result["ewt_test"] = _scores(nlp, ewt)
    for name in ("gum_news_test", "gum_news_test_lines", "gum_test"):
        if not (corpus / f"{name}.spacy").exists():
            continue
        examples = _examples(nlp, corpus / f"{name}.spacy")
        plain = _scores(nlp, examples)
        nlp_rules = spacy.load(model)
        nlp_rules.add_pipe("kg_sentences", before="parser")
        ruled = _scores(nlp_rules, examples)
        result[name] = {**{k: v for k, v in ruled.items()},
                        "sents_f_without_rules": plain.get("sents_f")}
    texts = [eg.reference.text for eg in ewt]
    nlp_rules = spacy.load(model)
    nlp_rules.add_pipe("kg_sentences", before="parser")
    result["ewt_test_with_rules"] = {
        k: v for k, v in _scores(nlp_rules, ewt).items() if k in ("sents_f", "dep_uas", "dep_las")}
    if (corpus / "ewt_test_paragraphs.spacy").exists():
        paragraphs = _examples(nlp, corpus / "ewt_test.spacy", corpus / "ewt_test_paragraphs.spacy")
        result["ewt_test_paragraphs"] = {
            k: v for k, v in _scores(nlp, paragraphs).items()
            if k in ("sents_f", "dep_uas", "dep_las", "ents_f")}
    result["words_per_second"] = round(words_per_second(nlp, texts))
    return result


def scores_table(result: dict) -> str:
    """A Markdown table of the headline numbers."""
    ewt, news = result.get("ewt_test", {}), result.get("gum_news_test", {})
    rows = [
        ("EWT test UAS", ewt.get("dep_uas")), ("EWT test LAS", ewt.get("dep_las")),
        ("EWT test TAG (PTB)", ewt.get("tag_acc")), ("EWT test UPOS", ewt.get("pos_acc")),
        ("EWT test lemma", ewt.get("lemma_acc")), ("EWT test sentence F (model)", ewt.get("sents_f")),
        ("EWT test sentence F (with kg_sentences)",
         result.get("ewt_test_with_rules", {}).get("sents_f")),
        ("EWT test with the source's paragraph breaks: UAS",
         result.get("ewt_test_paragraphs", {}).get("dep_uas")),
        ("EWT test with the source's paragraph breaks: LAS",
         result.get("ewt_test_paragraphs", {}).get("dep_las")),
        ("EWT test with the source's paragraph breaks: sentence F",
         result.get("ewt_test_paragraphs", {}).get("sents_f")),
        ("UNER EWT test NER F", ewt.get("ents_f")),
    ]
    for label, prf in sorted(ewt.get("ents_per_type", {}).items()):
        rows.append((f"UNER EWT test {label} F", prf.get("f")))
    rows += [
        ("GUM news test NER F", news.get("ents_f")),
        ("GUM news test sentence F (with kg_sentences)", news.get("sents_f")),
        ("GUM news test sentence F (model alone)", news.get("sents_f_without_rules")),
        ("GUM news test, unpunctuated lines as lines: sentence F (with kg_sentences)",
         result.get("gum_news_test_lines", {}).get("sents_f")),
        ("GUM test (all genres) NER F", result.get("gum_test", {}).get("ents_f")),
        ("words/s (EWT test, 1 process)", result.get("words_per_second")),
    ]
    lines = ["| measure | score |", "|---|---|"]
    for label, value in rows:
        if isinstance(value, float) and value <= 1:
            value = f"{value:.3f}"
        lines.append(f"| {label} | {value} |")
    return "\n".join(lines)
