"""Force held out as an option gives `threatens` — sentences we wrote ourselves."""

from __future__ import annotations

import pytest

from kg.extract.extractor import extract
from kg.ingest.readers import make_document

pytestmark = pytest.mark.slow


def threats(nlp, text: str) -> set[tuple[str, str]]:
    document = make_document(text, doc_id="t", date_text="2024-03-05")
    ex = extract(nlp(document.text), document)
    return {(f.subject, f.object) for f in ex.facts if f.predicate == "threatens"}


@pytest.mark.parametrize("text,expected", [
    ("The African Union will take all necessary measures to restore order in Mali, including the use of force.",
     ("African Union", "Mali")),
    ("Turkey warned of military action against Syria.", ("Turkey", "Syria")),
])
def test_extract_threats_force_as_an_option(nlp, text, expected):
    assert expected in threats(nlp, text)


@pytest.mark.parametrize("text", [
    "ECOWAS ruled out military intervention in Niger.",
    "The use of force in Mali would be a mistake, Ghana said.",
    "Kenya could consider military action against Somalia.",
])
def test_extract_threats_refused_or_hedged_force_is_no_threat(nlp, text):
    assert not threats(nlp, text)
