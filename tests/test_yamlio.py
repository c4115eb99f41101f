"""Packs are read by libyaml when it is there; what they hold, and the lines errors point
at, must be what the pure-Python loader gives."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from claimlint.errors import ConfigError
from claimlint.yamlio import _LineLoader, load_yaml

PACKS = sorted((Path(__file__).resolve().parents[1] / "lint_rules").glob("*.yaml"))


def _lines(node):
    if isinstance(node, dict):
        return [(k, node.line_of(k), _lines(v)) for k, v in node.items()]
    if isinstance(node, list):
        return [(i, node.line_of(i), _lines(v)) for i, v in enumerate(node)]
    return node


@pytest.mark.parametrize("pack", PACKS, ids=lambda p: p.name)
def test_fast_and_pure_python_loaders_agree_on_data_and_lines(pack):
    text = pack.read_text(encoding="utf-8")
    fast, pure = load_yaml(str(pack)), yaml.load(text, Loader=_LineLoader)  # noqa: S506
    assert fast == pure
    assert _lines(fast) == _lines(pure)


def test_an_alias_is_still_refused_with_its_line(tmp_path):
    pack = tmp_path / "laughs.yaml"
    pack.write_text("a: &x [1, 2]\nb: [*x, *x]\n", encoding="utf-8")
    with pytest.raises(ConfigError) as error:
        load_yaml(str(pack))
    assert "aliases" in error.value.message and error.value.where.endswith(":2:5")
