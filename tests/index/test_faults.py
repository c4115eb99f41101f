"""The index under faults: killed audits, concurrent audits, and the Dask engine."""
from __future__ import annotations

import os
import random
import shutil
import signal
import sqlite3
import subprocess
import time

import pytest

from .conftest import CLAIMLINT, claimlint, findings_json


@pytest.fixture
def big_archive(archive):
    """64 articles: enough for the process pool and for kills to land mid-run."""
    for copy in ("b", "c", "d"):
        shutil.copytree(archive, archive / copy, ignore=shutil.ignore_patterns("b", "c", "d", ".claimlint"))
    return archive


def _complete(archive, index: str) -> list[dict]:
    claimlint("audit", archive.name, "--index", index, "--json", "out.json", cwd=archive.parent, check=True)
    return findings_json(archive.parent / "out.json")


def test_audit_killed_ten_times_still_ends_with_the_findings_of_a_clean_run(big_archive):
    reference = _complete(big_archive, "reference.sqlite")
    index = big_archive.parent / "faulty.sqlite"
    chance = random.Random(1271)
    for _ in range(10):
        run = subprocess.Popen([*CLAIMLINT, "audit", big_archive.name, "--index", index.name, "--jobs", "2"],
                               cwd=big_archive.parent, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               start_new_session=True, env={**os.environ, "CI": "1"})
        time.sleep(chance.uniform(0.2, 3.0))
        os.killpg(run.pid, signal.SIGKILL)  # the audit and its worker processes
        run.wait()
        if index.exists():
            db = sqlite3.connect(index)
            assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
            db.close()
    assert _complete(big_archive, index.name) == reference


def test_two_audits_at_once_share_the_index_safely(big_archive):
    reference = _complete(big_archive, "reference.sqlite")
    runs = [subprocess.Popen([*CLAIMLINT, "audit", big_archive.name, "--index", "shared.sqlite",
                              "--jobs", "1", "--json", f"out{i}.json"],
                             cwd=big_archive.parent, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                             text=True, env={**os.environ, "CI": "1"}) for i in range(2)]
    for run in runs:
        _, err = run.communicate(timeout=300)
        assert run.returncode in (0, 1) and "Traceback" not in err, err
    for i in range(2):
        assert findings_json(big_archive.parent / f"out{i}.json") == reference


def test_dask_engine_yields_exactly_the_local_findings(archive):
    local = _complete(archive, "local.sqlite")
    claimlint("audit", archive.name, "--index", "dask.sqlite", "--engine", "dask", "--jobs", "2",
              "--json", "dask.json", cwd=archive.parent, check=True)
    assert findings_json(archive.parent / "dask.json") == local
