"""The shipped pipeline ``kg/models/en_geokg`` and the ``kg_sentences`` rules.

Every sentence here is written for these tests (invented names and places).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy

import kg.nlp.sentences  # noqa: F401  (registers kg_sentences)
from kg.nlp.sentences import set_sentence_starts

MODEL = Path(__file__).resolve().parents[1] / "kg" / "models" / "en_geokg"


# --- sentence rules (blank tokenizer, no model needed) -------------------------------------

def _starts(text: str) -> list[str]:
    doc = set_sentence_starts(spacy.blank("en")(text))
    return [t.text for t in doc if t.is_sent_start is True and t.i > 0]


def _not_starts(text: str) -> list[str]:
    doc = set_sentence_starts(spacy.blank("en")(text))
    return [t.text for t in doc if t.is_sent_start is False]


def test_newline_starts_sentence():
    text = "Border talks resume in Velmora\nMonday, 3 March\nThe two delegations met again."
    assert _starts(text) == ["Monday", "The"]


def test_abbreviations_do_not_end_sentences():
    not_starts = _not_starts("Lt. Gen. Ardan Voss met Mr. Pell and U.S. envoys. He left.")
    for word in ("Gen.", "Ardan", "Pell", "envoys"):
        assert word in not_starts
    assert "He" not in not_starts  # left to the parser


def test_no_start_after_a_word_on_the_same_line():
    assert "Said" in _not_starts("Army General Said Rahimi has arrived.")
    assert "Mansur" in _not_starts("Army General Said Mansur has arrived.")


def test_quotes_stay_on_their_attached_side():
    doc = set_sentence_starts(spacy.blank("en")('He left. "We stay," she said. It was over.” Then.'))
    starts = {t.i: t.is_sent_start for t in doc}
    assert [t.text for t in doc][3:5] == ['"', "We"]
    assert starts[3] is True and starts[4] is False  # an opening quote after a full stop
    assert starts[7] is False and starts[15] is False  # closing quotes
    assert starts[16] is None  # "Then": the parser decides


def test_opening_quote_starts_a_sentence_only_after_a_full_stop():
    assert _starts('Talks ended. "We will return," the envoy said.') == ['"']
    assert _starts('Talks ended in Sana\'a. "Peace" was not mentioned.') == ['"']
    assert _starts('He met Gen. "Tiger" Malik.') == []  # an abbreviation, not a full stop
    assert _starts('Talks ended. "we will return," he said.') == []  # lower case: the parser decides
    assert _starts('Talks ended, "We will return," he said.') == []


def test_page_list_label_is_its_own_sentence():
    assert _starts("Talks resume.\nCategories: Velmora Politics and conflicts") == ["Categories", "Velmora"]
    assert _starts("See also: Border talks in Velmora") == ["Border"]
    # a label must open its line; other colons are the parser's
    assert _starts("The minister listed the categories: Border talks") == []
    assert _starts("Velmora: Border talks resume") == []


def test_number_abbreviation_only_before_a_number():
    assert "5" in _not_starts("Resolution No. 5 passed.")
    assert "They" not in _not_starts("He said no. They laughed.")


# --- the trained pipeline ----------------------------------------------------------------

@pytest.fixture(scope="module")
def nlp():
    if not (MODEL / "meta.json").exists():
        pytest.skip("kg/models/en_geokg not built (python -m kg.train)")
    pipeline = spacy.load(MODEL)
    pipeline.add_pipe("kg_sentences", before="parser")
    return pipeline


@pytest.mark.slow
def test_components_and_labels(nlp):
    for name in ("tok2vec", "tagger", "parser", "ner"):
        assert name in nlp.pipe_names
    assert any(n in nlp.pipe_names for n in ("trainable_lemmatizer", "lemmatizer"))
    assert set(nlp.get_pipe("ner").labels) == {"PERSON", "ORG", "LOC"}
    assert nlp.pipe_names.index("kg_sentences") < nlp.pipe_names.index("parser")
    meta = json.loads((MODEL / "meta.json").read_text())
    assert meta["name"] == "en_geokg"
    assert "geokg_scores" in meta and "ewt_test" in meta["geokg_scores"]


@pytest.mark.slow
def test_model_is_small_enough():
    size = sum(p.stat().st_size for p in MODEL.rglob("*") if p.is_file())
    assert size <= 30 * 1024 * 1024


@pytest.mark.slow
@pytest.mark.parametrize("text, countries", [
    ("Troops from Niger and Chad crossed into Mali on Sunday.", ["Niger", "Chad", "Mali"]),
    ("The foreign ministers of Algeria and Morocco will meet in Tunisia next week.",
     ["Algeria", "Morocco", "Tunisia"]),
    ("Russia said it would send more advisers to Burkina Faso.", ["Russia", "Burkina Faso"]),
    ("Exports from Kazakhstan to Germany rose sharply last year, officials in Astana said.",
     ["Kazakhstan", "Germany"]),
])
def test_country_names_are_entities(nlp, text, countries):
    ents = {e.text for e in nlp(text).ents}
    for country in countries:
        assert country in ents, (country, ents)


def _person_with(doc, name):
    return next((e for e in doc.ents if name in e.text and e.label_ == "PERSON"), None)


@pytest.mark.slow
@pytest.mark.parametrize("text, name, verb", [
    ("Chief of Staff of the Ruritanian Royal Army General Said Mansouri has arrived in Russia "
     "to meet with the Defense Minister Sergey Lavrin.", "Said Mansouri", "arrived"),
    ("Commander of the Eastern Fleet Admiral Will Haddad has returned to Portland after the "
     "naval exercise.", "Will Haddad", "returned"),
    ("Foreign Minister Mark Okafor has visited Ghana to discuss the pipeline.",
     "Mark Okafor", "visited"),
])
def test_title_name_subject_stays_one_person(nlp, text, name, verb):
    doc = nlp(text)
    assert len(list(doc.sents)) == 1
    ent = _person_with(doc, name)
    assert ent is not None, [(e.text, e.label_) for e in doc.ents]
    assert ent.root.head.text == verb, [(t.text, t.dep_, t.head.text) for t in doc]
    assert ent.root.dep_.startswith("nsubj")


@pytest.mark.slow
def test_newline_separated_title_is_its_own_sentence(nlp):
    doc = nlp("Velmora and Ostrana sign border accord\n"
              "The presidents of the two countries signed the agreement on Friday.")
    sents = [s.text.strip() for s in doc.sents]
    assert sents[0] == "Velmora and Ostrana sign border accord"
    assert len(sents) == 2
