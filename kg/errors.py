"""Errors and warnings of geokg.

Every message says what went wrong, why, and what to do about it. Library code raises
`KGError` (or a subclass); the command-line interface turns it into one line and a
non-zero exit. Warnings go through `warnings.warn(..., KGWarning)`.
"""

from __future__ import annotations


class KGError(Exception):
    """Base class of every error geokg raises on purpose."""


class InputError(KGError):
    """A document or path cannot be read."""


class ModelError(KGError):
    """The spaCy pipeline cannot be loaded or lacks what extraction needs."""


class ConfigError(KGError):
    """An option or setting has an invalid value."""


class KGWarning(UserWarning):
    """Something was skipped, and the result is still usable."""


class Errors:
    """Error messages, by code. Use `Errors.E001.format(...)`."""

    E001 = "E001 {path}: no such file or folder. Check the path, or quote it if it contains spaces."
    E002 = ("E002 {path}: no readable documents found (looked for {suffixes}). "
            "Point `kg build` at .txt, .md, .html or .jsonl files, or at a folder holding them.")
    E003 = "E003 {path}: the file is empty (or only white space); nothing to extract."
    E004 = ("E004 {path}: not text ({why}). geokg reads UTF-8 text, HTML and JSONL; "
            "convert the file first.")
    E005 = ("E005 {path}: cannot be decoded as text ({why}). Save it as UTF-8, "
            "or pass `--encoding` with the right encoding.")
    E006 = "E006 {path}: cannot be read ({why})."
    E007 = ("E007 {path}, line {line}: not a JSON object with a non-empty \"text\" field ({why}). "
            "Each JSONL line must be {{\"text\": ..., \"title\"?: ..., \"date\"?: ..., \"url\"?: ...}}.")
    E008 = ("E008 {path}: {size} bytes is over the size limit of {limit} bytes. "
            "Split the file, or raise the limit with `--max-bytes`.")
    E009 = ("E009 {path}: {chars} characters is over the limit of {limit} characters per document "
            "(parsing it would need gigabytes of memory). Split it into articles.")
    E010 = ("E010 cannot load the spaCy pipeline {name!r}: {why}. Use the shipped pipeline "
            "(leave --model unset), a path to a pipeline folder, or an installed package "
            "such as en_core_web_sm.")
    E011 = ("E011 the spaCy pipeline {name!r} has no {what}; geokg needs a dependency parser "
            "and named-entity recognizer (or pass a complete pipeline).")
    E020 = "E020 invalid base IRI {iri!r}: it must be an absolute http(s) IRI ending in '/' or '#'."
    E021 = "E021 {path}: cannot write output ({why})."
    E022 = "E022 unknown {kind} {name!r}; choose one of: {choices}."
    E023 = "E023 {path}: not a valid configuration ({why}). Start from kg/default_config.cfg."
    E024 = "E024 {pair!r} is not a setting override; write it as section.key=value (e.g. nlp.model=en_core_web_lg)."
    E030 = "E030 {path}: not a readable RDF file ({why})."


class Warnings:
    """Warning messages, by code."""

    W001 = "W001 {path}: skipped: {why}"
    W002 = "W002 no statistical pipeline found; using a blank English pipeline with rules only (far fewer relations). Run `python -m kg.train` or install en_core_web_sm."
    W003 = "W003 {path}, line {line}: skipped a JSONL line: {why}"
