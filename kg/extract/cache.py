"""Per-document caches for the rules: spaCy makes a new `Token` object on every access and
`Token.sent` walks the document's sentences, so the rules share one list of tokens and one
token → sentence table per document."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

_TOKENS = "kg_tokens"
_SENTS = "kg_sent_of"
_LOWER = "kg_lower"
_TEXT = "kg_text"


# the last document asked for and its lists: the rules ask for one document's tokens and words
# tens of thousands of times in a row (rules run on a finished parse: its words do not change)
_LAST: dict = {"doc": None}


def _per_doc(doc: Doc, key: str, build) -> list:  # noqa: ANN001 (build: () -> list)
    if _LAST["doc"] is not doc:
        _LAST.clear()
        _LAST["doc"] = doc
    value = _LAST.get(key)
    if value is None:
        value = doc.user_data.get(key)
        if value is None or len(value) != len(doc):
            value = doc.user_data[key] = build()
        _LAST[key] = value
    return value


def tokens(doc: Doc) -> list[Token]:
    """The document's tokens, made once (`doc[i]` makes a new `Token` object on every access)."""
    if _LAST["doc"] is doc and _TOKENS in _LAST:  # the hot path: no call, no closure
        return _LAST[_TOKENS]
    return _per_doc(doc, _TOKENS, lambda: list(doc))


def sent_of(token: Token) -> Span:
    """The sentence of `token` (what `token.sent` gives, without walking the document)."""
    doc = token.doc
    if _LAST["doc"] is doc and _SENTS in _LAST:
        return _LAST[_SENTS][token.i]
    return _per_doc(doc, _SENTS, lambda: [sent for sent in doc.sents for _ in range(sent.start, sent.end)])[token.i]


def lowers(doc: Doc) -> list[str]:
    """Every token's lower-case form, read once (phrase tables look words up by position)."""
    if _LAST["doc"] is doc and _LOWER in _LAST:  # the hot path: no call, no closure
        return _LAST[_LOWER]
    return _per_doc(doc, _LOWER, lambda: [t.lower_ for t in tokens(doc)])


def texts(doc: Doc) -> list[str]:
    """Every token's text, read once."""
    if _LAST["doc"] is doc and _TEXT in _LAST:  # the hot path: no call, no closure
        return _LAST[_TEXT]
    return _per_doc(doc, _TEXT, lambda: [t.text for t in tokens(doc)])
