"""Synthetic, fully annotated training sentences of the "Title First Last has verb-ed" shape.

Why: the baseline split "General Said Chengriha has arrived…" at "Said" (read as the verb
"said") and mis-tagged the name. Gold treebanks have few long title chains before a name,
so we generate a modest number of sentences from our own templates, hand-annotated in UD
style (as EWT/GUM annotate "President Bill Clinton says": the title is ``nmod:desc`` of the
first name, which heads the name and carries the subject relation; the surname is ``flat``).
Slots are filled with names only (our own first-name / surname lists, country names and
demonyms from ``countries.json``); no sentence is taken from any evaluation set.

A token is ``(key, word, xpos, upos, head_key, dep, ent)``; keys are resolved to indices.
"""

from __future__ import annotations

import json
import random

from kg.train.augment import AMBIGUOUS_FIRST, DATA, OTHER_FIRST, SURNAMES, country_names
from kg.train.conllu import Sentence, spans_to_iob

LEMMAS = {"has": "have", "was": "be", "arrived": "arrive", "met": "meet", "said": "say",
          "received": "receive", "troops": "troop"}
TITLES = [  # (words, xpos, upos, relation to the next word or to the first name)
    [("General", "NNP", "PROPN", "F", "nmod:desc")],
    [("President", "NNP", "PROPN", "F", "nmod:desc")],
    [("Gen.", "NNP", "PROPN", "F", "nmod:desc")],
    [("Lt.", "NNP", "PROPN", "+1", "compound"), ("Gen.", "NNP", "PROPN", "F", "nmod:desc")],
    [("Foreign", "JJ", "ADJ", "+1", "amod"), ("Minister", "NNP", "PROPN", "F", "nmod:desc")],
    [("Defense", "NNP", "PROPN", "+1", "compound"), ("Minister", "NNP", "PROPN", "F", "nmod:desc")],
    [("Prime", "JJ", "ADJ", "+1", "amod"), ("Minister", "NNP", "PROPN", "F", "nmod:desc")],
    [("Colonel", "NNP", "PROPN", "F", "nmod:desc")],
    [("Admiral", "NNP", "PROPN", "F", "nmod:desc")],
    [("Ambassador", "NNP", "PROPN", "F", "nmod:desc")],
]


def _title(rng: random.Random, prefix: str, demonym: str) -> list[tuple]:
    """Title tokens for a name whose first-name key is ``prefix + 'F'``."""
    toks = []
    if rng.random() < 0.3:  # "Chief of Staff of the Xian Army General"
        toks += [("c1", "Chief", "NNP", "PROPN", "F", "nmod:desc", "O"),
                 ("c2", "of", "IN", "ADP", "c3", "case", "O"),
                 ("c3", "Staff", "NNP", "PROPN", "c1", "nmod", "O"),
                 ("c4", "of", "IN", "ADP", "c7", "case", "O"),
                 ("c5", "the", "DT", "DET", "c7", "det", "O"),
                 ("c6", demonym, "JJ", "ADJ", "c7", "amod", "B-ORG"),
                 ("c7", "Army", "NNP", "PROPN", "c3", "nmod", "I-ORG"),
                 ("c8", "General", "NNP", "PROPN", "F", "nmod:desc", "O")]
    else:
        chosen = rng.choice(TITLES)
        if rng.random() < 0.3:
            toks.append(("d0", demonym, "JJ", "ADJ", f"t{len(chosen) - 1}", "amod", "O"))
        for i, (word, xpos, upos, head, dep) in enumerate(chosen):
            toks.append((f"t{i}", word, xpos, upos, f"t{i + 1}" if head == "+1" else "F", dep, "O"))
    return [(prefix + k, w, x, u, prefix + h, d, e) for k, w, x, u, h, d, e in toks]


def _name(rng: random.Random, prefix: str, head: str, dep: str) -> list[tuple]:
    first = rng.choice(AMBIGUOUS_FIRST if rng.random() < 0.6 else OTHER_FIRST)
    return [(prefix + "F", first, "NNP", "PROPN", head, dep, "B-PERSON"),
            (prefix + "L", rng.choice(SURNAMES), "NNP", "PROPN", prefix + "F", "flat", "I-PERSON")]


def _body(rng: random.Random, c1: str, c2: str, demonym: str) -> tuple[str, list[tuple]]:
    """(subject relation, predicate tokens); the root token has key "V"."""
    kind = rng.randrange(5)
    if kind == 0:
        obj = _title(rng, "o", demonym) + _name(rng, "o", "m", "obl")
        det = [("od", "the", "DT", "DET", "oF", "det", "O")] if rng.random() < 0.5 else []
        return "nsubj", [("a", "has", "VBZ", "AUX", "V", "aux", "O"),
                         ("V", "arrived", "VBN", "VERB", "V", "ROOT", "O"),
                         ("i", "in", "IN", "ADP", "C", "case", "O"),
                         ("C", c1, "NNP", "PROPN", "V", "obl", "B-LOC"),
                         ("t", "to", "TO", "PART", "m", "mark", "O"),
                         ("m", "meet", "VB", "VERB", "V", "advcl", "O"),
                         ("w", "with", "IN", "ADP", "oF", "case", "O")] + det + obj
    if kind == 1:
        obj = _title(rng, "o", demonym) + _name(rng, "o", "V", "obj")
        return "nsubj", [("V", "met", "VBD", "VERB", "V", "ROOT", "O")] + obj + [
            ("i", "in", "IN", "ADP", "C", "case", "O"),
            ("C", c1, "NNP", "PROPN", "V", "obl", "B-LOC"),
            ("n", "on", "IN", "ADP", "D", "case", "O"),
            ("D", rng.choice(["Monday", "Tuesday", "Friday"]), "NNP", "PROPN", "V", "obl", "O")]
    if kind == 2:
        return "nsubj", [("V", "said", "VBD", "VERB", "V", "ROOT", "O"),
                         ("h", "that", "IN", "SCONJ", "s", "mark", "O"),
                         ("C", c1, "NNP", "PROPN", "s", "nsubj", "B-LOC"),
                         ("w", "would", "MD", "AUX", "s", "aux", "O"),
                         ("s", "send", "VB", "VERB", "V", "ccomp", "O"),
                         ("r", "troops", "NNS", "NOUN", "s", "obj", "O"),
                         ("i", "to", "IN", "ADP", "C2", "case", "O"),
                         ("C2", c2, "NNP", "PROPN", "s", "obl", "B-LOC")]
    if kind == 3:
        return "nsubj", [("w", "will", "MD", "AUX", "V", "aux", "O"),
                         ("V", "visit", "VB", "VERB", "V", "ROOT", "O"),
                         ("C", c1, "NNP", "PROPN", "V", "obj", "B-LOC"),
                         ("n", "next", "JJ", "ADJ", "k", "amod", "O"),
                         ("k", "week", "NN", "NOUN", "V", "obl:tmod", "O")]
    agent = _title(rng, "o", demonym) + _name(rng, "o", "V", "obl:agent")
    return "nsubj:pass", [("a", "was", "VBD", "AUX", "V", "aux:pass", "O"),
                          ("V", "received", "VBN", "VERB", "V", "ROOT", "O"),
                          ("b", "by", "IN", "ADP", "oF", "case", "O")] + agent + [
                          ("i", "in", "IN", "ADP", "C", "case", "O"),
                          ("C", c1, "NNP", "PROPN", "V", "obl", "B-LOC")]


def demonyms() -> list[str]:
    """English demonyms (adjectives) of countries, e.g. "Algerian"."""
    try:
        rows = json.loads((DATA / "countries" / "countries.json").read_text(encoding="utf-8"))
        out = {r.get("demonyms", {}).get("eng", {}).get("m", "") for r in rows}
        return sorted(d for d in out if d.isalpha())
    except OSError:
        return ["Algerian", "Nigerien", "French"]


def _expand_countries(toks: list[tuple]) -> list[tuple]:
    """Split two-word country slots ("Burkina Faso") into ``compound`` + head tokens."""
    out = []
    for key, word, xpos, upos, head, dep, ent in toks:
        if " " in word:
            first, last = word.split()
            out.append((key + "_1", first, xpos, upos, key, "compound", ent))
            out.append((key, last, xpos, upos, head, dep, "I" + ent[1:]))
        else:
            out.append((key, word, xpos, upos, head, dep, ent))
    return out


def synth_sentence(rng: random.Random, countries: list[str], dems: list[str],
                   multi: list[str] | None = None) -> Sentence:
    """One synthetic annotated sentence.

    The subject is a title + name, or (30 %) a country ("Ostrana said that…"), so that the
    subject position is not learnt as PERSON-only; 30 % of country slots are two words.
    """
    demonym = rng.choice(dems)
    c1, c2, c3 = rng.sample(countries, 3)
    if multi and rng.random() < 0.3:
        c2 = rng.choice(multi)
    subj_dep, body = _body(rng, c1, c2, demonym)
    if subj_dep == "nsubj" and body[0][0] != "a" and rng.random() < 0.3:
        if multi and rng.random() < 0.3:
            c3 = rng.choice(multi)
        subject = [("sF", c3, "NNP", "PROPN", "V", "nsubj", "B-LOC")]
    else:
        subject = _title(rng, "s", demonym) + _name(rng, "s", "V", subj_dep)
    toks = _expand_countries(subject + body)
    toks.append(("p", ".", ".", "PUNCT", "V", "punct", "O"))
    index = {t[0]: i for i, t in enumerate(toks)}
    words = [t[1] for t in toks]
    sent = Sentence(sent_id="synth", doc_id="synth", newpar=True, text=" ".join(words))
    sent.words = words
    sent.spaces = [True] * (len(toks) - 2) + [False, False]
    sent.lemmas = [LEMMAS.get(w, w) for w in words]
    sent.xpos = [t[2] for t in toks]
    sent.upos = [t[3] for t in toks]
    sent.feats = [""] * len(toks)
    sent.heads = [index[t[4]] for t in toks]
    sent.deps = [t[5] for t in toks]
    sent.misc = [""] * len(toks)
    sent.ents = [t[6] for t in toks]
    return sent


def synth_sentences(n: int, *, rng: random.Random) -> list[Sentence]:
    """``n`` synthetic sentences."""
    countries, dems, multi = country_names(), demonyms(), country_names(words=2)
    return [synth_sentence(rng, countries, dems, multi) for _ in range(n)]


__all__ = ["synth_sentences", "spans_to_iob"]
