"""The extraction lexicons (offices, state bodies, relation triggers), loaded once.

The data live beside this module in `kg/extract/data/*.json`; keys are lower-case word
sequences matched against token sequences.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Doc

from kg.extract.cache import lowers

DATA = Path(__file__).with_name("data")


def _load(name: str) -> dict:
    return json.loads((DATA / name).read_text(encoding="utf-8"))


@dataclass(frozen=True)
class PhraseTable:
    """Lower-case word sequences → values, matched longest-first at a token position."""

    entries: dict[tuple[str, ...], object]
    longest: int
    firsts: frozenset[str] = frozenset()

    @classmethod
    def from_keys(cls, mapping: dict[str, object]) -> PhraseTable:
        """Build from "word word" keys; hyphens and dots stay part of the words."""
        entries = {tuple(_split(k)): v for k, v in mapping.items() if not k.startswith("_")}
        return cls(entries, max((len(k) for k in entries), default=0), frozenset(k[0] for k in entries if k))

    def match(self, doc: Doc, i: int, *, end: int | None = None) -> tuple[int, object] | None:
        """The longest entry starting at token `i`: (end token index, value), or None."""
        lower = lowers(doc)
        if i >= len(lower) or lower[i] not in self.firsts:
            return None
        stop = min(len(lower) if end is None else end, i + self.longest)
        words: list[str] = []
        best = None
        for j in range(i, stop):
            words.append(lower[j])
            value = self.entries.get(tuple(words))
            if value is not None:
                best = (j + 1, value)
        return best


def _split(key: str) -> list[str]:
    out: list[str] = []
    for word in key.split():
        # match spaCy's tokenisation of "secretary-general" and "lt." style words
        if "-" in word and not word.endswith("-") and len(word) > 2:
            parts = word.split("-")
            for n, part in enumerate(parts):
                if part:
                    out.append(part)
                if n < len(parts) - 1:
                    out.append("-")
        elif word.endswith(("'s", "’s")) and len(word) > 2:
            out += [word[:-2], word[-2:]]
        else:
            out.append(word)
    return out


@dataclass(frozen=True)
class Lexicon:
    """All extraction lexicons."""

    offices: PhraseTable
    ranks: PhraseTable
    honorifics: PhraseTable
    modifiers: frozenset[str]
    not_head: frozenset[str]
    departments: PhraseTable
    ministry_nouns: frozenset[str]
    bodies: PhraseTable
    forces: PhraseTable
    special: dict[str, tuple[str, str, str]]
    national_names: dict[str, dict[str, str]]
    relations: dict


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The lexicons (cached)."""
    offices = _load("offices.json")
    bodies = _load("bodies.json")
    return Lexicon(
        offices=PhraseTable.from_keys(offices["offices"]),
        ranks=PhraseTable.from_keys({k: True for k in offices["ranks"]}),
        honorifics=PhraseTable.from_keys({k: True for k in offices["honorifics"]}),
        modifiers=frozenset(offices["modifiers"]),
        not_head=frozenset(offices["not_head"]),
        departments=PhraseTable.from_keys(bodies["departments"]),
        ministry_nouns=frozenset(bodies["ministry_nouns"]),
        bodies=PhraseTable.from_keys(bodies["bodies"]),
        forces=PhraseTable.from_keys(bodies["forces"]),
        special={k: tuple(v) for k, v in bodies["special"].items()},
        national_names=bodies.get("national_names", {}),
        relations=_load("relations.json"),
    )


# irregular past forms of trigger verbs, for when the lemmatizer or tagger misses them ("froze/NOUN")
IRREGULAR = {
    "froze": "freeze", "frozen": "freeze", "struck": "strike", "stricken": "strike", "fought": "fight",
    "met": "meet", "sought": "seek", "shot": "shoot", "threw": "throw", "thrown": "throw",
    "gave": "give", "given": "give", "sent": "send", "held": "hold", "led": "lead", "broke": "break",
    "broken": "break", "brought": "bring", "withdrew": "withdraw", "withdrawn": "withdraw",
    "overthrew": "overthrow", "overthrown": "overthrow", "forbade": "forbid", "forbidden": "forbid",
    "took": "take", "taken": "take", "began": "begin", "begun": "begin", "drove": "drive",
    "driven": "drive", "spoke": "speak", "spoken": "speak", "swore": "swear", "sworn": "swear",
    "flew": "fly", "flown": "fly", "rode": "ride", "wrote": "write", "written": "write",
    "told": "tell", "sold": "sell", "bought": "buy", "paid": "pay", "laid": "lay", "lent": "lend",
    "won": "win", "beaten": "beat", "shut": "shut", "cut": "cut", "hit": "hit", "bid": "bid",
    "shook": "shake", "shaken": "shake", "stood": "stand", "fled": "flee", "withheld": "withhold",
    "upheld": "uphold", "oversaw": "oversee", "overseen": "oversee", "undertook": "undertake",
    "undertaken": "undertake", "sank": "sink", "sunk": "sink", "kept": "keep", "left": "leave",
    "made": "make", "dealt": "deal",
}


def lemma_keys(token) -> tuple[str, ...]:
    """Lemmas to look a verb up by: the pipeline's lemma, then simple de-inflections of the
    word (a statistical lemmatizer now and then leaves "mediated" or "severed" as is)."""
    return _lemma_keys(token.lower_, token.lemma_.lower())


@lru_cache(maxsize=65536)
def _lemma_keys(word: str, lemma: str) -> tuple[str, ...]:
    keys = [lemma, word]
    if word in IRREGULAR:
        keys.append(IRREGULAR[word])
    for suffix, repl in (("ied", "y"), ("ies", "y"), ("ing", ""), ("ing", "e"), ("ed", ""), ("ed", "e"),
                         ("d", ""), ("es", ""), ("s", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            stem = word[: -len(suffix)] + repl
            keys.append(stem)
            if len(stem) > 3 and stem[-1] == stem[-2] and suffix in ("ed", "ing"):
                keys.append(stem[:-1])  # "shelled" → "shell" via "shell"; "planned" → "plan"
    return tuple(dict.fromkeys(keys))


def has_lemma(token, words) -> bool:
    """Whether any of the token's lemma keys (see `lemma_keys`) is in `words`."""
    for key in _lemma_keys(token.lower_, token.lemma_.lower()):
        if key in words:
            return True
    return False


def noun_key(token, table: dict) -> str | None:
    """The key under which a noun appears in `table` (its lemma, or its singular), or None."""
    low = token.lower_
    for key in (token.lemma_.lower(), low, low[:-1] if low.endswith("s") else None,
                low[:-2] if low.endswith(("shes", "ches", "sses", "xes")) else None):  # "clashes" tagged a name
        if key and key in table:
            return key
    doc, i = token.doc, token.i
    lower = lowers(doc)  # most nouns get here: no Token objects unless a hyphen precedes
    if i >= 2 and lower[i - 1] == "-" and not doc[i - 1].whitespace_:  # "cease - fire" as tokenized
        joined = f"{lower[i - 2]}-{low}"
        for key in (joined, joined[:-1] if joined.endswith("s") else None):
            if key and key in table:
                return key
    return None
