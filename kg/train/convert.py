"""Convert the open corpora in ``../shared/data`` into spaCy ``DocBin`` files.

Outputs (in the corpus directory, default ``kg/train/corpus/``, gitignored):

* ``train.spacy`` — EWT train (+ UNER train NER aligned by sent_id), GUM train documents
  (tags, parse, named mentions as NER), re3d (NER only), plus augmented copies
  (:mod:`kg.train.augment`).
* ``dev.spacy`` — EWT dev (+ UNER dev) and GUM dev documents.
* ``ewt_test.spacy`` — EWT test with UNER test NER (the UD / UNER test numbers).
* ``gum_news_test.spacy`` — the GUM news (Wikinews) documents of the test split, one Doc per
  document, paragraphs separated by newline tokens (title and dateline are paragraphs);
  ``gum_news_test_lines.spacy`` — the same, with unpunctuated sentences (the Wikinews
  category links, source lines) also on lines of their own, as extracted web text has them.

Documents are chunked into Docs of ~10 sentences (at paragraph starts where possible) so the
parser learns sentence boundaries. Paragraph breaks become a ``"\\n"`` token (tag ``_SP``,
POS ``SPACE``, attached to the preceding token) in training data, as spaCy's tokenizer
produces for real text.
"""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Iterable, Iterator

import spacy
from spacy.tokens import Doc, DocBin
from spacy.util import filter_spans

from kg.train.augment import augment_sentences
from kg.train.synth import synth_sentences
from kg.train.conllu import Sentence, named_mentions, read_conllu, read_iob2, spans_to_iob

DATA = Path(__file__).resolve().parents[3] / "shared" / "data"
RE3D_TYPES = {"Person": "PERSON", "Organisation": "ORG", "Location": "LOC"}


FINAL_PUNCT = {".", "!", "?", '"', "'", "”", "“", "’", ")", ";", "..."}


def make_doc(vocab, sents: list[Sentence], *, newlines: bool, lines: bool = False) -> Doc:
    """Build one Doc (tags, morphs, lemmas, parse, NER where known) from sentences.

    ``newlines``: a paragraph break becomes a newline token. ``lines``: also a sentence
    without final punctuation (heading, dateline, list item, link list) ends its line.
    """
    words, spaces, tags, pos, morphs, lemmas, heads, deps, ents = ([] for _ in range(9))
    for k, sent in enumerate(sents):
        line_end = lines and k and sents[k - 1].words[-1] not in FINAL_PUNCT
        if k and newlines and (sent.newpar or line_end):
            spaces[-1] = False
            words.append("\n"), spaces.append(False), tags.append("_SP"), pos.append("SPACE")
            morphs.append(""), lemmas.append("\n"), heads.append(len(words) - 2)
            deps.append("dep"), ents.append("O" if sent.ents is not None else None)
        elif k and not spaces[-1]:
            spaces[-1] = True
        offset = len(words)
        words += sent.words
        spaces += sent.spaces
        tags += sent.xpos
        pos += sent.upos
        morphs += sent.feats
        lemmas += sent.lemmas
        heads += [h + offset for h in sent.heads]
        deps += sent.deps
        ents += sent.ents if sent.ents is not None else [None] * len(sent.words)
    spaces[-1] = False
    if all(e is None for e in ents):
        ents = None
    return Doc(vocab, words=words, spaces=spaces, tags=tags, pos=pos, morphs=morphs,
               lemmas=lemmas, heads=heads, deps=deps, ents=ents)


def chunk(sents: Iterable[Sentence], size: int = 10) -> Iterator[list[Sentence]]:
    """Group sentences into Docs: same document, ~``size`` sentences, cut at paragraphs."""
    buf: list[Sentence] = []
    for sent in sents:
        if buf and (sent.doc_id != buf[0].doc_id
                    or (len(buf) >= size and sent.newpar) or len(buf) >= 2 * size):
            yield buf
            buf = []
        buf.append(sent)
    if buf:
        yield buf


def ewt_sentences(split: str) -> list[Sentence]:
    """EWT sentences of a split with UNER NER attached where the words match."""
    sents = list(read_conllu(DATA / "ud-english-ewt" / f"en_ewt-ud-{split}.conllu"))
    uner_dir = DATA / "uner-english-ewt"
    name = ("en_ewt-ud-train.prerelease-20221202.PER-ORG-LOC.iob2" if split == "train"
            else f"en_ewt-ud-{split}.iob2")
    uner = read_iob2(uner_dir / name)
    for sent in sents:
        words_tags = uner.get(sent.sent_id)
        if words_tags and words_tags[0] == sent.words:
            sent.ents = words_tags[1]
    return sents


def gum_documents(split: str, *, genre: str | None = None) -> list[list[Sentence]]:
    """GUM documents (present in the CC BY subset) of a split, with named-mention NER."""
    gum = DATA / "ud-english-gum"
    docs = []
    for name in (gum / f"files.{split}").read_text().split():
        path = gum / "documents" / f"{name}.conllu"
        if not path.exists() or (genre and not name.startswith(f"GUM_{genre}_")):
            continue
        sents = list(read_conllu(path))
        for sent in sents:
            sent.doc_id = name
            sent.ents = spans_to_iob(len(sent.words), named_mentions(sent))
        docs.append(sents)
    return docs


def re3d_docs(nlp, *, min_confidence: float = 0.5) -> list[Doc]:
    """re3d documents (NER only) with Person/Organisation/Location entities."""
    out = []
    for folder in sorted(p for p in (DATA / "re3d").iterdir() if p.is_dir()):
        ents_by_doc: dict[str, list[dict]] = {}
        for line in (folder / "entities.json").read_text(encoding="utf-8").splitlines():
            if line.strip():
                ent = json.loads(line)
                ents_by_doc.setdefault(ent["documentId"], []).append(ent)
        for line in (folder / "documents.json").read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            rec = json.loads(line)
            doc = nlp.make_doc(rec["text"])
            spans = []
            for ent in ents_by_doc.get(rec["_id"], []):
                label = RE3D_TYPES.get(ent["type"])
                if not label or ent["confidence"] < min_confidence:
                    continue
                span = doc.char_span(ent["begin"], ent["end"], label=label,
                                     alignment_mode="expand")
                while span is not None and len(span) > 1 and span[0].lower_ in ("the", "a", "an"):
                    span = doc[span.start + 1:span.end]
                while span is not None and len(span) > 1 and span[-1].text in ("'s", "’s", "."):
                    span = doc[span.start:span.end - 1]
                if span is None or not span.text[:1].isupper():
                    continue
                spans.append(doc[span.start:span.end])
                spans[-1].label_ = label
            doc.set_ents(filter_spans(spans), default="outside")
            out.append(doc)
    return out


def convert(out_dir: Path, *, seed: int = 0, augment: bool = True, n_synth: int = 500) -> dict[str, int]:
    """Write all DocBins into ``out_dir``; return the number of Docs per file."""
    out_dir.mkdir(parents=True, exist_ok=True)
    nlp = spacy.blank("en")
    rng = random.Random(seed)
    counts = {}

    train_sents = ewt_sentences("train")
    gum_train = gum_documents("train")
    train = [make_doc(nlp.vocab, c, newlines=True) for c in chunk(train_sents)]
    for doc_sents in gum_train:
        train += [make_doc(nlp.vocab, c, newlines=True) for c in chunk(doc_sents)]
    train += re3d_docs(nlp)
    if augment:
        pool = train_sents + [s for d in gum_train for s in d]
        for group in augment_sentences(pool, rng=rng):
            train.append(make_doc(nlp.vocab, group, newlines=True))
        synth = synth_sentences(n_synth, rng=rng)
        for k in range(0, len(synth), 5):
            train.append(make_doc(nlp.vocab, synth[k:k + 5], newlines=False))
    rng.shuffle(train)
    bins = {"train": train}

    dev = [make_doc(nlp.vocab, c, newlines=False) for c in chunk(ewt_sentences("dev"))]
    for doc_sents in gum_documents("dev"):
        dev += [make_doc(nlp.vocab, c, newlines=True) for c in chunk(doc_sents)]
    bins["dev"] = dev
    for name, docs in {**bins, **eval_bins(nlp)}.items():
        DocBin(docs=docs, store_user_data=False).to_disk(out_dir / f"{name}.spacy")
        counts[name] = len(docs)
    return counts


def eval_bins(nlp) -> dict[str, list[Doc]]:
    """The held-out evaluation Docs (EWT test + UNER test, GUM test / news test)."""
    news = gum_documents("test", genre="news")
    ewt = list(chunk(ewt_sentences("test")))
    return {
        "ewt_test": [make_doc(nlp.vocab, c, newlines=False) for c in ewt],
        # the same chunks with the source's paragraph breaks as newlines (text only: scored
        # against the ewt_test gold, see evaluate.py)
        "ewt_test_paragraphs": [make_doc(nlp.vocab, c, newlines=True) for c in ewt],
        "gum_news_test": [make_doc(nlp.vocab, d, newlines=True) for d in news],
        "gum_news_test_lines": [make_doc(nlp.vocab, d, newlines=True, lines=True) for d in news],
        "gum_test": [make_doc(nlp.vocab, c, newlines=True)
                     for d in gum_documents("test") for c in chunk(d)],
    }
