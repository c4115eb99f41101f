"""Run the real `claimlint` command line in a subprocess, as a user would."""
from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

GOOD = "# Knee therapy\n\nOur therapy cures arthritis with guaranteed results.\n"  # two CL401


def claimlint_command() -> list[str]:
    script = Path(sys.executable).with_name("claimlint")
    return [str(script)] if script.exists() else [sys.executable, "-m", "claimlint"]


@dataclass
class Outcome:
    code: int
    stdout: str
    stderr: str

    @property
    def lines(self) -> list[str]:
        return self.stderr.splitlines()


def claimlint(*args: str, cwd: Path, timeout: float = 120, env: dict | None = None) -> Outcome:
    done = subprocess.run([*claimlint_command(), *args], cwd=cwd, capture_output=True,
                          stdin=subprocess.DEVNULL, timeout=timeout,
                          env={**os.environ, "NO_COLOR": "1", **(env or {})})
    decode = lambda b: b.decode("utf-8", "backslashreplace")  # noqa: E731
    result = Outcome(done.returncode, decode(done.stdout), decode(done.stderr))
    assert "Traceback" not in result.stderr, result.stderr
    return result
