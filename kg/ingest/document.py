"""The `Document` record every later stage works on."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class Document:
    """One news document.

    Attributes:
        id: Stable identifier: the JSONL `id` (else its `url`), or a file's name without extension.
        text: The text all character offsets refer to (line ends normalised to "\\n").
        title: The title: given in metadata, else the first non-empty line.
        date: Publication date, from metadata, the article's header, or the file name.
        source: Where it came from: a URL or a file path.
        url: The article's URL, when known.
        outlet: The publishing outlet or agency, when known.
        meta: Any other metadata fields, as strings.
    """

    id: str
    text: str
    title: str = ""
    date: date | None = None
    source: str = ""
    url: str | None = None
    outlet: str | None = None
    meta: dict[str, str] = field(default_factory=dict, compare=False, hash=False)

    @property
    def content_hash(self) -> str:
        """`sha256:<hex>` of the text: the same text always gives the same hash."""
        return "sha256:" + hashlib.sha256(self.text.encode("utf-8")).hexdigest()
