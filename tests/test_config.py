"""Settings from the default config, a user's file, and overrides."""

from __future__ import annotations

import pytest

from kg.config import load_config, parse_overrides
from kg.errors import ConfigError


def test_config_defaults():
    s = load_config()
    assert s.model is None and s.base_iri == "https://geokg.org/id/" and s.batch_size == 16


def test_config_file_and_overrides(tmp_path):
    cfg = tmp_path / "my.cfg"
    cfg.write_text("[nlp]\nmodel = en_core_web_lg\n[graph]\nbase_iri = https://example.org/kg/\n", encoding="utf-8")
    s = load_config(cfg, overrides=parse_overrides(["input.max_bytes=10", "nlp.batch_size=4"]))
    assert (s.model, s.base_iri, s.max_bytes, s.batch_size) == ("en_core_web_lg", "https://example.org/kg/", 10, 4)


@pytest.mark.parametrize("overrides,code", [({"nlp.nope": "1"}, "E022"), ({"nlp.batch_size": "many"}, "E023")])
def test_config_bad_values_are_reported(overrides, code):
    with pytest.raises(ConfigError, match=code):
        load_config(overrides=overrides)


def test_config_bad_file_and_pair(tmp_path):
    bad = tmp_path / "bad.cfg"
    bad.write_text("no section here", encoding="utf-8")
    with pytest.raises(ConfigError, match="E023"):
        load_config(bad)
    with pytest.raises(ConfigError, match="E024"):
        parse_overrides(["model"])
