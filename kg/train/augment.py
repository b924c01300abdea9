"""Training-data augmentation: name substitution and headline casing.

Why: the baseline model read the first name in "General Said Chengriha has arrived" as the
verb "said" and split the sentence there, and it missed less frequent country names
("Niger"). Gold UD sentences keep their gold parse when a proper-noun token is swapped for
another proper noun, so we copy a share of the training sentences that contain PERSON / LOC
names and replace

* person names by first names that are also English words ("Said", "Will", "Mark", "May"…)
  or common non-English first names, plus surnames from our own list;
* single-token place names by single-word country names from ``countries/countries.json``
  (ODbL; only the names are used, as facts).

A smaller share of sentences is title-cased ("Headline Style Like This") and followed by a
newline and the next sentence, as a news title is. Only names are generated: no sentence of
any evaluation set is used.
"""

from __future__ import annotations

import dataclasses
import json
import random
from pathlib import Path
from typing import Iterator

from kg.train.conllu import Sentence

DATA = Path(__file__).resolve().parents[3] / "shared" / "data"

AMBIGUOUS_FIRST = [
    "Said", "Will", "Mark", "Bill", "Hope", "May", "Grace", "Chase", "Frank", "Guy", "Pat",
    "Rob", "Don", "Art", "Sue", "Rich", "Faith", "Joy", "Miles", "Wade", "Dean", "Gene", "Ray",
    "Rose", "June", "Ali", "Said", "Said", "Carol", "Bob", "Sky", "Summer", "Drew", "Penny",
]
OTHER_FIRST = [
    "Abdelaziz", "Ahmed", "Mohamed", "Khalid", "Youssef", "Hassan", "Omar", "Fatima", "Leila",
    "Sergei", "Dmitri", "Olena", "Volodymyr", "Ivan", "Recep", "Mehmet", "Ayse", "Narendra",
    "Priya", "Xi", "Wei", "Min", "Jae", "Hiroshi", "Yuki", "Emmanuel", "Olaf", "Ursula",
    "Angela", "Jacinda", "Kwame", "Amina", "Chinedu", "Nkosi", "Luiz", "Gustavo", "Ana",
    "Claudia", "Javier", "Ibrahim", "Abdullah", "Salma", "Tamim", "Nasser", "Benjamin",
]
SURNAMES = [
    "Mansouri", "Haddad", "Benali", "Bouzid", "Kovacs", "Petrov", "Ivanova", "Okafor",
    "Mensah", "Nguyen", "Tanaka", "Silva", "Santos", "Dubois", "Rossi", "Khan", "Rahman",
    "Hosseini", "Karimi", "Yilmaz", "Demir", "Cohen", "Levi", "Wang", "Park", "Singh",
    "Patel", "Kuznetsov", "Sokolov", "Morozov", "Shevchenko", "Kowalski", "Novak", "Horvat",
    "Al-Tamimi", "Abdallah", "Traore", "Diallo", "Keita", "Ouedraogo", "Moreno", "Herrera",
    "Lindqvist", "Jansen", "Fischer", "Weber", "Moretti", "Papadopoulos", "Aziz", "Farouk",
]
SMALL = {"a", "an", "the", "of", "in", "on", "at", "to", "for", "and", "or", "but", "by", "with"}


def country_names(*, words: int = 1) -> list[str]:
    """Common country names of ``words`` words (all capitalised) from mledoze/countries."""
    try:
        rows = json.loads((DATA / "countries" / "countries.json").read_text(encoding="utf-8"))
    except OSError:
        return ["France", "Niger", "Chad"] if words == 1 else ["Burkina Faso", "South Sudan"]
    names = {r["name"]["common"] for r in rows}
    return sorted(n for n in names if len(n.split()) == words
                  and all(w.isalpha() and w[0].isupper() for w in n.split()))


def _copy(sent: Sentence) -> Sentence:
    return dataclasses.replace(sent, words=list(sent.words), lemmas=list(sent.lemmas),
                               ents=list(sent.ents) if sent.ents else sent.ents,
                               newpar=True)


def _spans(tags: list[str]) -> list[tuple[int, int, str]]:
    spans, start = [], None
    for i, tag in enumerate(tags + ["O"]):
        if start is not None and not tag.startswith("I-"):
            spans.append((start, i, tags[start][2:]))
            start = None
        if tag.startswith("B-"):
            start = i
    return spans


def substitute_names(sent: Sentence, rng: random.Random, countries: list[str]) -> Sentence | None:
    """A copy of ``sent`` with its person / single-token place names replaced (or None)."""
    if not sent.ents:
        return None
    new, changed = _copy(sent), False
    for a, b, label in _spans(sent.ents):
        if any(sent.upos[i] != "PROPN" for i in range(a, b)):
            continue
        if label == "PERSON" and b - a <= 3:
            if b - a >= 2:
                pool = AMBIGUOUS_FIRST if rng.random() < 0.5 else OTHER_FIRST
                new.words[a] = new.lemmas[a] = rng.choice(pool)
            new.words[b - 1] = new.lemmas[b - 1] = rng.choice(SURNAMES)
            changed = True
        elif label == "LOC" and b - a == 1:
            new.words[a] = new.lemmas[a] = rng.choice(countries)
            changed = True
    return new if changed else None


def titlecase(sent: Sentence) -> Sentence:
    """A headline-cased copy of ``sent`` (tags and parse unchanged)."""
    new = _copy(sent)
    for i, word in enumerate(new.words):
        if word.isalpha() and word.islower() and (i == 0 or word not in SMALL):
            new.words[i] = word[0].upper() + word[1:]
    return new


def augment_sentences(pool: list[Sentence], *, rng: random.Random, name_share: float = 0.4,
                      title_share: float = 0.03) -> Iterator[list[Sentence]]:
    """Yield groups of augmented sentences (each group becomes one training Doc)."""
    countries = country_names()
    group: list[Sentence] = []
    for k, sent in enumerate(pool):
        if sent.ents and rng.random() < name_share:
            new = substitute_names(sent, rng, countries)
            if new is not None:
                group.append(new)
                if len(group) >= 8:
                    yield group
                    group = []
        if rng.random() < title_share and len(sent.words) > 3 and k + 1 < len(pool):
            yield [titlecase(sent), _copy(pool[k + 1])]
    if group:
        yield group
