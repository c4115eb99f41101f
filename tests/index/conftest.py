"""An archive of demo articles in a temporary folder, and a way to run the CLI on it."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO

CLAIMLINT = [sys.executable, "-m", "claimlint"]


@pytest.fixture
def archive(tmp_path) -> Path:
    root = tmp_path / "site" / "articles"
    shutil.copytree(REPO / "articles", root, ignore=shutil.ignore_patterns("README.md", ".claimlint"))
    return root


def claimlint(*args, cwd, check=False) -> subprocess.CompletedProcess:
    env = {**os.environ, "CI": "1"}
    result = subprocess.run([*CLAIMLINT, *map(str, args)], cwd=cwd, capture_output=True,
                            text=True, env=env, timeout=300)
    assert "Traceback" not in result.stderr, result.stderr
    if check:
        assert result.returncode in (0, 1), result.stderr
    return result


def findings_json(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["findings"]
