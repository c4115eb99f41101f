"""Shared helpers: run claimlint on text written to a temporary folder."""
from __future__ import annotations

from pathlib import Path

import pytest

from claimlint.config import load_settings
from claimlint.linter import check, extract


@pytest.fixture(scope="session")
def settings():
    return load_settings(config=None)


@pytest.fixture
def lint(tmp_path, settings):
    """lint({"a.md": "text", ...}) -> findings of a check run over those files."""
    def run(files: dict[str, str], **kw):
        for name, text in files.items():
            (tmp_path / name).write_text(text, encoding="utf-8")
        result = extract([str(tmp_path / n) for n in files], settings)
        return check(result, settings).findings
    return run


REPO = Path(__file__).resolve().parents[1]
