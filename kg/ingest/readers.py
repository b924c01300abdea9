"""Readers: files and folders of `.txt`, `.md`, `.html` and `.jsonl` → `Document`s.

Readers stream: a folder or a JSONL file is read one document at a time. A path that does
not exist raises at once; a file that cannot be read is skipped, recorded in the
`ReadReport`, and reading goes on.

Limits keep memory bounded whatever the input: a text or HTML file over `max_bytes` is refused
before it is read; a JSONL file is read line by line and a line over `max_bytes` is skipped
without being held in memory; a document over `max_chars` characters (spaCy's limit) is
skipped. Only regular files are read (never a FIFO or a device), symbolic link loops and
unreadable folders are reported, and every string is passed through `clean_text`.
"""

from __future__ import annotations

import codecs
import json
import os
import re
import stat
from collections.abc import Iterable, Iterator
from typing import BinaryIO
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import Errors, InputError
from kg.ingest.clean import clean_text, shown
from kg.ingest.dates import header_date, parse_date
from kg.ingest.document import Document
from kg.ingest.html import html_to_text

TEXT_SUFFIXES = {".txt", ".md", ".text", ".markdown"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES
DEFAULT_MAX_BYTES = 50_000_000
#: spaCy's default `max_length`: longer texts would need more than ~1 GB to parse.
DEFAULT_MAX_CHARS = 1_000_000
_MAGIC = {
    b"\x89PNG": "a PNG image", b"\xff\xd8\xff": "a JPEG image", b"GIF8": "a GIF image",
    b"PK\x03\x04": "a ZIP archive", b"%PDF": "a PDF file", b"\x1f\x8b": "a gzip archive",
    b"\x7fELF": "an executable", b"BZh": "a bzip2 archive", b"7z\xbc\xaf": "a 7z archive",
}
_DATE_IN_NAME = re.compile(r"(\d{4}-\d{2}-\d{2})")


@dataclass
class ReadReport:
    """What a read did: documents read and files skipped (with the reason)."""

    read: int = 0
    skipped: list[str] = field(default_factory=list)

    def skip(self, message: str) -> None:
        """Record one skipped file or line (a one-line message naming it)."""
        self.skipped.append(message)


def iter_documents(paths: Iterable[str | os.PathLike[str]], *, report: ReadReport | None = None,
                   encoding: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES,
                   max_chars: int = DEFAULT_MAX_CHARS) -> Iterator[Document]:
    """Yield the documents found under `paths`, in a stable order.

    Args:
        paths: Files and folders. Folders are searched recursively for known suffixes.
        report: Collects counts and the messages of skipped files; optional.
        encoding: Decode files with this encoding instead of detecting UTF-8/UTF-16.
        max_bytes: Text and HTML files larger than this, and JSONL lines longer, are skipped
            with a clear message (without being read into memory).
        max_chars: Documents with more characters than this are skipped.

    Raises:
        InputError: A path does not exist, or no readable document was found at all.
    """
    report = report if report is not None else ReadReport()
    roots = [Path(p) for p in paths]
    for root in roots:
        if not root.exists():
            if root.is_symlink():
                raise InputError(Errors.E006.format(path=shown(root), why="a broken or looping symbolic link"))
            raise InputError(Errors.E001.format(path=shown(root)))
    return _iter(roots, report=report, encoding=encoding, max_bytes=max_bytes, max_chars=max_chars)


def _iter(roots: list[Path], *, report: ReadReport, encoding: str | None, max_bytes: int,
          max_chars: int) -> Iterator[Document]:
    before = report.read
    for root in roots:
        files = [root] if not root.is_dir() else _walk(root, report)
        for path in files:
            try:
                for doc in _read_file(path, report=report, encoding=encoding, max_bytes=max_bytes,
                                      max_chars=max_chars):
                    report.read += 1
                    yield doc
            except InputError as e:
                report.skip(str(e))
    if report.read == before:
        where = ", ".join(shown(r) for r in roots)
        detail = f" ({len(report.skipped)} skipped: {report.skipped[0]})" if report.skipped else ""
        raise InputError(Errors.E002.format(path=where, suffixes=", ".join(sorted(SUFFIXES))) + detail)


def _walk(folder: Path, report: ReadReport) -> list[Path]:
    found: list[Path] = []

    def unreadable(e: OSError) -> None:
        report.skip(Errors.E006.format(path=shown(e.filename or folder), why=e.strerror or e))

    for dirpath, dirnames, filenames in os.walk(folder, onerror=unreadable, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            path = Path(dirpath) / name
            if not name.startswith(".") and path.suffix.lower() in SUFFIXES:
                found.append(path)
    return found


def _read_file(path: Path, *, report: ReadReport, encoding: str | None, max_bytes: int,
               max_chars: int) -> Iterator[Document]:
    try:
        info = path.stat()
    except OSError as e:
        raise InputError(Errors.E006.format(path=shown(path), why=e.strerror or e)) from e
    if not stat.S_ISREG(info.st_mode):
        raise InputError(Errors.E006.format(path=shown(path), why="not a regular file"))
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        yield from _read_jsonl(path, report=report, encoding=encoding, max_bytes=max_bytes, max_chars=max_chars)
        return
    if info.st_size > max_bytes:
        raise InputError(Errors.E008.format(path=shown(path), size=info.st_size, limit=max_bytes))
    text = _decode(path, _read_bytes(path, max_bytes), encoding)
    if suffix in HTML_SUFFIXES:
        text, meta = html_to_text(text)
    else:
        meta = {}
    yield make_document(text, doc_id=path.stem, source=str(path), path=path, max_chars=max_chars, **meta)


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    try:
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)  # a file that grew since stat() is still bounded
    except OSError as e:
        raise InputError(Errors.E006.format(path=shown(path), why=e.strerror or e)) from e
    if len(data) > max_bytes:
        raise InputError(Errors.E008.format(path=shown(path), size=f"at least {len(data)}", limit=max_bytes))
    return data


def _decode(path: Path, data: bytes, encoding: str | None) -> str:
    if encoding:
        try:
            return data.decode(encoding)
        except (UnicodeDecodeError, LookupError) as e:
            raise InputError(Errors.E005.format(path=shown(path), why=e)) from e
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as e:
            raise InputError(Errors.E005.format(path=shown(path), why=e)) from e
    for magic, what in _MAGIC.items():
        if data.startswith(magic):
            raise InputError(Errors.E004.format(path=shown(path), why=f"looks like {what}"))
    if b"\x00" in data[:8192]:
        raise InputError(Errors.E004.format(path=shown(path), why="it contains NUL bytes"))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        why = f"invalid UTF-8 at byte {e.start}"
        raise InputError(Errors.E005.format(path=shown(path), why=why)) from e


def _lines(handle: BinaryIO, max_bytes: int) -> Iterator[tuple[int, bytes | None]]:
    """(line number, bytes) of each line; None for a line over `max_bytes`, which is skipped
    in chunks, never held in memory whole."""
    lineno = 0
    while True:
        raw = handle.readline(max_bytes + 1)
        if not raw:
            return
        lineno += 1
        if len(raw) > max_bytes and not raw.endswith(b"\n"):
            while raw and not raw.endswith(b"\n"):
                raw = handle.readline(1 << 20)
            yield lineno, None
        else:
            yield lineno, raw


def _read_jsonl(path: Path, *, report: ReadReport, encoding: str | None, max_bytes: int,
                max_chars: int) -> Iterator[Document]:
    try:
        handle = path.open("rb")
    except OSError as e:
        raise InputError(Errors.E006.format(path=shown(path), why=e.strerror or e)) from e
    with handle:
        for lineno, raw in _lines(handle, max_bytes):
            if raw is None:
                report.skip(Errors.E007.format(path=shown(path), line=lineno,
                                               why=f"the line is over the size limit of {max_bytes} bytes"))
                continue
            if not raw.strip():
                continue
            try:
                record = json.loads(_decode(path, raw, encoding))
                if not isinstance(record, dict) or not str(record.get("text") or "").strip():
                    raise ValueError("no text")
            except (ValueError, InputError, RecursionError) as e:
                report.skip(Errors.E007.format(path=shown(path), line=lineno, why=shown(str(e), limit=80)))
                continue
            doc_id = str(record.get("id") or record.get("url") or f"{path.stem}-{lineno}")
            meta = {k: str(v) for k, v in record.items()
                    if k not in {"text", "title", "date", "url", "id", "outlet", "source"} and v is not None}
            try:
                yield make_document(
                    str(record["text"]), doc_id=doc_id, title=record.get("title"),
                    date_text=record.get("date"), url=record.get("url"),
                    outlet=record.get("outlet") or record.get("source"),
                    source=str(record.get("url") or f"{path}:{lineno}"), meta=meta, max_chars=max_chars)
            except InputError as e:
                report.skip(f"{e} (line {lineno})")


def make_document(text: str, *, doc_id: str, source: str = "", title: str | None = None,
                  date_text: str | None = None, url: str | None = None, outlet: str | None = None,
                  path: Path | None = None, meta: dict[str, str] | None = None,
                  max_chars: int = DEFAULT_MAX_CHARS) -> Document:
    """Build a `Document` from text and whatever metadata is known.

    The title defaults to the first non-empty line; the date to metadata, else the first date
    in the header, else a `YYYY-MM-DD` in the file name. Every string goes through
    `clean_text` (control characters become spaces, lone surrogates U+FFFD).

    Raises:
        InputError: The text is empty or only white space (E003), or longer than `max_chars` (E009).
    """
    text = clean_text(text.replace("\r\n", "\n").replace("\r", "\n"))
    where = shown(path or source or doc_id)
    if not text.strip():
        raise InputError(Errors.E003.format(path=where))
    if len(text) > max_chars:
        raise InputError(Errors.E009.format(path=where, chars=len(text), limit=max_chars))
    doc_id, source = clean_text(str(doc_id)), clean_text(str(source))
    title = clean_text(str(title)) if title else title
    url, outlet = (clean_text(str(v)) if v is not None else None for v in (url, outlet))
    meta = {clean_text(k): clean_text(v) for k, v in (meta or {}).items()}
    if not title:
        title = next((ln.strip().lstrip("#").strip() for ln in text.splitlines() if ln.strip()), "")
    when = parse_date(date_text) or header_date(text)
    if when is None and path is not None:
        m = _DATE_IN_NAME.search(path.name)
        when = parse_date(m.group(1)) if m else None
    return Document(id=doc_id, text=text, title=str(title)[:500], date=when, source=source,
                    url=url, outlet=outlet, meta=meta)
