"""One version: `claimlint --version`, pyproject.toml, CHANGELOG.md, and every version the
documentation pins (a pre-commit `rev:`, an action's `@v...`) agree."""
from __future__ import annotations

import re
import tomllib

from click.testing import CliRunner

from claimlint.cli import main

from .conftest import REPO

DOCS = ["README.md", "docs/github-actions.md", "docs/examples/pre-commit-config.yaml",
        "docs/examples/claimlint.yml", ".pre-commit-hooks.yaml"]


def project_version() -> str:
    return tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["version"]


def test_the_command_line_prints_the_project_version():
    result = CliRunner().invoke(main, ["--version"])
    assert result.stdout == f"claimlint, version {project_version()}\n"


def test_the_changelog_lists_the_version_first():
    changelog = (REPO / "CHANGELOG.md").read_text(encoding="utf-8")
    first = re.search(r"^## (\S+)", changelog, re.M).group(1)
    assert first == project_version()


def test_every_version_the_docs_pin_is_the_current_one():
    pinned = {}
    for name in DOCS:
        text = (REPO / name).read_text(encoding="utf-8")
        for match in re.finditer(r"(?:rev: |claimlint/claimlint@)(v\S+|[0-9]\S*)", text):
            pinned[f"{name}: {match.group(0)}"] = match.group(1)
    assert len(pinned) >= 4, pinned
    assert {where: v for where, v in pinned.items() if v != f"v{project_version()}"} == {}
