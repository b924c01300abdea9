"""Recognition given (supports) and withdrawn (criticizes); acting through what one leads —
sentences we wrote ourselves."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow



@pytest.mark.parametrize("text,expected", [
    ("Brazil no longer recognizes the legitimacy of President Nicolas Maduro. On Monday Brazil named "
     "opposition leader Juan Guaido as interim president.",
     {("Brazil", "criticizes", "Nicolás Maduro"), ("Brazil", "supports", "Juan Guaido")}),
    ("Peru refused to recognize Nicolas Maduro as president.", {("Peru", "criticizes", "Nicolás Maduro")}),
    ("Egypt leads a military coalition supporting the Sudanese government.",
     {("Egypt", "supports", "Government of Sudan")}),
])
def test_extract_recognition_given_withdrawn_and_through_what_one_leads(facts, text, expected):
    assert expected <= facts(text)


@pytest.mark.parametrize("text", [
    "Kenya named William Ruto as its ambassador to Japan.",
    "Chile did not name Juan Guaido as interim president.",
])
def test_extract_recognition_appointments_and_negations_are_not_support(facts, text):
    assert not {f for f in facts(text) if f[1] == "supports"}


def test_extract_recognition_head_of_state_leads_the_state_not_a_body_named_after_it(facts):
    text = ("President Donald Trump said on Monday that the United States would act. "
            "The White House later confirmed the decision.")
    found = facts(text)
    assert ("Donald Trump", "leaderOf", "United States") in found
    assert not {f for f in found if f[0] == "Donald Trump" and f[1] == "leaderOf" and f[2] != "United States"}
