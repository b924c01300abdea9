"""State bodies named by patterns: "the Algerian Foreign Ministry", "Ministry of Defence of
Russia", "Russia's Defence Ministry", "the Saudi-led coalition", "the Pentagon", armed forces
("the Algerian People's National Army", "Rwandan units")."""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Doc

from kg.extract.cache import lowers, texts
from kg.extract.lexicon import lexicon
from kg.extract.mentions import (
    ADJECTIVAL_ORGANS,
    Mention,
    _country_after,
    _country_before,
)
from kg.extract.naming import Namer


def state_bodies(doc: Doc, namer: Namer, countries: dict[int, tuple[int, str, str]]) -> list[Mention]:
    """Body and armed-force mentions found by the patterns, left to right."""
    lex = lexicon()
    out: list[Mention] = []
    lower, starts = lowers(doc), _triggers()
    n = len(doc)
    i = 0
    while i < n:
        if i not in countries and lower[i] not in starts and (i + 1 >= n or lower[i + 1] != "party"):
            i += 1  # no pattern can start here (most tokens): skip without making Token objects
            continue
        special = _led_coalition(doc, i, namer, countries) or _special_body(doc, i, namer) or _party(doc, i)
        if special:
            out.append(special)
            i = special.end
            continue
        mention = _ministry(doc, i, namer, countries) or _organ(doc, i, namer, countries, lex.bodies, "GovernmentBody") \
            or _organ(doc, i, namer, countries, lex.forces, "ArmedForce")
        if mention:
            out.append(mention)
            i = mention.end
        else:
            i += 1
    return out


@lru_cache(maxsize=1)
def _triggers() -> frozenset[str]:
    """Lower-case words a body pattern can start with (besides a country and "X party")."""
    lex = lexicon()
    return frozenset(lex.bodies.firsts | lex.forces.firsts | lex.departments.firsts | lex.ministry_nouns
                     | {"mod"} | {w.lower() for w in _special_firsts(lex.special)})


def _party(doc: Doc, i: int) -> Mention | None:
    """"Bazoum's PNDS party", "the ANC party": a party named by its acronym."""
    if i + 1 >= len(doc) or lowers(doc)[i + 1] != "party":
        return None
    tok = doc[i]
    if tok.is_upper and tok.is_alpha and 2 <= len(tok) <= 6:
        return Mention(i, i + 1, tok.text, "Organization", kind="name", surface=tok.text)
    return None


def _led_coalition(doc: Doc, i: int, namer: Namer, countries) -> Mention | None:
    """"the Saudi-led coalition", "a French-led force": an armed force named after its leader."""
    hit = countries.get(i)
    if hit is None or hit[0] + 2 >= len(doc):
        return None
    j = hit[0]
    if doc[j].text == "-" and doc[j + 1].lower_ == "led" and j + 2 < len(doc):
        k = j + 2
        while k < len(doc) and doc[k].pos_ == "ADJ" and doc[k].lower_ not in ("coalition", "force"):
            k += 1
        if k < len(doc) and doc[k].lower_ in ("coalition", "force", "forces", "alliance", "mission"):
            name = f"{doc[i].text}-led {doc[k].lower_}"
            start = i - 1 if i > 0 and doc[i - 1].lower_ == "the" else i
            return Mention(start, k + 1, name, "ArmedForce", kind="body", surface=doc[start:k + 1].text)
    return None


_FIRSTS: dict[int, frozenset[str]] = {}


def _special_firsts(special: dict) -> frozenset[str]:
    """First tokens of the special bodies' names ("U.S." of "U.S. Treasury", "People" of "People's …")."""
    key = id(special)
    if key not in _FIRSTS:
        _FIRSTS[key] = frozenset(re.split(r"[\s']", name)[0] for name in special)
    return _FIRSTS[key]


def _special_body(doc: Doc, i: int, namer: Namer) -> Mention | None:
    special = lexicon().special
    if texts(doc)[i] not in _special_firsts(special):
        return None
    for length in (3, 2, 1):
        text = doc[i:i + length].text
        if i + length <= len(doc) and text in special:
            name, cls, iso3 = special[text]
            start = i - 1 if i > 0 and doc[i - 1].lower_ == "the" else i
            return Mention(start, i + length, name, cls, kind="special", country=iso3, surface=text)
    return None


def _ministry(doc: Doc, i: int, namer: Namer, countries: dict[int, tuple[int, str, str]]) -> Mention | None:
    """"Ministry of Defence (of Russia)", "the Algerian Foreign Ministry", "Russia's Defence Ministry"."""
    lex = lexicon()
    low = lowers(doc)[i]
    if low == "mod" or low in lex.ministry_nouns and texts(doc)[i][:1].isupper():
        # Ministry of X [of COUNTRY]
        if i + 1 < len(doc) and doc[i + 1].lower_ == "of":
            dept = lex.departments.match(doc, i + 2)
            if dept is None:
                return None
            end, field_name = dept
            after = _country_after(doc, end, countries)
            before = _country_before(doc, i, countries)
            iso3 = after[1] if after else before[1] if before else None
            start = before[0] if before and not after else i
            if start == i and i > 0 and doc[i - 1].lower_ == "the":
                start -= 1
            return _body_mention(doc, start, after[0] if after else end, namer, iso3,
                                 f"Ministry of {field_name}", "GovernmentBody")
        return None
    # [COUNTRY-adj|COUNTRY's] [Dept words] Ministry
    dept = lex.departments.match(doc, i)
    if dept is None:
        return None
    end, field_name = dept
    if end < len(doc) and doc[end].lower_ in lex.ministry_nouns:
        before = _country_before(doc, i, countries)
        if before is None and not doc[i].text[:1].isupper():
            return None  # "the foreign ministry" with no state: too vague
        start = before[0] if before else (i - 1 if i > 0 and doc[i - 1].lower_ == "the" else i)
        return _body_mention(doc, start, end + 1, namer, before[1] if before else None,
                             f"Ministry of {field_name}", "GovernmentBody")
    return None


def _organ(doc: Doc, i: int, namer: Namer, countries: dict[int, tuple[int, str, str]], table,
           cls: str) -> Mention | None:
    """"[the] COUNTRY-adj|COUNTRY's NOUN" or "NOUN of COUNTRY" for a state organ or force."""
    hit = table.match(doc, i)
    if hit is None:
        return None
    end, pattern = hit
    last = doc[end - 1]
    if (last.pos_ == "ADJ" or last.lower_ in ADJECTIVAL_ORGANS) and last.dep_ in ("amod", "compound") \
            and last.head.i >= end and last.head.pos_ in ("NOUN", "PROPN"):
        return None  # "military" in "Russian-Algerian military ties" modifies another noun
    before = _country_before(doc, i, countries)
    after = None if before else _country_after(doc, end, countries)
    if before is None and after is None:
        return None
    iso3 = (before or after)[1]
    start = before[0] if before else (i - 1 if i > 0 and doc[i - 1].lower_ == "the" else i)
    stop = after[0] if after else end
    return _body_mention(doc, start, stop, namer, iso3, str(pattern), cls, template=True)


def _body_mention(doc: Doc, start: int, end: int, namer: Namer, iso3: str | None, name: str,
                  cls: str, *, template: bool = False) -> Mention:
    key = namer.body_name(name, iso3, template=template)
    return Mention(start, end, key, cls, kind="body", country=iso3, surface=doc[start:end].text)


# ----------------------------------------------------------------------------- names


__all__ = ["state_bodies"]
