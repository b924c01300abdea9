"""Settings: the commented defaults in `kg/default_config.cfg`, a user's file, and dotted overrides."""

from __future__ import annotations

import configparser
import os
from dataclasses import dataclass
from pathlib import Path

from kg.errors import ConfigError, Errors

DEFAULT_CONFIG = Path(__file__).with_name("default_config.cfg")


@dataclass(frozen=True)
class Settings:
    """Validated settings of a build."""

    model: str | None
    batch_size: int
    max_bytes: int
    encoding: str | None
    base_iri: str


def load_config(path: str | os.PathLike[str] | None = None, *,
                overrides: dict[str, str] | None = None) -> Settings:
    """Read the defaults, then `path` (if given), then `overrides` ({"nlp.model": "…"}).

    Raises:
        ConfigError: The file cannot be read, a key is unknown, or a value is invalid.
    """
    parser = configparser.ConfigParser(interpolation=None)
    parser.read(DEFAULT_CONFIG, encoding="utf-8")
    known = {f"{s}.{k}" for s in parser.sections() for k in parser[s]}
    if path is not None:
        try:
            with open(path, encoding="utf-8") as handle:
                parser.read_file(handle)
        except (OSError, configparser.Error, UnicodeDecodeError) as e:
            raise ConfigError(Errors.E023.format(path=path, why=str(e).splitlines()[0])) from e
    for dotted, value in (overrides or {}).items():
        section, _, key = dotted.partition(".")
        if dotted not in known:
            raise ConfigError(Errors.E022.format(kind="setting", name=dotted, choices=", ".join(sorted(known))))
        parser[section][key] = value
    unknown = {f"{s}.{k}" for s in parser.sections() for k in parser[s]} - known
    if unknown:
        raise ConfigError(Errors.E022.format(kind="setting", name=sorted(unknown)[0], choices=", ".join(sorted(known))))
    try:
        return Settings(model=parser["nlp"]["model"].strip() or None,
                        batch_size=int(parser["nlp"]["batch_size"]),
                        max_bytes=int(parser["input"]["max_bytes"]),
                        encoding=parser["input"]["encoding"].strip() or None,
                        base_iri=parser["graph"]["base_iri"].strip())
    except ValueError as e:
        raise ConfigError(Errors.E023.format(path=path or DEFAULT_CONFIG, why=str(e))) from e


def parse_overrides(pairs: tuple[str, ...] | list[str]) -> dict[str, str]:
    """["nlp.model=en_core_web_lg"] → {"nlp.model": "en_core_web_lg"}."""
    out = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or "." not in key:
            raise ConfigError(Errors.E024.format(pair=pair))
        out[key.strip()] = value.strip()
    return out
