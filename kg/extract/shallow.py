"""Shallow argument finding: when the parse gives a trigger no subject or object, look at
the words around it, in a narrow window of one clause.

"Nigeria imposed sanctions on Niger" needs no tree: the actor is the name just before the
verb (past auxiliaries, adverbs and a date), the other party the name right after it (past a
determiner or an adjective), or after the preposition the trigger takes. Anything else in
between (another verb, a clause boundary) means no match: precision over recall, since these
fill in only what the dependency rules could not find.
"""

from __future__ import annotations

from spacy.tokens import Token

from kg.extract.args import MentionOf, unique
from kg.extract.cache import sent_of
from kg.extract.lexicon import has_lemma
from kg.extract.mentions import Mention

GAP_LEFT = {"AUX", "ADV", "PART"}
GAP_RIGHT = {"DET", "ADJ", "NUM", "PRON"}
LEFT_WORDS = {"has", "have", "had", "also", "on", "last", "this", "week", "earlier", "recently", "then",
              "officially", "formally", "reportedly", "again", "jointly", "both", "all"}
MAX_LEFT = 6
MAX_RIGHT = 4
BOUNDARY = {";", ":", "—", "–", "(", ")", '"', "“", "”", "that", "which", "who", "while", "but", "because"}


def left_actors(verb: Token, mention_of: MentionOf, *, through: frozenset[str] = frozenset()) -> list[Mention]:
    """The name(s) just before `verb`: "Chad, Niger and Mali severed…". `through`: verb lemmas
    the scan may pass ("imposed" before "sanctions on …")."""
    doc = verb.doc
    i = verb.i - 1
    if i >= 0 and doc[i].lower_ == "to" and doc[i].pos_ == "PART":
        return []  # "arrived in Russia to meet …": the name before an infinitive is not its subject
    steps = 0
    while i >= sent_of(verb).start and steps < MAX_LEFT:
        tok = doc[i]
        m = mention_of(tok)
        if m is not None and m.kind != "adjective":
            m = _phrase_head(doc, m, mention_of)
            return unique(_coordinated_left(doc[m.start], m, mention_of))
        if m is not None:
            return []
        if has_lemma(tok, through):
            i -= 1
            steps += 1
            continue
        if tok.text in BOUNDARY or tok.pos_ == "VERB" and tok.lower_ not in LEFT_WORDS:
            return []
        if not (tok.pos_ in GAP_LEFT or tok.lower_ in LEFT_WORDS or tok.ent_type_ == "DATE"):
            return []  # a comma before the verb closes an aside ("X, backed by Y, fought Z")
        i -= 1
        steps += 1
    return []


def _phrase_head(doc, m: Mention, mention_of: MentionOf) -> Mention:
    """"Minister of Defence of Russia": the phrase's head mention, not the country inside it."""
    j = m.start - 1
    if j > 0 and doc[j].lower_ == "the":
        j -= 1
    if j > 0 and doc[j].lower_ == "of":
        head = mention_of(doc[j - 1])
        if head is not None and head is not m:
            return head
    return m


def _coordinated_left(tok: Token, first: Mention, mention_of: MentionOf) -> list[Mention]:
    found = [first]
    doc = tok.doc
    i = _mention_start(tok, first) - 1
    while i > sent_of(tok).start:
        if doc[i].text == "," or doc[i].lower_ in ("and", "or"):
            prev = doc[i - 1]
            if doc[i].lower_ == "and" and prev.text == ",":
                i -= 1
                prev = doc[i - 1]
            m = mention_of(prev)
            if m is None:
                break
            found.append(m)
            i = _mention_start(prev, m) - 1
        else:
            break
    return found


def _mention_start(tok: Token, m: Mention) -> int:
    return m.start if m.start <= tok.i < max(m.end, m.end_claim or 0) else tok.i


def right_parties(verb: Token, slots: list[str], mention_of: MentionOf) -> list[Mention]:
    """The name(s) right after `verb`, directly (`dobj`) or after one of the slot prepositions."""
    doc = verb.doc
    preps = {s for s in slots if s not in ("dobj", "dative")}
    i = verb.i + 1
    steps = 0
    seen_noun = False
    while i < sent_of(verb).end and steps < MAX_RIGHT + (5 if preps else 0):
        tok = doc[i]
        m = mention_of(tok)
        if m is not None and m.kind == "adjective":
            i += 1
            steps += 1
            continue  # "met Tanzanian President …": a modifier, not the party
        if m is not None and (("dobj" in slots or "dative" in slots) and not seen_noun):
            return unique(_coordinated_right(tok, m, mention_of))
        if tok.lower_ in preps:
            j = i + 1
            while j < sent_of(verb).end and doc[j].pos_ in GAP_RIGHT and j - i <= 3:
                j += 1
            m = mention_of(doc[j]) if j < sent_of(verb).end else None
            if m is not None and _possessor(doc, m):
                return []  # "from Israel's NSO Group": the possessor is not the party
            if m is not None:
                return unique(_coordinated_right(doc[j], m, mention_of))
            return []
        if tok.text in BOUNDARY or tok.pos_ in ("VERB", "ADP") or tok.text == ",":
            return []
        if tok.pos_ in ("NOUN", "PROPN"):
            seen_noun = True  # "imposed sanctions on …": the object noun, then the preposition
        i += 1
        steps += 1
    return []


def _possessor(doc, m: Mention) -> bool:
    end = max(m.end, m.end_claim or 0)
    return end < len(doc) and (doc[end].tag_ == "POS" or doc[end].text in ("'s", "’s"))


def _coordinated_right(tok: Token, first: Mention, mention_of: MentionOf) -> list[Mention]:
    found = [first]
    doc = tok.doc
    i = max(first.end, tok.i + 1)
    while i + 1 < sent_of(tok).end and (doc[i].text == "," or doc[i].lower_ in ("and", "or")):
        j = i + 1
        if doc[j].lower_ == "and":
            j += 1
        while j < sent_of(tok).end and doc[j].lower_ == "the":
            j += 1
        if j >= sent_of(tok).end:
            break
        m = mention_of(doc[j])
        if m is None:
            break
        found.append(m)
        i = max(m.end, j + 1)
    return found
