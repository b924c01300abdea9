"""Force held out as an option gives `threatens` — sentences we wrote ourselves."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


def threats(facts, text: str) -> set[tuple[str, str]]:
    return {(s, o) for s, p, o in facts(text) if p == "threatens"}


@pytest.mark.parametrize("text,expected", [
    ("The African Union will take all necessary measures to restore order in Mali, including the use of force.",
     ("African Union", "Mali")),
    ("Turkey warned of military action against Syria.", ("Turkey", "Syria")),
])
def test_extract_threats_force_as_an_option(facts, text, expected):
    assert expected in threats(facts, text)


@pytest.mark.parametrize("text", [
    "ECOWAS ruled out military intervention in Niger.",
    "The use of force in Mali would be a mistake, Ghana said.",
    "Kenya could consider military action against Somalia.",
])
def test_extract_threats_refused_or_hedged_force_is_no_threat(facts, text):
    assert not threats(facts, text)


@pytest.mark.parametrize("text,expected", [
    ("Washington threatened new sanctions on Venezuela.", ("United States", "Venezuela")),
    ("Washington threatened sanctions against Caracas.", ("United States", "Venezuela")),
    ("Iran vowed revenge against Israel after the strike.", ("Iran", "Israel")),
])
def test_extract_threats_threatened_acts_and_vowed_revenge(facts, text, expected):
    found = facts(text)
    assert (expected[0], "threatens", expected[1]) in found
    assert not any(p in ("sanctions", "attacks") for _s, p, _o in found)


def test_extract_threats_revenge_taken_is_an_attack(facts):
    assert ("Israel", "attacks", "Hamas") in facts("Israel took revenge on Hamas.")
