"""The `kg_gazetteer` component: an entity ruler fed from geokg's own gazetteers.

Every name, official name, alias and adjective of the gazetteers (countries, organisations,
people) is matched case-sensitively. All matches are kept in `doc.spans["gazetteer"]` (span
label = kind, span id = the gazetteer key) for entity resolution; `doc.ents` gets the matches
merged with the statistical entities, the longer span winning (so that "Algerian People's
National Army" stays one entity rather than becoming "Algerian" + "National Army").
"""

from __future__ import annotations

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from kg.resolve.gazetteer import load_gazetteer

SPAN_KEY = "gazetteer"
# Names that stand for more than one state, or for a region: left to the statistical NER and
# context. Names ambiguous only with people's names ("Chad", "Jordan") are matched, and
# `Namer.country_name_ok` drops them where a surname follows.
TOO_AMBIGUOUS = {"Congo", "Korea", "America", "Macedonia", "Macedonian", "Micronesia", "Emirates",
                 "Dominicans", "Zaire", "Georgian", "Congolese"}
# OntoNotes-style labels, so that our spans and an en_core_web_* pipeline's agree.
ENT_LABEL = {"country": "GPE", "adjective": "NORP", "org": "ORG", "person": "PERSON",
             "location": "LOC", "capital": "GPE"}


class GazetteerRuler:
    """Match gazetteer names; see the module docstring."""

    def __init__(self, nlp: Language) -> None:
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        by_id: dict[str, list[Doc]] = {}
        seen: set[tuple[str, str]] = set()
        gaz = load_gazetteer()
        capitals = [(name, "capital", c.iso3) for c in gaz.countries.values() if not c.historical
                    for cap in c.capitals if cap for name in (cap, cap.upper())]  # "NAIROBI —" datelines
        for surface, kind, key in [*gaz.surface_forms(include_ambiguous=True), *capitals]:
            if surface in TOO_AMBIGUOUS:
                continue
            surface = surface.strip()
            if len(surface) < 2 or (surface, kind + key) in seen:
                continue
            seen.add((surface, kind + key))
            by_id.setdefault(f"{kind}\t{key}", []).append(nlp.make_doc(surface))
            if "'" in surface:  # news typesets "People’s Republic of China" with a curly apostrophe
                by_id[f"{kind}\t{key}"].append(nlp.make_doc(surface.replace("'", "\u2019")))
        for match_id, docs in by_id.items():
            self.matcher.add(match_id, docs)

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        for match_id, start, end in self.matcher(doc):
            kind, key = doc.vocab.strings[match_id].split("\t", 1)
            spans.append(Span(doc, start, end, label=kind, span_id=key))
        doc.spans[SPAN_KEY] = spans
        ents = [Span(doc, s.start, s.end, label=ENT_LABEL.get(s.label_, "ORG"), span_id=s.id_)
                for s in _longest_per_start(spans)]
        doc.ents = filter_spans(ents + list(doc.ents))  # ties go to the gazetteer
        return doc


def _longest_per_start(spans: list[Span]) -> list[Span]:
    best: dict[int, Span] = {}
    for span in spans:
        if span.start not in best or len(span) > len(best[span.start]):
            best[span.start] = span
    return filter_spans(list(best.values()))


@Language.factory("kg_gazetteer", requires=["doc.ents"], assigns=["doc.ents", "doc.spans"])
def make_gazetteer_ruler(nlp: Language, name: str) -> GazetteerRuler:
    """Factory of the `kg_gazetteer` component."""
    return GazetteerRuler(nlp)


def add_gazetteer_ruler(nlp: Language) -> None:
    """Add `kg_gazetteer` after the statistical NER (or last)."""
    if "kg_gazetteer" in nlp.pipe_names:
        return
    if "ner" in nlp.pipe_names:
        nlp.add_pipe("kg_gazetteer", after="ner")
    else:
        nlp.add_pipe("kg_gazetteer", last=True)
