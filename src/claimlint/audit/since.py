"""`audit --since REF`: findings then, to tell what is new, fixed and still open.

REF is `last` (the previous audit in this index), a previous `--json` export, another
index file, or a git revision of the repository that holds the archive.
"""
from __future__ import annotations

import json
import os
import subprocess
import tarfile
import tempfile
from collections import Counter
from typing import Callable, Optional

from ..errors import ConfigError
from ..index.store import Index, finding_from_dict
from ..model import Finding


def previous_findings(ref: str, root: str, index: Index, audit_id: int,
                      audit_at: Callable[[str, str], list[Finding]]) -> list[Finding]:
    """`audit_at(disk_root, root)` audits a checkout of `root` made at another revision."""
    if ref == "last":
        found = index.audit_findings(before=audit_id)
        if found is None:
            raise ConfigError("--since last: this index has no earlier audit", index.path)
        return found
    if os.path.isfile(ref):
        return _from_file(ref)
    with tempfile.TemporaryDirectory(prefix="claimlint-since-") as tmp:
        disk_root = _checkout(ref, root, tmp)
        return audit_at(disk_root, root)


def compare(now: list[Finding], before: list[Finding], ref: str) -> tuple[dict, dict[str, str]]:
    """The `since` section of the report, and each current fingerprint's status."""
    old = Counter(f.fingerprint for f in before)
    status = {}
    for f in now:
        status[f.fingerprint] = "open" if old[f.fingerprint] > 0 else "new"
        old[f.fingerprint] -= 1
    current = {f.fingerprint for f in now}
    fixed = [f for f in before if f.fingerprint not in current]
    counts = Counter(status[f.fingerprint] for f in now)
    return ({"ref": ref, "new": counts["new"], "open": counts["open"], "fixed": len(fixed),
             "fixed_findings": [f.to_dict() for f in fixed]}, status)


def _from_file(path: str) -> list[Finding]:
    if path.endswith((".sqlite", ".db")):
        found = Index(path).audit_findings()
        if found is None:
            raise ConfigError("this index has no audit", path)
        return found
    try:
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
        return [finding_from_dict(f) for f in data["findings"]]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ConfigError(f"not an audit --json export ({exc.__class__.__name__}: {exc})", path) from None


def _checkout(ref: str, root: str, tmp: str) -> str:
    """Extract `root` as it was at `ref` into `tmp`; return the folder holding it."""
    def git(where: str, *args, **kw) -> subprocess.CompletedProcess:
        return subprocess.run(["git", "-C", where, *args], capture_output=True, **kw)

    top = git(root, "rev-parse", "--show-toplevel", text=True)
    if top.returncode != 0:
        raise ConfigError(f"--since {ref}: not a file, and {root} is not in a git repository")
    prefix = git(root, "rev-parse", "--show-prefix", text=True).stdout.strip()
    archive = git(top.stdout.strip(), "archive", "--format=tar", ref, "--", prefix or ".")
    if archive.returncode != 0:
        message = archive.stderr.decode("utf-8", "replace").strip().splitlines()
        raise ConfigError(f"--since {ref}: {message[-1] if message else 'git archive failed'}")
    tar_path = os.path.join(tmp, "tree.tar")
    with open(tar_path, "wb") as fh:
        fh.write(archive.stdout)
    with tarfile.open(tar_path) as tar:
        tar.extractall(os.path.join(tmp, "tree"), filter="data")
    return os.path.join(tmp, "tree", prefix)


