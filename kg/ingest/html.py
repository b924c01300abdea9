"""HTML → the article's main text, with trafilatura (no hand-written regexes)."""

from __future__ import annotations

import logging

import lxml.html
import trafilatura

# trafilatura logs every page it finds too short at WARNING; we report skips ourselves.
logging.getLogger("trafilatura").setLevel(logging.ERROR)
logging.getLogger("htmldate").setLevel(logging.ERROR)


def html_to_text(html: str) -> tuple[str, dict[str, str | None]]:
    """Reduce an HTML page to its article text and metadata.

    Returns:
        The text (title line, a blank line, then the article's paragraphs) and a dict with
        the keys `title`, `date_text`, `url` and `outlet` (values may be None). Scripts,
        styles, navigation and boilerplate are dropped.
    """
    doc = None
    try:
        found = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                            include_tables=False, favor_recall=True)
        doc = found.as_dict() if hasattr(found, "as_dict") else found
    except Exception:  # trafilatura raises assorted errors on broken markup; fall back below
        doc = None
    body = (doc or {}).get("text") or _fallback_text(html)
    title = (doc or {}).get("title") or None
    text = f"{title}\n\n{body}" if title and not body.lstrip().startswith(title) else body
    meta = {"title": title, "date_text": (doc or {}).get("date"), "url": (doc or {}).get("url"),
            "outlet": (doc or {}).get("sitename")}
    return text, meta


def _fallback_text(html: str) -> str:
    """Visible text of a page trafilatura found no article in (short pages, fragments)."""
    try:
        root = lxml.html.fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return ""
    for bad in root.xpath("//script|//style|//noscript|//template|//head"):
        bad.drop_tree()
    lines = (" ".join(t.split()) for t in root.itertext())
    return "\n".join(ln for ln in lines if ln)
