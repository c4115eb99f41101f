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


# Root reads and writes any file; this shim gives up that right (CAP_DAC_OVERRIDE,
# CAP_DAC_READ_SEARCH, CAP_FOWNER, dropped from the bounding set so that exec does not give
# them back), then becomes claimlint: file modes then hold for root as for any user.
UNPRIVILEGED = """
import ctypes, os, sys
if os.geteuid() == 0:
    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (1, 2, 3):
        if libc.prctl(24, capability, 0, 0, 0) != 0:  # PR_CAPBSET_DROP
            sys.exit(f"prctl(PR_CAPBSET_DROP) failed: errno {ctypes.get_errno()}")
os.execv(sys.argv[1], sys.argv[1:])
"""


def claimlint(*args: str, cwd: Path, timeout: float = 120, env: dict | None = None,
              unprivileged: bool = False) -> Outcome:
    command = claimlint_command()
    if unprivileged:
        command = [sys.executable, "-c", UNPRIVILEGED, *command]
    done = subprocess.run([*command, *args], cwd=cwd, capture_output=True,
                          stdin=subprocess.DEVNULL, timeout=timeout,
                          env={**os.environ, "NO_COLOR": "1", **(env or {})})
    decode = lambda b: b.decode("utf-8", "backslashreplace")  # noqa: E731
    result = Outcome(done.returncode, decode(done.stdout), decode(done.stderr))
    assert "Traceback" not in result.stderr, result.stderr
    return result
