"""Membership: `memberOf` stated by "joined", "a member of", member lists and party names:
"Sweden joined NATO", "Algeria, a member of the African Union", "NATO members Poland and the
Baltic states", "Bazoum's PNDS party" — and not by a wish or bid to join ("seeks to join")."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc

from kg.extract import deps
from kg.extract.args import MentionOf, asserted, mentions_for, subjects
from kg.extract.cache import tokens
from kg.extract.events import Candidate
from kg.extract.lexicon import has_lemma
from kg.extract.mentions import Mention


def membership(doc: Doc, mention_of: MentionOf) -> Iterator[Candidate]:
    """"Algeria, a member of the African Union", "Sweden joined NATO"."""
    for tok in tokens(doc):
        if tok.pos_ == "VERB" and has_lemma(tok, ("join",)) and asserted(tok) and not _aspired(tok):
            orgs = [m for c in deps.direct_objects(tok) or deps.datives(tok) for m in mentions_for(c, mention_of)]
            for s in subjects(tok, mention_of):
                for o in orgs:
                    if o.cls in ("InternationalOrganization", "Organization") and s.cls in (
                            "Country", "Person", "Organization"):
                        yield s, "memberOf", o, tok, "member:join", None, 0.8
        if has_lemma(tok, ("member", "members")) and tok.pos_ == "NOUN":
            orgs = [m for _w, p in deps.prep_objects(tok, "of") for m in mentions_for(p, mention_of)] or [
                m for c in tok.children if c.dep_ in deps.POSS for m in mentions_for(c, mention_of)
                if m.cls in IGO_CLASSES]  # "Sweden became NATO's 32nd member"
            members = []
            if tok.dep_ == "appos":
                members = mentions_for(tok.head, mention_of)
            elif tok.dep_ == "attr" or tok.dep_ == "xcomp" and has_lemma(tok.head, ("become",)):
                members = subjects(tok.head, mention_of)  # "X is / became a member of Y"
            elif any(c.dep_ == "cop" for c in tok.children):  # UD: "Belgium is a member of NATO"
                members = subjects(tok, mention_of)
            if members and not asserted(tok if tok.dep_ != "attr" else tok.head):
                continue  # "Sweden is not a member of NATO"
            for s in members:
                for o in orgs:
                    if o.cls in ("InternationalOrganization", "Organization") and s.key != o.key:
                        yield s, "memberOf", o, tok, "member:noun", None, 0.8


ASPIRING = {"want", "seek", "hope", "apply", "aim", "aspire", "try", "wish", "intend", "strive", "push",
            "attempt", "ask", "request", "invite", "bid", "plan", "prepare", "vote", "urge", "encourage", "block",
            "prevent", "stop", "bar", "oppose", "veto", "consider", "warn", "caution", "press", "pressure",
            "threaten", "refuse", "decline", "reject"}


def _aspired(verb) -> bool:  # noqa: ANN001 (Token)
    """A wish, bid or invitation to join, not membership: "seeks to join NATO", "Sweden's bid to
    join", "blocked Sweden from joining", "warned Moldova against joining"."""
    if any(c.dep_ in ("mark", "case") and c.lower_ in ("against", "before", "without") for c in verb.children):
        return True  # "warned Moldova against joining the EU"
    node = verb
    for _ in range(3):
        if node.dep_ not in ("xcomp", "acl", "pcomp", "advcl", "ccomp") or node.head == node:
            return False
        head = node.head
        if head.pos_ in ("NOUN", "PROPN") or has_lemma(head, ASPIRING):
            return True
        if head.pos_ == "ADP":  # "from joining": the preposition's head decides
            head = head.head
            if has_lemma(head, ASPIRING):
                return True
        node = head
    return False


MEMBER_WORDS = {"member", "members", "member-state", "member-states"}
MEMBER_TAILS = {"state", "states", "country", "countries", "nation", "nations"}
IGO_CLASSES = ("InternationalOrganization", "Organization")


def party_of(doc: Doc, mention_of: MentionOf) -> Iterator[Candidate]:
    """"Bazoum's PNDS party", "the ruling party of Erdogan": a person's party."""
    for tok in tokens(doc):
        if tok.lower_ not in ("party", "movement") or tok.i < 2:
            continue
        org = mention_of(doc[tok.i - 1]) or mention_of(tok)
        j = (org.start if org is not None else tok.i) - 1
        if j > 0 and doc[j].text in ("'s", "’s") and org is not None and org.cls == "Organization":
            person = mention_of(doc[j - 1])
            if person is not None and person.cls == "Person":
                yield person, "memberOf", org, tok, "member:party", None, 0.75


def member_lists(doc: Doc, mention_of: MentionOf) -> Iterator[Candidate]:
    """Token patterns that hold whatever the parse: "NATO members Turkey and Hungary",
    "fellow ECOWAS member states Ghana and Senegal", "member states of the AU such as Kenya"."""
    for tok in tokens(doc):
        if tok.lower_ not in MEMBER_WORDS:
            continue
        j = tok.i + 1
        if j < len(doc) and doc[j].lower_ in MEMBER_TAILS:
            j += 1
        org = mention_of(doc[tok.i - 1]) if tok.i > 0 else None
        if (org is None or org.cls not in IGO_CLASSES) and j + 1 < len(doc) and doc[j].lower_ == "of":
            k = j + 1 + (doc[j + 1].lower_ == "the")
            org = mention_of(doc[k]) if k < len(doc) else None
            if org is not None:
                j = max(org.end, k + 1)
                while j < len(doc) and doc[j].lower_ in (",", "such", "as", "including", "like", "("):
                    j += 1
        if org is None or org.cls not in IGO_CLASSES:
            continue
        for member in _list_at(doc, j, mention_of):
            if member.cls in ("Country", "Person", "Organization") and member.key != org.key:
                yield member, "memberOf", org, tok, "member:list", None, 0.8


def _list_at(doc: Doc, j: int, mention_of: MentionOf) -> list[Mention]:
    found: list[Mention] = []
    while j < len(doc):
        if doc[j].lower_ == "the":
            j += 1
            continue
        m = mention_of(doc[j]) if j < len(doc) else None
        if m is None or m.kind == "adjective":
            break
        found.append(m)
        j = max(m.end, j + 1)
        if j < len(doc) and doc[j].text == "," and j + 1 < len(doc) and doc[j + 1].lower_ == "and":
            j += 2
        elif j < len(doc) and doc[j].lower_ in (",", "and"):
            j += 1
        else:
            break
    return found


__all__ = ["member_lists", "membership", "party_of"]
