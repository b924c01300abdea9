"""kg.train.augment: name substitution keeps the parse; headline casing."""

from __future__ import annotations

import random

from kg.train.augment import substitute_names, titlecase
from kg.train.conllu import Sentence


def _sentence() -> Sentence:
    return Sentence(
        sent_id="s", doc_id="d", newpar=False, text="Ardan Voss visited Ostrana.",
        words=["Ardan", "Voss", "visited", "Ostrana", "."], spaces=[True, True, True, False, False],
        lemmas=["Ardan", "Voss", "visit", "Ostrana", "."],
        upos=["PROPN", "PROPN", "VERB", "PROPN", "PUNCT"], xpos=["NNP", "NNP", "VBD", "NNP", "."],
        feats=[""] * 5, heads=[2, 0, 2, 2, 2], deps=["nsubj", "flat", "ROOT", "obj", "punct"],
        misc=[""] * 5, ents=["B-PERSON", "I-PERSON", "O", "B-LOC", "O"])


def test_substitute_names_keeps_structure():
    sent = _sentence()
    new = substitute_names(sent, random.Random(1), ["Niger"])
    assert new is not None
    assert new.words[3] == "Niger" and new.words[2] == "visited"
    assert new.heads == sent.heads and new.deps == sent.deps and new.ents == sent.ents
    assert sent.words[0] == "Ardan"  # the original is untouched


def test_titlecase():
    new = titlecase(_sentence())
    assert new.words == ["Ardan", "Voss", "Visited", "Ostrana", "."]
    assert new.xpos[2] == "VBD"
