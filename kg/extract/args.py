"""Argument finding on the dependency parse: who is the subject, who the object, and
whether the clause is asserted at all (not negated, hedged, or asked)."""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Token

from kg.extract.lexicon import lexicon
from kg.extract.mentions import Mention

SUBJ = {"nsubj", "csubj", "expl"}
PASS_SUBJ = {"nsubjpass", "csubjpass"}
CONTROL_DEPS = {"xcomp", "advcl", "conj", "relcl", "acl", "pcomp", "ccomp"}
# nouns that stand for their state: "the presidents of Russia and Algeria", "Niger's military leaders"
PROXY_NOUNS = {"president", "presidents", "leader", "leaders", "head", "heads", "government", "governments",
               "minister", "ministers", "ruler", "rulers", "official", "officials", "representative",
               "representatives", "delegation", "delegations", "authorities", "side", "sides",
               "counterpart", "counterparts", "junta", "leadership", "people", "state", "states",
               "country", "countries", "nation", "nations", "troops", "forces", "army", "military"}

MentionOf = Callable[[Token], Mention | None]


def conjuncts(token: Token) -> list[Token]:
    """The token and everything coordinated with it ("Saudi Arabia, Egypt and the UAE")."""
    out = [token]
    for child in token.children:
        if child.dep_ == "conj":
            out.extend(conjuncts(child))
    # appositions list the same thing again; keep only the first
    return out


def mentions_for(token: Token, mention_of: MentionOf, *, depth: int = 0) -> list[Mention]:
    """Mentions a noun phrase headed by `token` stands for (and its conjuncts)."""
    out: list[Mention] = []
    for t in conjuncts(token):
        m = mention_of(t)
        if m is not None and m.key:
            out.append(m)
            continue
        if depth < 2 and t.lower_ in PROXY_NOUNS:
            for child in t.children:
                if child.dep_ == "prep" and child.lower_ == "of":
                    for pobj in child.children:
                        if pobj.dep_ == "pobj":
                            out.extend(mentions_for(pobj, mention_of, depth=depth + 1))
                elif child.dep_ in ("poss", "amod", "compound", "nmod"):
                    m = mention_of(child)
                    if m is not None and m.key and m.cls in ("Country",):
                        out.append(m)
    return _unique(out)


def _unique(mentions: list[Mention]) -> list[Mention]:
    seen: set[str] = set()
    out = []
    for m in mentions:
        if m.key not in seen:
            seen.add(m.key)
            out.append(m)
    return out


def subjects(verb: Token, mention_of: MentionOf, *, depth: int = 0) -> list[Mention]:
    """Actors of `verb`: its subject (or passive agent), else the controlling clause's subject."""
    for child in verb.children:
        if child.dep_ in SUBJ:
            return mentions_for(child, mention_of)
    if any(c.dep_ in PASS_SUBJ for c in verb.children):
        for child in verb.children:
            if child.dep_ == "agent":
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        return mentions_for(pobj, mention_of)
        return []
    if depth < 3 and verb.dep_ in CONTROL_DEPS and verb.head is not verb:
        head = verb.head
        if verb.dep_ == "relcl" or verb.dep_ == "acl":
            return mentions_for(head, mention_of)
        if head.pos_ in ("VERB", "AUX", "ADJ") or verb.dep_ == "conj":
            return subjects(head, mention_of, depth=depth + 1)
    return []


def objects(verb: Token, slots: list[str], mention_of: MentionOf, *, noun: Token | None = None) -> list[Mention]:
    """The other party, from the slots the trigger names: 'dobj', 'dative', or prepositions
    attached to the verb (or to its light-verb noun)."""
    out: list[Mention] = []
    heads = [verb] + ([noun] if noun is not None else [])
    passive = any(c.dep_ in PASS_SUBJ for c in verb.children)
    for slot in slots:
        for head in heads:
            for child in head.children:
                if slot == "dobj" and (child.dep_ == "dobj" or passive and child.dep_ in PASS_SUBJ) \
                        and head is verb:
                    out.extend(mentions_for(child, mention_of))
                elif slot == "dative" and child.dep_ in ("dative", "iobj"):
                    out.extend(mentions_for(child, mention_of))
                elif child.dep_ in ("prep", "agent", "dative") and child.lower_ == slot:
                    for pobj in child.children:
                        if pobj.dep_ in ("pobj", "pcomp"):
                            out.extend(mentions_for(pobj, mention_of))
                elif slot == "on" and child.dep_ == "prt" and child.lower_ == "on":
                    pass
    return _unique(out)


def asserted(verb: Token) -> bool:
    """False for negated, hedged, questioned, conditional or denied clauses."""
    lex = lexicon().relations
    sent = verb.sent
    if sent.text.rstrip().endswith("?"):
        return False
    node = verb
    for _ in range(4):
        for child in node.children:
            if child.dep_ == "neg" or child.lower_ in lex["negators"] and child.dep_ in ("neg", "det", "advmod"):
                return False
            if child.dep_ == "aux" and child.lower_ in lex["hedges"]:
                return False
            if child.dep_ == "mark" and child.lower_ in ("if", "whether", "unless"):
                return False
        if node.dep_ in ("xcomp", "ccomp", "conj", "advcl") and node.head is not node:
            if node.head.lemma_ in lex["deny_verbs"] or node.head.lemma_ in ("refuse", "fail", "deny"):
                return False
            node = node.head
        else:
            break
    return True
