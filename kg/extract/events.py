"""Interactions expressed by verbs and light verbs ("hold talks", "impose sanctions"), and what
every interaction rule shares: `Candidate`, `fits` (which classes a relation joins), `SYMMETRIC`.
Relationship nouns ("Russian-Algerian ties") are in `relation_nouns.py`, act nouns ("his visit
to Morocco") in `nominal.py`."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Token

from kg.extract import deps
from kg.extract.args import MentionOf, asserted, mentions_for, objects, owners, subjects
from kg.extract.cache import tokens
from kg.extract.groups import group_members, reciprocal
from kg.extract.lexicon import has_lemma, lemma_keys, lexicon
from kg.extract.mentions import Mention
from kg.extract.places import PLACE_NOUNS
from kg.extract.shallow import left_actors, right_parties

SYMMETRIC = {"borders", "meetsWith", "negotiatesWith", "cooperatesWith", "signsAgreementWith"}
ACTORS = {"Country", "Person", "GovernmentBody", "ArmedForce", "InternationalOrganization", "Organization"}
PLACES = {"Country", "Location"}
# (subject, predicate, object, trigger token, rule, cameo, confidence)
Candidate = tuple[Mention, str, Mention, Token, str, str | None, float]


def _actor(m: Mention) -> bool:
    return m.cls in ACTORS or m.metonym is not None  # "Moscow condemned…": the capital's state


def fits(subject: Mention, predicate: str, obj: Mention) -> bool:
    """Whether the classes of the two ends fit the relation (see relations.md)."""
    if subject.key == obj.key:
        return False
    if predicate == "visits":
        return _actor(subject) and obj.cls in PLACES
    if predicate == "attacks":
        return _actor(subject) and (_actor(obj) or obj.cls == "Location")
    if predicate == "borders":
        return subject.cls in PLACES and obj.cls in PLACES
    return _actor(subject) and _actor(obj)


def verb_events(doc: Doc, mention_of: MentionOf) -> Iterator[Candidate]:
    """Interactions expressed by verbs and light-verb constructions."""
    lex = lexicon().relations
    verbs, light = lex["verbs"], lex["light_verbs"]
    aid_objects = set(lex["aid_objects"])
    for tok in tokens(doc):
        if tok.pos_ not in ("VERB", "AUX") and not _misparsed_verb(tok) and not _light_modifier(tok, light):
            continue
        entries: list[tuple[dict, Token | None, str]] = []
        lemmas = lemma_keys(tok)
        nouns = list(tok.children)
        if tok.dep_ in ("compound", "amod") and tok.head.i > tok.i:
            nouns.append(tok.head)  # "Riyadh cut ties with Tehran" parsed as a noun phrase "cut ties"
        # "launched a drone and missile attack", "imposed tariffs and sanctions": coordinated objects
        listed = [c for n in nouns if n.dep_ in deps.DOBJ for c in n.children if c.dep_ == "conj"]
        nouns += listed
        for child in nouns:
            for lemma in lemmas:
                if child.dep_ in deps.DOBJ | deps.PASS_SUBJ | {"attr"} or child == tok.head or child in listed:
                    key = next((k for k in (f"{lemma} {c}" for c in lemma_keys(child)) if k in light), None)
                    if key:
                        entries.append((light[key], child, f"light:{key.replace(' ', '_')}"))
                        break
                if child.dep_ in deps.PRT and f"{lemma} {child.lower_}" in light:
                    key = f"{lemma} {child.lower_}"
                    entries.append((light[key], None, f"phrasal:{key.replace(' ', '_')}"))
                    break
        if not entries:  # UD has no particle for "call on X": the preposition sits on X
            for word, obj in deps.prep_objects(tok):
                if obj.ent_type_ in ("DATE", "TIME") or obj.lower_ in WEEKDAYS or obj.like_num:
                    continue
                key = next((f"{lemma} {word}" for lemma in lemmas if f"{lemma} {word}" in light), None)
                if key is not None:
                    entries.append((light[key], None, f"phrasal:{key.replace(' ', '_')}"))
                    break
        lemma = next((k for k in lemmas if k in verbs), None)
        if not entries and lemma is not None:
            entry = verbs[lemma]
            if entry.get("needs_clause") and not any(c.dep_ in ("xcomp", "ccomp") for c in tok.children):
                continue  # "asked X to …" is an appeal; "asked X" (a question) is not
            if entry.get("needs_aid_object"):
                objs = [c for c in tok.children if c.dep_ in deps.DOBJ | deps.PASS_SUBJ]
                if not any(has_lemma(o, aid_objects) for o in objs):
                    given = [t for _w, o in deps.prep_objects(tok, "with") for t in o.subtree]
                    given += [t for _w, o in deps.prep_objects(tok, "in") if given for t in o.subtree]
                    if not any(has_lemma(t, aid_objects) for t in given):
                        continue
                    entry = {**entry, "obj": entry["obj"] + ["dobj"]}  # "provide Taiwan with weapons"
            entries.append((entry, None, f"verb:{lemma}"))
        if not entries or not asserted(tok) or _accused_act(tok, verbs):
            continue  # "accused Kenya of siding with the RSF": the accused's act (see _accused_acts)
        threat = _threatened(tok)
        wished = _wished(tok)
        for entry, noun, rule in entries:
            if threat is not None and entry["rel"] in THREATENED:
                entry, rule = {**entry, "rel": "threatens", "cameo": threat}, rule + ":threatened"
            if wished:  # "Ukraine hopes to sign a pact with France": intent to cooperate, nothing done
                if entry["rel"] not in ("signsAgreementWith", "cooperatesWith"):
                    continue
                entry, rule = {**entry, "rel": "cooperatesWith", "cameo": "030"}, rule + ":wished"
            yield from _verb_candidates(tok, entry, noun, rule, mention_of)


def _accused_act(act: Token, verbs: dict) -> bool:
    """True for the act an accusation reports ("accused X of siding with Y"), under either scheme."""
    head = act.head
    if head.dep_ == "prep" and head.lower_ in ("of", "for"):  # ClearNLP: accuse → of → siding
        head = head.head
    elif deps.case_word(act) not in ("of", "for") and not any(
            c.dep_ == "mark" and c.lower_ in ("of", "for") for c in act.children):
        return False
    return head != act and any(verbs.get(k, {}).get("clause_of") for k in lemma_keys(head))


# what a threat holds out ("threatened to attack X", "vowed to impose sanctions on X"): `threatens`, not the act
THREATENED = {"attacks", "sanctions"}
THREAT_VERBS = {"threaten", "vow", "menace"}


def _threatened(verb: Token) -> str | None:
    """The CAMEO code (130, threaten) when `verb` is the infinitive of a threat ("threatened to strike")."""
    if verb.dep_ == "xcomp" and verb.head != verb and any(k in THREAT_VERBS for k in lemma_keys(verb.head)):
        return "130"
    return None


WISHING = {"hope", "want", "wish", "seek", "aim", "aspire", "strive", "consider", "mull", "weigh",
           "contemplate", "debate", "explore"}


def _wished(verb: Token) -> bool:
    """Whether the act is only hoped for or considered: "hopes to sign", "considered sending"."""
    node = verb
    for _ in range(2):
        if node.dep_ not in ("xcomp", "ccomp", "advcl") or node.head == node:
            return False
        node = node.head
        if has_lemma(node, WISHING):
            return True
    return False


def _light_modifier(tok: Token, light: dict) -> bool:
    """A light verb the tagger read as a modifier of its own noun ("Riyadh cut/PROPN ties with Tehran")."""
    if tok.dep_ not in ("compound", "amod") or not tok.head.i > tok.i or tok.i == 0:
        return False
    return any(f"{k} {n}" in light for k in lemma_keys(tok) for n in lemma_keys(tok.head))


def _misparsed_verb(tok: Token) -> bool:
    """A verb form the tagger took for a noun or adjective ("Morocco urged/ADJ Algeria"):
    an -ed/-s word right after a name, not after a determiner or possessive."""
    if tok.pos_ not in ("NOUN", "ADJ", "PROPN") or tok.i == 0:
        return False
    prev = tok.doc[tok.i - 1]
    return tok.tag_ in ("VBD", "VBZ", "VBN", "VBP") or (
        tok.lower_.endswith(("ed", "es", "s")) and prev.pos_ == "PROPN" and prev.ent_type_ != "")


def _verb_candidates(verb: Token, entry: dict, noun: Token | None, rule: str,
                     mention_of: MentionOf) -> Iterator[Candidate]:
    rel, cameo = entry["rel"], entry.get("cameo")
    if rel == "meetsWith" and noun is None and (len(deps.direct_objects(verb)) > 1 or any(
            c.dep_ in ("xcomp", "oprd") and c.pos_ in ("NOUN", "ADJ") for c in verb.children)
            or verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN")):
        return  # "calls ISIL's presence a tragedy", "a group called the Sea Org": naming, not a call
    subs = subjects(verb, mention_of)
    # one visits a place, not the owner of whom one visits ("flew to visit U.S. service members")
    objs = objects(verb, entry["obj"], mention_of, noun=noun,
                   with_owners=rel != "visits" or any(t.lower_ in PLACE_NOUNS for t in deps.direct_objects(verb)))
    if not objs and _shares_arguments(verb):  # "blocked and fired water cannon at X": fired's are blocked's
        objs = objects(verb.head, entry["obj"], mention_of, noun=noun)
    if not objs and (second := _gives_arguments(verb)) is not None:  # "condemned and sanctioned X"
        objs = objects(second, entry["obj"], mention_of, noun=noun)
    # which objects are named outright (not owners of the object: "welcomed Erdogan's agreement");
    # only the class checks below need to know, so skip the second pass when none applies
    direct = {id(m) for m in objects(verb, entry["obj"], mention_of, noun=noun, with_owners=False)} \
        if entry.get("obj_classes") or entry.get("also") else {id(m) for m in objs}
    if rel == "threatens" and not objs:  # "threatened to retaliate against Seoul": the threatened act's target
        for act in (c for c in verb.children if c.dep_ == "xcomp"):
            objs = objects(act, ["dobj", "against", "on"], mention_of)
    if rel == "appealsTo" and not objs:  # "demanded that Japan stop…", "urged that Israel withdraw"
        objs = [m for c in verb.children if c.dep_ == "ccomp" and any(k.lower_ == "that" for k in c.children)
                for t in deps.subject_tokens(c) or _after_that(c) for m in mentions_for(t, mention_of)]
    if rel == "appealsTo" and subs and not objs:
        # "Moscow urged a cessation of hostilities": an appeal for calm goes to both sides of the story
        calm = [t for t in deps.direct_objects(verb) + [o for _w, o in deps.prep_objects(verb, "for")]
                if has_lemma(t, CALM)]
        objs = group_members(calm[0], mention_of, exclude={m.key for m in subs}) if calm else []
    if not subs or not objs:  # the parse left a side open: look at the words around the trigger
        shallow_subs = [] if subs else left_actors(verb, mention_of)
        shallow_objs = [] if objs else right_parties(verb, entry["obj"], mention_of)
        if shallow_subs or shallow_objs:
            rule += ":shallow"
        subs, objs = subs or shallow_subs, objs or shallow_objs
    if subs and objs and not any(reciprocal(c) for c in verb.children):
        # one party on both sides is a misparse (not "each other"): it belongs to the side it stands on
        both = {m.key for m in subs} & {m.key for m in objs}
        subs = [m for m in subs if m.key not in both or m.start < verb.i]
        objs = [m for m in objs if m.key not in both or m.start > verb.i]
    allowed = set(entry.get("obj_classes", [])) or None
    also = entry.get("also")
    conf = 0.85 if subs and objs else 0.7
    if subs and objs:
        for s in subs:
            for o in objs:
                a, b = (o, s) if entry.get("reverse") else (s, o)
                if (allowed is None or o.cls in allowed or id(o) not in direct) and fits(a, rel, b):
                    yield a, rel, b, verb, rule, cameo, conf
                elif also and id(o) in direct and o.cls in also.get("obj_classes", [o.cls]) \
                        and fits(s, also["rel"], o):
                    yield s, also["rel"], o, verb, rule, also.get("cameo"), conf
    if rel == "meetsWith" and subs and objs:  # "received X in Cairo", "Orban met Putin in Moscow"
        one_way = rule.split(":")[1] in ONE_WAY_MEETINGS
        yield from _received_in(verb, objs if one_way else subs + objs, mention_of,
                                "received-in" if one_way else "met-in")
    if entry.get("clause_of"):
        yield from _accused_acts(verb, objs, mention_of)
    elif rel in SYMMETRIC and len(subs) > 1 and rule.split(":")[1] not in ONE_WAY_MEETINGS:
        # "Algeria and Niger signed…": every pair of the coordinated subjects
        for n, s in enumerate(subs):
            for o in subs[n + 1:]:
                if fits(s, rel, o):
                    yield s, rel, o, verb, rule + ":pairs", cameo, 0.75
    elif len(subs) > 1 and not objs and _each_with_the_other(rel, verb, noun):
        for s in subs:
            for o in subs:
                if s.key != o.key and fits(s, rel, o):
                    yield s, rel, o, verb, rule + ":pairs", cameo, 0.75


# meeting verbs with a host and a guest: co-hosts ("X and Y will host ministers") do not meet each other
ONE_WAY_MEETINGS = {"host", "receive", "welcome", "greet", "invite", "visit", "brief"}
MUTUAL = {"clash", "fight", "battle", "skirmish"}
CALM = {"cessation", "ceasefire", "cease-fire", "truce", "restraint", "calm", "de-escalation", "deescalation",
        "halt", "dialogue", "moderation"}


def _each_with_the_other(rel: str, verb: Token, noun: Token | None) -> bool:
    """Whether coordinated subjects act on each other: "Algeria and Morocco severed diplomatic
    relations", "the army and the RSF have been fighting" (relations.md: conflict between two
    sides goes both ways) — not "fought together / side by side"."""
    if rel == "sanctions":
        return noun is not None and has_lemma(noun, ("tie", "relation"))
    return rel == "attacks" and has_lemma(verb, MUTUAL) and not any(
        t.lower_ in ("together", "alongside", "jointly", "side")
        for t in [*verb.subtree, *verb.doc[verb.i + 1:verb.i + 4]])


def _after_that(clause: Token) -> list[Token]:
    """The words between "that" and its clause's verb, when the parser gave the clause no
    subject ("demanded that Kyiv/advmod withdraw")."""
    that = next(k for k in clause.children if k.lower_ == "that")
    return list(clause.doc[that.i + 1:clause.i]) if that.i < clause.i else []


def _shares_arguments(verb: Token) -> bool:
    """A second verb of "V1 and V2 OBJ", with no dependents of its own: the parse gave the shared
    object and prepositions to the first."""
    return verb.dep_ == "conj" and verb.head.pos_ == "VERB" and verb.head.i < verb.i \
        and all(c.dep_ in ("cc", "punct", "advmod") for c in verb.children)


def _gives_arguments(verb: Token) -> Token | None:
    """The second verb of "V1 and V2 OBJ" when V1 has nothing but its subject: V2's object is V1's too."""
    second = next((c for c in verb.children if c.dep_ == "conj" and c.pos_ == "VERB"
                   and any(k.dep_ == "cc" and k.i < c.i for k in c.children)), None)
    if second is None or second.i != verb.i + 2:  # "condemned and sanctioned": adjacent
        return None
    own = [c for c in verb.children if c.i != second.i and c.dep_ not in ("cc", "punct", "advmod", "aux", "aux:pass")
           and c.dep_ not in deps.SUBJ and c.dep_ not in deps.PASS_SUBJ]
    return None if own else second


def _received_in(verb: Token, guests: list[Mention], mention_of: MentionOf, rule: str) -> Iterator[Candidate]:
    """"Ruto was received by el-Sisi in Cairo", "Orban met Putin in Moscow": a participant from
    another state than the capital's `visits` it."""
    places = [m for word, o in deps.prep_objects(verb) if word in ("in", "to")  # "welcomed X to Doha"
              for m in mentions_for(o, mention_of) if m.cls == "Location" and m.metonym]
    for guest in guests:
        for place in places:
            if guest.cls == "Person" and guest.country and guest.country != place.metonym:
                yield guest, "visits", place, verb, rule, "042", 0.7


def _accused_acts(verb: Token, accused: list[Mention], mention_of: MentionOf) -> Iterator[Candidate]:
    """"Rwanda accused DR Congo of shelling Rwandan villages": DR Congo attacks Rwanda (the
    guide counts the act reported as the accuser's claim about a named actor)."""
    verbs = lexicon().relations["verbs"]
    acts = list(deps.prep_objects(verb))
    if not any(w in ("of", "for") for w, _a in acts) and accused:
        # the parse hung "of shelling" elsewhere: the first "of <verb>ing" after the accused
        doc = verb.doc
        i = end = max(m.end for m in accused)
        while i < len(doc) and i < end + 2 and doc[i].pos_ == "NOUN":
            i += 1  # "UN forces of shelling"
        if i + 1 < len(doc) and doc[i].lower_ in ("of", "for") and doc[i + 1].tag_ == "VBG":
            acts = [(doc[i].lower_, doc[i + 1])]
    light = lexicon().relations["light_verbs"]
    for word, act in acts:
        lemma = next((k for k in lemma_keys(act) if k in verbs), None)
        # "accused ECOWAS of imposing sanctions": the act's light verb first
        key = next((f"{k} {c}" for o in deps.direct_objects(act) for k in lemma_keys(act)
                    for c in lemma_keys(o) if f"{k} {c}" in light), None)
        if word not in ("of", "for") or act.pos_ != "VERB" or lemma is None and key is None:
            continue
        entry, lemma = (light[key], key.replace(" ", "_")) if key else (verbs[lemma], lemma)
        targets = objects(act, entry["obj"], mention_of)
        if not targets:  # "of shelling two Rwandan border villages": the villages' state
            targets = [m for t in deps.direct_objects(act) for m in owners(t, mention_of)]
        if not targets and entry["rel"] in ("attacks", "sanctions", "threatens"):
            # "X accused Y of shelling villages", "… of imposing sanctions": X's villages, on X
            targets = subjects(verb, mention_of)
        for s in accused:
            for o in targets:
                if fits(s, entry["rel"], o):
                    yield s, entry["rel"], o, act, f"accused:{lemma}", entry.get("cameo"), 0.7


WEEKDAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
