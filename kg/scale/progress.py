"""A one-line progress display for long builds: documents, words/s and the time left.

Shown only on a terminal (`stream.isatty()`); in logs and CI it stays silent, so output is
not flooded with carriage returns. The total, when known, gives a percentage and an ETA.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterable
from pathlib import Path
from typing import TextIO


from kg.ingest.readers import JSONL_SUFFIXES as JSONL
from kg.ingest.readers import SUFFIXES


def count_documents(paths: Iterable[str | os.PathLike[str]]) -> int | None:
    """About how many documents `paths` hold (files, plus non-empty lines of JSONL files), or None."""
    total = 0
    try:
        for root in map(Path, paths):
            files = [root] if root.is_file() else [Path(d) / f for d, _, fs in os.walk(root) for f in fs]
            for path in files:
                if path.name.startswith(".") or path.suffix.lower() not in SUFFIXES:
                    continue
                if path.suffix.lower() in JSONL:
                    with path.open("rb") as handle:
                        total += sum(1 for line in handle if line.strip())
                else:
                    total += 1
    except OSError:
        return None
    return total


def _clock(seconds: float) -> str:
    seconds = int(max(0, seconds))
    hours, rest = divmod(seconds, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}" if hours else f"{rest // 60}:{rest % 60:02d}"


class Progress:
    """Documents done, words per second, and an ETA, redrawn at most every `interval` seconds.

    Args:
        total: Expected number of documents, or None.
        stream: Where to draw (default: stderr).
        enabled: Draw at all (default: only when `stream` is a terminal).
        interval: Seconds between redraws.
    """

    def __init__(self, total: int | None = None, *, stream: TextIO | None = None, enabled: bool | None = None,
                 interval: float = 0.25) -> None:
        self.stream = stream or sys.stderr
        self.enabled = bool(self.stream.isatty()) if enabled is None else enabled
        self.total = total
        self.interval = interval
        self.documents = 0
        self.words = 0
        self.started = time.monotonic()
        self._drawn = 0.0
        self._width = 0

    def update(self, *, documents: int = 1, words: int = 0) -> None:
        """Count finished documents and their words; redraw if it is time."""
        self.documents += documents
        self.words += words
        now = time.monotonic()
        if self.enabled and now - self._drawn >= self.interval:
            self._drawn = now
            self._draw(now)

    def line(self, now: float | None = None) -> str:
        """The progress line as it is drawn."""
        elapsed = max(1e-9, (now or time.monotonic()) - self.started)
        rate = self.documents / elapsed
        text = f"{self.documents:,}"
        if self.total:
            text += f"/{self.total:,} documents ({min(100, 100 * self.documents // max(1, self.total))}%)"
        else:
            text += " documents"
        text += f", {self.words / elapsed:,.0f} words/s"
        if self.total and rate > 0 and self.documents < self.total:
            text += f", ETA {_clock((self.total - self.documents) / rate)}"
        return text + f", {_clock(elapsed)} elapsed"

    def _draw(self, now: float) -> None:
        text = self.line(now)
        self.stream.write("\r" + text.ljust(self._width))
        self.stream.flush()
        self._width = len(text)

    def close(self) -> None:
        """Clear the line (the command prints its own summary)."""
        if self.enabled and self._width:
            self.stream.write("\r" + " " * self._width + "\r")
            self.stream.flush()
