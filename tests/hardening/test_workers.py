"""Issue 13, item 10: the pool workers of `audit` never outlive it. SIGTERM or SIGINT stop
the run and its workers; after SIGKILL (no chance to clean up) the workers notice and die."""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest

from ..conftest import REPO
from .runner import claimlint_command


def descendants(pid: int) -> set[int]:
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    found, frontier = set(), {pid}
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier} - found
        found |= frontier
    return found


def alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def wait_until(condition, limit: float = 60.0) -> bool:
    """Poll `condition` (a liveness wait, not a speed measure: the limit is generous)."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


@pytest.fixture
def big_archive(tmp_path) -> Path:
    root = tmp_path / "archive"
    root.mkdir()
    for copy in range(6):  # enough changed articles for the process pool, and time to stop it
        for article in (REPO / "articles").glob("*.*"):
            if article.name != "README.md":
                shutil.copy(article, root / f"{copy}-{article.name}")
    return root


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads the process tree from /proc (Linux)")
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT, signal.SIGKILL], ids=lambda s: s.name)
def test_no_worker_outlives_a_stopped_audit(big_archive, tmp_path, sig):
    process = subprocess.Popen([*claimlint_command(), "audit", str(big_archive), "--jobs", "2"],
                               cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               env={**os.environ, "CI": "1"}, start_new_session=True)
    try:
        assert wait_until(lambda: len(descendants(process.pid)) >= 2), "the pool never started"
        workers = descendants(process.pid)
        process.send_signal(sig)
        _, stderr = process.communicate(timeout=60)
        assert wait_until(lambda: not any(alive(w) for w in workers)), "workers survived"
        if sig != signal.SIGKILL:
            assert "Traceback" not in stderr.decode()
            assert stderr.decode().strip().splitlines()[-1:] == ["claimlint: interrupted"]
            assert process.returncode in (130, 143)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
        for pid in descendants(process.pid):
            os.kill(pid, signal.SIGKILL)
