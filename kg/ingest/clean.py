"""Making untrusted strings safe to store, serialise and print.

Text read from files and feeds may hold characters no RDF syntax, XML document or terminal
should receive: lone UTF-16 surrogates (from JSON escapes such as "\\ud800", or from file
names that are not UTF-8), C0/C1 control characters, and the non-characters U+FFFE/U+FFFF.
`clean_text` replaces each with one character (so lengths, and therefore offsets, are kept);
`shown` renders a path or name for a one-line message.
"""

from __future__ import annotations

import os
import re

# C0 controls except TAB and LF (CR is normalised to LF before), DEL, C1 controls,
# lone surrogates and the two non-characters XML 1.0 forbids.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")


def _replacement(match: re.Match[str]) -> str:
    return " " if match.group(0) < "\ud800" else "\ufffd"


def clean_text(text: str) -> str:
    """`text` with unsafe characters replaced: control characters by a space, lone surrogates
    and U+FFFE/U+FFFF by U+FFFD. The length is unchanged.

    Example:
        clean_text("Mali\\x07 and\\x1b[31m Chad") == "Mali  and [31m Chad"
    """
    return _UNSAFE.sub(_replacement, text)


def shown(value: str | os.PathLike[str], *, limit: int = 300) -> str:
    """A path or name as it may appear in a one-line message: control characters and bytes that
    are not UTF-8 written as escapes, and at most `limit` characters."""
    text = os.fspath(value)
    text = _SURROGATE.sub(lambda m: f"\\x{ord(m.group(0)) - 0xDC00:02x}" if ord(m.group(0)) >= 0xDC80
                          else "\ufffd", text)
    text = _CONTROL.sub(lambda m: m.group(0).encode("unicode_escape").decode("ascii"), text)
    return text if len(text) <= limit else text[:limit - 1] + "…"
