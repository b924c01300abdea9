"""Finding a document's date in its header or file name."""

from __future__ import annotations

import re
from datetime import date

from dateutil import parser as dateparser

_MONTHS = ("jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june|"
           "july|august|september|october|november|december")
_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)"), "ymd"),
    (re.compile(r"(?<!\d)(\d{1,2})\.(\d{1,2})\.(\d{4})(?!\d)"), "dmy"),
    (re.compile(rf"(?i)\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:{_MONTHS})\.?,?\s+\d{{4}}\b"), "text"),
    (re.compile(rf"(?i)\b(?:{_MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}\b"), "text"),
]


def parse_date(value: str | None) -> date | None:
    """Parse a date given in metadata ("2023-08-02", "August 2, 2023", "02.08.2023").

    Args:
        value: The string, or None.

    Returns:
        The date, or None when the string holds no recognisable date.
    """
    if not value:
        return None
    return find_date(str(value)) or _dateutil(str(value))


def find_date(text: str) -> date | None:
    """Return the first unambiguous date written in `text`, or None.

    Dotted numeric dates are read day first ("02.08.2023" is 2 August 2023), as European and
    Russian outlets write them; slashed numeric dates are ignored because they are ambiguous.
    """
    best: tuple[int, date] | None = None
    for pattern, kind in _PATTERNS:
        for m in pattern.finditer(text):
            found = _build(m, kind)
            if found and (best is None or m.start() < best[0]):
                best = (m.start(), found)
            if found:
                break
    return best[1] if best else None


def header_date(text: str, *, lines: int = 6) -> date | None:
    """The date in the first few non-empty lines of an article (its title and dateline)."""
    head = [ln for ln in text.splitlines() if ln.strip()][:lines]
    return find_date("\n".join(head))


def _build(m: re.Match[str], kind: str) -> date | None:
    try:
        if kind == "ymd":
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if kind == "dmy":
            return date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        return _dateutil(m.group(0))
    except ValueError:
        return None


def _dateutil(value: str) -> date | None:
    try:
        parsed = dateparser.parse(value, fuzzy=False, default=None)
    except (ValueError, OverflowError, TypeError):
        return None
    if parsed is None or not 1000 <= parsed.year <= 2999:
        return None
    return parsed.date()
