"""The planted problems of the demo archive are found with the right rule and line, and
the clean articles stay clean."""
from __future__ import annotations

import pytest
import yaml

from claimlint.linter import check, extract

from .conftest import REPO

EXPECTED = yaml.safe_load((REPO / "tests" / "fixtures" / "demo_expected.yaml").read_text())


@pytest.fixture(scope="module")
def findings(settings):
    run = extract([str(REPO / "articles")], settings)
    return check(run, settings).findings


def _key(f):
    where = getattr(f, "location", f)  # a finding, or a related Location
    return where.path.rsplit("/", 1)[-1], where.line


@pytest.mark.parametrize("planted", EXPECTED["findings"], ids=lambda e: f"{e['file']}:{e['line']}:{e['rule']}")
def test_planted_problem_is_found(planted, findings):
    where = (planted["file"], planted["line"])
    at_line = [f for f in findings if _key(f) == where]
    # CL102 reports an article once per subject; its other statements are related locations
    as_related = [f for f in findings if f.rule == "CL102" and f.location.path.endswith(planted["file"])
                  and any(_key(r) == where for r in f.related)]
    assert at_line or as_related, f"nothing reported at {planted['file']}:{planted['line']} ({planted['quote']})"
    assert planted["rule"] in {f.rule for f in at_line + as_related}, [f.rule for f in at_line]


def test_clean_articles_yield_nothing(findings):
    clean = set(EXPECTED["clean"])
    noisy = [(f.location.path, f.location.line, f.rule) for f in findings if _key(f)[0] in clean]
    assert noisy == []
