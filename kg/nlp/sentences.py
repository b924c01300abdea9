"""Sentence-boundary rules for news text, run before the parser (``kg_sentences``).

The parser decides sentence boundaries, but it respects boundaries that are already set, so
this component fixes only the cases we are sure about:

* a newline starts a sentence: titles, datelines, standfirsts and captions are sentences of
  their own (the whitespace token stays with the sentence before it);
* after a title or other abbreviation ("Gen.", "Lt.", "Mr.", "U.S.", "No. 5", initials
  such as "J.") no sentence starts;
* a quote belongs to the sentence on its attached side: no sentence starts at a closing
  quote (`decision.” However`) or right after an opening one; an opening quote after a full
  stop and before a capital starts one (`location. "Like many`);
* a web page's list label at the start of a line ("Categories:", "Tags:", "See also:",
  "Sources:") is a sentence of its own: what follows is a list, not the label's predicate;
* in edited text a sentence never starts right after a word, a comma or an opening bracket
  on the same line (no sentence-final punctuation in between) — this stops splits such as
  "General Said | Mansouri has arrived". Call :func:`set_sentence_starts` with
  ``after_word=False`` for unpunctuated web or chat text.

Everything else (``is_sent_start`` left as ``None``) is the parser's decision.

Usage::

    import kg.nlp.sentences  # registers the component
    nlp.add_pipe("kg_sentences", before="parser")
"""

from __future__ import annotations

import re

import numpy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc, Token

ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "brig", "capt", "cpt", "sgt",
    "cpl", "pvt", "adm", "cmdr", "cdr", "gov", "sen", "rep", "pres", "amb", "sec", "rev",
    "hon", "st", "mt", "ft", "no", "nos", "vol", "art", "fig", "sr", "messrs", "mme", "mlle",
    "gens", "sens", "reps", "govs", "cols", "lts", "sgts", "supt", "insp", "det", "cmdr",
    "jan", "feb", "mar", "apr", "aug", "sep", "sept", "oct", "nov", "dec", "vs", "v", "approx",
    "dept", "univ", "assn", "bros", "est", "al", "op", "cf",
}
QUOTES = {'"', "“", "”", "'", "‘", "’", "«", "»", "``", "''"}
# Abbreviations that often end a sentence too: no rule, the parser decides.
_INITIALS = re.compile(r"^(?:[A-Z]\.)+$|^(?:[A-Za-z]\.){2,}$")
_FINAL = {".", "!", "?", "…", "...", ":", ";", '"', "”", "’", "'", ")", "]", "»", "''", "--",
          "—", "–", "|", "•", "*"}


def _is_abbreviation(doc: Doc, i: int) -> bool:
    """Whether token ``i`` (with the dot, possibly split off) ends in a non-final abbreviation."""
    tok = doc[i]
    text = tok.text
    if text == "." and i > 0 and not doc[i - 1].whitespace_:
        text = doc[i - 1].text + "."
    if not text.endswith(".") or len(text) < 2:
        return False
    stem = text[:-1].lower()
    if stem in ABBREVIATIONS:
        if stem in ("no", "nos", "art", "vol", "fig", "op") and i + 1 < len(doc):
            return doc[i + 1].like_num  # "No. 5" but "He said no."
        return True
    return bool(_INITIALS.match(text)) and text.upper() == text


def _line_label(doc: Doc, colon: int) -> str:
    """The lower-cased words from the start of the line to the colon at ``colon`` (or "")."""
    k = colon
    while k > 0 and not doc[k - 1].is_space and colon - k < 4:
        k -= 1
    if k > 0 and not doc[k - 1].is_space:
        return ""
    return " ".join(t.lower_ for t in doc[k:colon])


def _ends_sentence(tok: Token) -> bool:
    return tok.text in _FINAL or tok.is_space or not (tok.is_alpha or tok.is_digit
                                                      or tok.text in {",", "(", "[", "-", "&", "/"})


_STOPS = {".", "!", "?"}
# Labels that open a list of links or sources on a news page (lower case, without the colon).
PAGE_LABELS = {"categories", "category", "tags", "tag", "topics", "related", "related articles",
               "related news", "related stories", "see also", "sources", "source", "filed under",
               "external links", "read more", "more on this story"}
_NO = numpy.uint64(2**64 - 1)  # -1 ("not a sentence start") as Doc arrays store it


def set_sentence_starts(doc: Doc, *, after_word: bool = True) -> Doc:
    """Set ``is_sent_start`` where the rules are sure (see the module docstring).

    The decisions are written in one `Doc.from_array` call: setting `Token.is_sent_start`
    one token at a time checks the whole document each time (quadratic in its length).
    """
    n = len(doc)
    starts = doc.to_array([SENT_START]).reshape(-1, 1)
    for i in range(1, n):
        tok, prev = doc[i], doc[i - 1]
        if tok.is_space:
            starts[i, 0] = _NO
        elif "\n" in prev.text and prev.is_space:
            starts[i, 0] = 1
        elif tok.text in QUOTES and prev.text in _STOPS and prev.whitespace_ and not tok.whitespace_ \
                and i + 1 < n and doc[i + 1].text[:1].isupper() and not _is_abbreviation(doc, i - 1):
            starts[i, 0] = 1  # an opening quote after a full stop: `location. "Like many`
        elif tok.text in QUOTES and not prev.whitespace_ and not prev.is_space \
                and (tok.whitespace_ or i + 1 == n):
            starts[i, 0] = _NO  # closing quote: `decision.” However`
        elif prev.text in QUOTES and not prev.whitespace_ \
                and (i < 2 or doc[i - 2].whitespace_ or doc[i - 2].is_space):
            starts[i, 0] = _NO  # after an opening quote: `location. "Like`
        elif _is_abbreviation(doc, i - 1):
            starts[i, 0] = _NO
        elif tok.text == "." and not prev.whitespace_ and prev.text.lower() in ABBREVIATIONS:
            starts[i, 0] = _NO
        elif prev.text == ":" and _line_label(doc, i - 1) in PAGE_LABELS:
            starts[i, 0] = 1
        elif after_word and not _ends_sentence(prev):
            starts[i, 0] = _NO
    doc.from_array([SENT_START], starts)
    return doc


@Language.component("kg_sentences")
def kg_sentences(doc: Doc) -> Doc:
    """spaCy component: :func:`set_sentence_starts` with the news defaults."""
    return set_sentence_starts(doc)
