"""Groups the text refers to without naming their members: "the two neighbours", "both
countries", "the two sides", "the former Soviet republics" — resolved to the pair of states
the text is about at that point.

News English names the two parties of a story once and then calls them "the two countries"
or "the neighbours". The pair is read off the sentence when it names exactly two other states (or
two before the group word), else off the document so far: the two states named most often, when they clearly lead.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from spacy.tokens import Token

from kg.extract import deps
from kg.extract.cache import sent_of, tokens
from kg.extract.mentions import Mention

MentionOf = Callable[[Token], Mention | None]

# plural nouns that, with "both" / "two", stand for the pair of states a text is about
GROUP_LEMMAS = {"neighbour", "neighbor", "country", "nation", "state", "side", "republic", "ally", "man",
                "rival", "foe", "adversary", "enemy", "capital", "government", "power", "leader", "president",
                "minister", "premier", "delegation"}
# ... and those that do even with a plain "the": "the neighbours", "the former Soviet republics"
DEFINITE_GROUPS = {"neighbour", "neighbor", "rival", "foe", "adversary", "republic", "enemy"}
NEIGHBOURING = {"neighbouring", "neighboring"}
_KEY = "kg_country_seq"


def is_group(token: Token) -> bool:
    """True for a plural noun phrase that stands for "the pair": "both countries", "the two
    sides", "the neighbours", "the neighbouring countries"; not "two other countries",
    "the countries of the region", "three states"."""
    if token.pos_ not in ("NOUN", "PROPN") or not _plural(token):
        return False
    lemma = _lemma(token)
    if lemma not in GROUP_LEMMAS:
        return False
    words = {c.lower_ for c in token.children}
    if token.dep_ in ("compound", "poss", "nmod:poss") and token.head.i > token.i:
        words |= {c.lower_ for c in token.head.children if c.dep_ == "det" and c.i < token.i}
    if words & {"other", "many", "several", "some", "all", "most", "these", "those", "no"}:
        return False
    if any(c.dep_ in ("nummod",) and c.lower_ not in ("two", "2") for c in token.children):
        return False
    if any(c.i > token.i and _restricts(c) for c in token.children):
        return False
    if words & {"both", "two", "2"}:
        return True
    if "our" in words and lemma in ("country", "nation", "state", "people"):
        return True  # a quoted leader's "our countries": the two sides
    definite = "the" in words and not any(c.dep_ in ("poss", "nmod:poss") for c in token.children)
    if not definite:
        return False
    if lemma in DEFINITE_GROUPS:
        return True
    # "talks between the neighbouring countries' leaders" (a pair); not "aid to Syria and the
    # neighbouring countries" (the countries around Syria)
    return any(c.lower_ in NEIGHBOURING for c in token.children) and _between(token)


def group_members(token: Token, mention_of: MentionOf, *, exclude: set[str] | frozenset[str] = frozenset()
                  ) -> list[Mention]:
    """The two states a group noun stands for ("the two men": two people), or [] when the text
    does not make them clear.

    Mentions inside the group's own phrase ("the two Russian allies", "the allies of Russia":
    Russia; not "the neighbours over Rabat's ties with Israel") and `exclude`
    (e.g. "Bolivia, a neighbour to both countries") are never members."""
    own = [t for c in token.children if c.i < token.i or deps.case_word(c) == "of"
           or c.dep_ == "prep" and c.lower_ == "of" for t in c.subtree]
    inside = {m.key for t in own if (m := mention_of(t)) is not None and m.key}
    skip = set(exclude) | inside
    sent = sent_of(token)
    # "the two men": two people; every other group noun: two states
    cls = "Person" if _lemma(token) == "man" else "Country"
    # the sentence's two states; else the two before the group, which refers back ("Algeria cut
    # ties with Morocco after tensions between the neighbours over Rabat's ties with Israel")
    for stop in (sent.end, token.i):
        states = sentence_states(token, mention_of, exclude=skip, stop=stop, cls=cls)
        if len(states) == 2:
            return states
    seq = _mention_sequence(token.doc, mention_of, cls)
    counts: Counter[str] = Counter()
    first: dict[str, Mention] = {}
    for i, m in seq:
        if i >= sent.end:
            break
        if m.key in skip:
            continue
        counts[m.key] += 1
        first.setdefault(m.key, m)
    ranked = counts.most_common(3)
    if len(ranked) < 2 or len(ranked) == 3 and ranked[2][1] >= ranked[1][1]:
        return []
    return [first[ranked[0][0]], first[ranked[1][0]]]


def reciprocal(token: Token) -> bool:
    """True for the head of "each other" / "one another" (UD: "each" with "other" fixed;
    OntoNotes-style parses: "other" with "each" before it)."""
    doc = token.doc
    if token.lower_ in ("each", "one"):
        return token.i + 1 < len(doc) and doc[token.i + 1].lower_ in ("other", "another") \
            and doc[token.i + 1].head == token
    if token.lower_ not in ("other", "another"):
        return False
    return token.i > 0 and doc[token.i - 1].lower_ in ("each", "one") and doc[token.i - 1].head == token


def sentence_states(token: Token, mention_of: MentionOf, *, exclude: set[str] | frozenset[str] = frozenset(),
                    stop: int | None = None, cls: str = "Country") -> list[Mention]:
    """The distinct states (or people, `cls`) named in `token`'s sentence, up to token `stop`."""
    sent = sent_of(token)
    stop = sent.end if stop is None else stop
    found: dict[str, Mention] = {}
    for i, m in _mention_sequence(token.doc, mention_of, cls):
        if sent.start <= i < stop and m.key not in exclude:
            found.setdefault(m.key, m)
    return list(found.values())


def _mention_sequence(doc, mention_of: MentionOf, cls: str = "Country") -> list[tuple[int, Mention]]:
    """(token index, mention) of every state (or person) mention in the document, once each."""
    cached = doc.user_data.get(f"{_KEY}:{cls}")
    if cached is not None:
        return cached
    seq: list[tuple[int, Mention]] = []
    last: Mention | None = None
    for tok in tokens(doc):
        m = mention_of(tok) if tok.pos_ in ("PROPN", "ADJ", "X") or tok.ent_type_ else None
        if m is None or m.cls != cls or not m.key:
            last = None
            continue
        if m is not last:
            seq.append((tok.i, m))
        last = m
    doc.user_data[f"{_KEY}:{cls}"] = seq
    return seq


def _between(token: Token) -> bool:
    """True when the phrase (or the one it is the possessor of) is the object of "between"."""
    node = token
    for _ in range(2):
        if any(c.lower_ == "between" for c in node.children) or node.dep_ == "pobj" and node.head.lower_ == "between":
            return True
        if node.head == node:
            break
        node = node.head
    return False


def _restricts(child: Token) -> bool:
    """A modifier that makes the group some other set: "the countries of the region", "states
    in Africa", "nations that…" (not a date: "the two sides in 2021")."""
    if child.dep_ in ("relcl", "acl:relcl"):
        return True
    if child.dep_ == "prep" and child.lower_ in ("of", "in", "from"):
        objs = [c for c in child.children if c.dep_ == "pobj"]
    elif child.dep_ == "nmod" and any(c.dep_ == "case" and c.lower_ in ("of", "in", "from") for c in child.children):
        objs = [child]
    else:
        return False
    return not all(o.pos_ == "NUM" or o.ent_type_ in ("DATE", "TIME") for o in objs)


def _plural(token: Token) -> bool:
    return token.tag_ in ("NNS", "NNPS") or "Number=Plur" in str(token.morph) or \
        token.lower_.endswith("s") and token.lemma_.lower() != token.lower_


def _lemma(token: Token) -> str:
    lemma = token.lemma_.lower()
    if lemma == token.lower_ and lemma.endswith("s"):
        lemma = lemma[:-2] + "y" if lemma.endswith("ies") else lemma[:-1]
    return lemma


__all__ = ["group_members", "is_group", "reciprocal", "sentence_states"]
