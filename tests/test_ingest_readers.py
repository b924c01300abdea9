"""Reading documents: formats, metadata, and bad input."""

from __future__ import annotations

import json
from datetime import date

import pytest

from kg.errors import InputError
from kg.ingest import ReadReport, iter_documents
from kg.ingest.dates import find_date, header_date, parse_date


def _read(*paths, **kw):
    report = ReadReport()
    return list(iter_documents(paths, report=report, **kw)), report


def test_ingest_readers_text_file_title_date_and_id(tmp_path):
    path = tmp_path / "ties-2023-08-02.txt"
    path.write_text("Ruritania and Freedonia sign a pact\n\n14:05 03.09.2021 •\n\nBody text.\r\n", encoding="utf-8")
    (doc,), report = _read(path)
    assert doc.id == "ties-2023-08-02"
    assert doc.title == "Ruritania and Freedonia sign a pact"
    assert doc.date == date(2021, 9, 3)  # the header wins over the file name; dotted dates are day first
    assert "\r" not in doc.text
    assert doc.content_hash.startswith("sha256:") and len(doc.content_hash) == 71
    assert report.read == 1 and report.skipped == []


def test_ingest_readers_file_name_date_is_the_fallback(tmp_path):
    path = tmp_path / "story-2019-01-28.md"
    path.write_text("# A title\n\nNo date in here.", encoding="utf-8")
    (doc,), _ = _read(path)
    assert doc.title == "A title"
    assert doc.date == date(2019, 1, 28)


def test_ingest_readers_jsonl_fields_and_broken_lines(tmp_path):
    path = tmp_path / "feed.jsonl"
    lines = [json.dumps({"id": "a1", "text": "First text.", "title": "T1", "date": "2020-07-14",
                         "url": "https://example.org/a1", "outlet": "Wire"}),
             "{not json",
             json.dumps({"text": "   "}),
             json.dumps({"url": "https://example.org/b", "text": "Second text."})]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    docs, report = _read(path)
    assert [d.id for d in docs] == ["a1", "https://example.org/b"]
    assert docs[0].title == "T1" and docs[0].date == date(2020, 7, 14) and docs[0].outlet == "Wire"
    assert len(report.skipped) == 2
    assert all("feed.jsonl, line" in s for s in report.skipped)


def test_ingest_readers_html_keeps_article_drops_scripts(tmp_path):
    path = tmp_path / "page.html"
    body = "<p>" + "Ruritania's foreign minister met his Freedonian counterpart on Monday. " * 5 + "</p>"
    path.write_text(f"<html><head><title>Talks held</title><script>var x = 'SECRET';</script>"
                    f"<style>p {{color: red}}</style></head><body><nav>Home | About</nav>"
                    f"<article><h1>Talks held</h1>{body}</article></body></html>", encoding="utf-8")
    (doc,), _ = _read(path)
    assert "counterpart" in doc.text
    assert "SECRET" not in doc.text and "color: red" not in doc.text
    assert doc.title == "Talks held"


def test_ingest_readers_folder_recursive_sorted_and_filtered(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "two.txt").write_text("Two.", encoding="utf-8")
    (tmp_path / "one.txt").write_text("One.", encoding="utf-8")
    (tmp_path / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (tmp_path / ".hidden.txt").write_text("Hidden.", encoding="utf-8")
    docs, _ = _read(tmp_path)
    assert [d.id for d in docs] == ["one", "two"]


@pytest.mark.parametrize("name,data,why", [
    ("empty.txt", b"", "E003"),
    ("blank.txt", b"  \n\t\n", "E003"),
    ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00", "E004"),
    ("zipped.txt", b"PK\x03\x04rest", "E004"),
    ("nul.txt", b"abc\x00def", "E004"),
    ("latin1.txt", "Caf\u00e9 in Niamey".encode("latin-1"), "E005"),
])
def test_ingest_readers_bad_file_is_skipped_with_a_named_message(tmp_path, name, data, why):
    (tmp_path / name).write_bytes(data)
    (tmp_path / "good.txt").write_text("A good document.", encoding="utf-8")
    docs, report = _read(tmp_path)
    assert [d.id for d in docs] == ["good"]
    assert len(report.skipped) == 1
    assert report.skipped[0].startswith(why) and name in report.skipped[0]
    assert "\n" not in report.skipped[0]


def test_ingest_readers_utf16_with_bom_is_read(tmp_path):
    (tmp_path / "u16.txt").write_bytes(b"\xff\xfe" + "Niger and Algeria.".encode("utf-16-le"))
    (doc,), _ = _read(tmp_path / "u16.txt")
    assert doc.text == "Niger and Algeria."


def test_ingest_readers_explicit_encoding(tmp_path):
    (tmp_path / "l1.txt").write_bytes("Caf\u00e9 in Niamey".encode("latin-1"))
    (doc,), _ = _read(tmp_path / "l1.txt", encoding="latin-1")
    assert doc.text == "Caf\u00e9 in Niamey"


def test_ingest_readers_missing_path_raises(tmp_path):
    with pytest.raises(InputError, match="E001"):
        _read(tmp_path / "nope")


def test_ingest_readers_nothing_readable_raises(tmp_path):
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    with pytest.raises(InputError, match="E002"):
        _read(tmp_path)


def test_ingest_readers_size_limit(tmp_path):
    (tmp_path / "big.txt").write_text("word " * 100, encoding="utf-8")
    (tmp_path / "ok.txt").write_text("fine", encoding="utf-8")
    docs, report = _read(tmp_path, max_bytes=100)
    assert [d.id for d in docs] == ["ok"] and report.skipped[0].startswith("E008")


@pytest.mark.parametrize("text,expected", [
    ("15:19 02.08.2023 •", date(2023, 8, 2)),
    ("Published 2019-01-28", date(2019, 1, 28)),
    ("July 14, 2020 — Yerevan", date(2020, 7, 14)),
    ("9 September 2022", date(2022, 9, 9)),
    ("no date here 12/05", None),
])
def test_ingest_dates_find_date(text, expected):
    assert find_date(text) == expected


def test_ingest_dates_header_only_looks_at_the_top():
    text = "Title\n\n" + "\n".join(f"line {i}" for i in range(10)) + "\n2020-01-01"
    assert header_date(text) is None
    assert parse_date("2023-03-10") == date(2023, 3, 10) and parse_date("") is None
