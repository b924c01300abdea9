"""Read UD CoNLL-U files (EWT, GUM) and UNER IOB2 files into plain sentence records.

Multiword tokens (``don't`` = ``do`` + ``n't``) are kept as their syntactic words, which is
also how spaCy's English tokenizer splits them; the words inside a multiword token get no
space between them and the last one inherits the token's ``SpaceAfter``. Empty nodes
(``8.1``) only exist in the enhanced graph and are skipped.

GUM's ``Entity=`` MISC annotations are parsed into mentions; :func:`named_mentions` keeps the
named person / place / organization mentions and trims them to the name itself (see there).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

ENTITY_TYPES = {"person": "PERSON", "place": "LOC", "organization": "ORG"}
UNER_TYPES = {"PER": "PERSON", "ORG": "ORG", "LOC": "LOC"}

# Words that precede a name but are not part of it (UNER / CoNLL practice: "President [Obama]").
TITLES = {
    "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "prof", "prof.", "professor", "sir",
    "president", "vice", "prime", "minister", "secretary", "general", "gen", "gen.", "lt", "lt.",
    "colonel", "col", "col.", "major", "maj", "maj.", "captain", "capt", "capt.", "admiral",
    "adm", "adm.", "sergeant", "sgt", "sgt.", "commander", "chief", "king", "queen", "prince",
    "princess", "senator", "sen", "sen.", "rep", "rep.", "representative", "governor", "gov",
    "gov.", "mayor", "judge", "justice", "pope", "saint", "st", "st.", "lord", "lady", "ambassador",
    "chancellor", "administrator", "spokesperson", "premier", "emir", "sheikh", "sultan", "director", "spokesman", "spokeswoman",
    "bishop", "archbishop", "reverend", "rev", "rev.", "father", "sister", "brother", "uncle",
    "aunt", "officer", "agent", "coach", "chairman", "ceo", "founder", "the", "a", "an",
}
CONNECTORS = {"of", "the", "and", "&", "for", "de", "du", "la", "le", "von", "van", "al", "-", "'s"}


@dataclass
class Sentence:
    """One CoNLL-U sentence (syntactic words) with its document / paragraph context."""

    sent_id: str
    doc_id: str
    newpar: bool
    text: str
    words: list[str] = field(default_factory=list)
    spaces: list[bool] = field(default_factory=list)
    lemmas: list[str] = field(default_factory=list)
    upos: list[str] = field(default_factory=list)
    xpos: list[str] = field(default_factory=list)
    feats: list[str] = field(default_factory=list)
    heads: list[int] = field(default_factory=list)  # 0-based index in the sentence, self for root
    deps: list[str] = field(default_factory=list)
    misc: list[str] = field(default_factory=list)
    ents: list[str] | None = None  # IOB per word with our labels ("B-PERSON"), None = unknown


def read_conllu(path: Path) -> Iterator[Sentence]:
    """Yield the sentences of a CoNLL-U file in order."""
    doc_id, newpar, meta = "", False, {}
    rows: list[list[str]] = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if line.startswith("#"):
                if line.startswith("# newdoc"):
                    doc_id = line.split("=", 1)[1].strip() if "=" in line else line
                    newpar = True
                elif line.startswith("# newpar"):
                    newpar = True
                elif "=" in line:
                    key, value = line[1:].split("=", 1)
                    meta[key.strip()] = value.strip()
            elif line.strip():
                rows.append(line.split("\t"))
            elif rows:
                yield _sentence(rows, meta, doc_id, newpar)
                rows, meta, newpar = [], {}, False
    if rows:
        yield _sentence(rows, meta, doc_id, newpar)


def _sentence(rows: list[list[str]], meta: dict, doc_id: str, newpar: bool) -> Sentence:
    sent = Sentence(meta.get("sent_id", ""), doc_id, newpar, meta.get("text", ""))
    mwt_end, mwt_space = -1, True
    for cols in rows:
        idx = cols[0]
        if "." in idx:
            continue
        if "-" in idx:
            mwt_end = int(idx.split("-")[1])
            mwt_space = "SpaceAfter=No" not in cols[9]
            continue
        i = int(idx)
        sent.words.append(cols[1])
        sent.lemmas.append(cols[2] if cols[2] != "_" or cols[1] == "_" else "")
        sent.upos.append(cols[3])
        sent.xpos.append(cols[4] if cols[4] != "_" else "")
        sent.feats.append(cols[5] if cols[5] != "_" else "")
        head = int(cols[6])
        sent.heads.append(head - 1 if head else i - 1)
        sent.deps.append("ROOT" if cols[7] == "root" else cols[7])
        sent.misc.append(cols[9])
        if i < mwt_end:
            sent.spaces.append(False)
        elif i == mwt_end:
            sent.spaces.append(mwt_space)
        else:
            sent.spaces.append("SpaceAfter=No" not in cols[9])
    return sent


def read_iob2(path: Path) -> dict[str, tuple[list[str], list[str]]]:
    """Map sent_id -> (words, IOB tags with our labels) for a UNER file."""
    out: dict[str, tuple[list[str], list[str]]] = {}
    sent_id, words, tags = "", [], []
    with open(path, encoding="utf-8") as fh:
        for line in list(fh) + [""]:
            line = line.rstrip("\n")
            if line.startswith("# sent_id"):
                sent_id = line.split("=", 1)[1].strip()
            elif line.startswith("#"):
                continue
            elif line.strip():
                cols = line.split("\t")
                tag = cols[2]
                if tag != "O":
                    prefix, label = tag.split("-", 1)
                    tag = f"{prefix}-{UNER_TYPES[label]}" if label in UNER_TYPES else "O"
                words.append(cols[1])
                tags.append(tag)
            elif words:
                out[sent_id] = (words, tags)
                sent_id, words, tags = "", [], []
    return out


_OPEN = re.compile(r"\(([^()]*)")


def gum_mentions(sent: Sentence) -> list[dict]:
    """Parse the ``Entity=`` brackets of a GUM sentence into mention dicts.

    Each mention: ``eid``, ``etype``, ``identity`` (Wikipedia name or ""), ``start``, ``end``
    (word indices, end exclusive).
    """
    mentions, stack = [], []
    for i, misc in enumerate(sent.misc):
        value = next((p[7:] for p in misc.split("|") if p.startswith("Entity=")), "")
        pos = 0
        while pos < len(value):
            if value[pos] == "(":
                m = _OPEN.match(value, pos)
                body = m.group(1)
                parts = body.split("-")
                ment = {"eid": parts[0], "etype": parts[1] if len(parts) > 1 else "",
                        "identity": "-".join(parts[7:]), "start": i, "end": None}
                pos = m.end()
                if pos < len(value) and value[pos] == ")":
                    ment["end"] = i + 1
                    mentions.append(ment)
                    pos += 1
                else:
                    stack.append(ment)
            else:
                m = re.match(r"([^()]+)\)", value[pos:])
                if not m:
                    break
                eid = m.group(1)
                for j in range(len(stack) - 1, -1, -1):
                    if stack[j]["eid"] == eid:
                        ment = stack.pop(j)
                        ment["end"] = i + 1
                        mentions.append(ment)
                        break
                pos += m.end()
    return mentions


def _is_name(sent: Sentence, i: int) -> bool:
    proper = sent.upos[i] == "PROPN" or sent.xpos[i] in ("NNP", "NNPS")
    return proper and sent.words[i].lower() not in TITLES


def _names_identity(sent: Sentence, a: int, b: int, identity: str) -> bool:
    """Whether words a..b share a word with the Wikipedia identity ("Paul_Dewar")."""
    def parts(text: str) -> set[str]:
        plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
        return {w for w in re.split(r"[_\W]+", plain) if len(w) > 1}

    wanted = parts(identity)
    return any(parts(w) & wanted for w in sent.words[a:b])


def named_mentions(sent: Sentence) -> list[tuple[int, int, str]]:
    """Named person/place/organization mentions of a GUM sentence as (start, end, label).

    A mention counts as named when its syntactic head is a proper noun (not a title), or it
    has a Wikipedia identity and contains a proper-noun name of its own. The span is trimmed
    to the name: the run of proper nouns (with inner connectors such as "of the") around the
    head, excluding determiners, titles and names nested inside it that belong to other
    person entities ("Afghan Ambassador to the [United States] [Hamdullah Mohib]"); places
    inside organisation names stay ("[United States Navy]"). Plural group nouns ("Muslims", NNPS) alone
    are not entities. A person's name may hang off a common-noun head ("spokesperson [Julie
    Hahn]"); a person span must share a word with the person's Wikipedia identity where it has
    one (so "Foreign Affairs minister" = Maxime Bernier yields no span).
    """
    mentions = gum_mentions(sent)
    out: list[tuple[int, int, str]] = []
    for ment in mentions:
        label = ENTITY_TYPES.get(ment["etype"])
        if not label:
            continue
        s, e = ment["start"], ment["end"]
        nested = set()
        for other in mentions:
            if label == "PERSON" and other["eid"] != ment["eid"] and s <= other["start"] \
                    and other["end"] <= e and ENTITY_TYPES.get(other["etype"]) \
                    and (other["end"] - other["start"]) < (e - s):
                nested.update(range(other["start"], other["end"]))
        own = [i for i in range(s, e) if i not in nested]
        heads = [i for i in range(s, e) if not (s <= sent.heads[i] < e) or sent.heads[i] == i]
        head = heads[0] if heads else s
        # a name attached to a common-noun head: "spokesperson [Julie Hahn]", "his girlfriend
        # [Julie Couillard]" (the name is flat / appos of the head noun)
        attached = [i for i in own if i != head and sent.heads[i] == head and _is_name(sent, i)
                    and sent.deps[i] in ("flat", "appos")]
        if head in own and _is_name(sent, head):
            seed = head
        elif label == "PERSON" and attached:
            seed = attached[0]
        elif ment["identity"]:
            names = [i for i in own if _is_name(sent, i)]
            if not names:
                continue
            seed = names[-1]
        else:
            continue
        a = seed
        while a - 1 >= s and a - 1 in own and _is_name(sent, a - 1):
            a -= 1
        b = seed + 1
        while b < e and b in own:
            if _is_name(sent, b) or sent.upos[b] == "NUM" and b > a:
                b += 1
                continue
            k = b  # bridge connectors only if a name follows inside the mention
            while k < e and k in own and sent.words[k].lower() in CONNECTORS | {"american"}:
                k += 1
            if k > b and k < e and k in own and _is_name(sent, k):
                b = k + 1
            else:
                break
        if all(sent.xpos[i] == "NNPS" for i in range(a, b)):
            continue
        if label == "PERSON" and ment["identity"] and not _names_identity(sent, a, b, ment["identity"]):
            continue  # "[Foreign Affairs] minister" = Maxime_Bernier: the name is not there
        out.append((a, b, label))
    out.sort(key=lambda x: (x[0], -(x[1] - x[0])))
    kept, taken = [], set()
    for a, b, label in out:
        if not taken.intersection(range(a, b)):
            kept.append((a, b, label))
            taken.update(range(a, b))
    return kept


def spans_to_iob(n: int, spans: list[tuple[int, int, str]]) -> list[str]:
    """IOB tags for ``n`` words from (start, end, label) spans."""
    tags = ["O"] * n
    for a, b, label in spans:
        tags[a] = f"B-{label}"
        for i in range(a + 1, b):
            tags[i] = f"I-{label}"
    return tags
