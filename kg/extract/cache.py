"""Per-document caches for the rules: spaCy makes a new `Token` object on every access and
`Token.sent` walks the document's sentences, so the rules share one list of tokens and one
token → sentence table per document."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

_TOKENS = "kg_tokens"
_SENTS = "kg_sent_of"
_LOWER = "kg_lower"
_TEXT = "kg_text"


_last_tokens: list = [None, None]


def tokens(doc: Doc) -> list[Token]:
    """The document's tokens, made once (`doc[i]` makes a new `Token` object on every access)."""
    if _last_tokens[0] is doc:
        return _last_tokens[1]
    cached = doc.user_data.get(_TOKENS)
    if cached is None or len(cached) != len(doc):
        cached = doc.user_data[_TOKENS] = list(doc)
    _last_tokens[0], _last_tokens[1] = doc, cached
    return cached


def sent_of(token: Token) -> Span:
    """The sentence of `token` (what `token.sent` gives, without walking the document)."""
    doc = token.doc
    table = doc.user_data.get(_SENTS)
    if table is None or len(table) != len(doc):
        table = [None] * len(doc)
        for sent in doc.sents:
            for i in range(sent.start, sent.end):
                table[i] = sent
        doc.user_data[_SENTS] = table
    return table[token.i]


_last_lowers: list = [None, None]  # the last document asked for and its words: the rules ask
# for one document's words tens of thousands of times in a row


def lowers(doc: Doc) -> list[str]:
    """Every token's lower-case form, read once (phrase tables look words up by position)."""
    if _last_lowers[0] is doc:  # (rules run on a finished parse: its words do not change)
        return _last_lowers[1]
    cached = doc.user_data.get(_LOWER)
    if cached is None or len(cached) != len(doc):
        cached = doc.user_data[_LOWER] = [t.lower_ for t in tokens(doc)]
    _last_lowers[0], _last_lowers[1] = doc, cached
    return cached


def texts(doc: Doc) -> list[str]:
    """Every token's text, read once."""
    cached = doc.user_data.get(_TEXT)
    if cached is None or len(cached) != len(doc):
        cached = doc.user_data[_TEXT] = [t.text for t in tokens(doc)]
    return cached
