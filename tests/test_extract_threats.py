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
