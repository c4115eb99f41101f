"""The cache key of an index entry: what, besides the file, decides its analysis.

A stored analysis is reused only when claimlint's code (its version, and the files of
an installed or editable package), the index schema, every rule pack and setting, and the
way paths are printed are all unchanged.
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
import os
from functools import lru_cache

from .. import __version__
from .schema import SCHEMA_VERSION

# Settings that do not change what an article's analysis holds (the project root does:
# per-path rules and fingerprints are relative to it).
_NOT_ANALYSIS = {"_matchers", "_cache", "_lines", "cwd", "source", "archive", "fail_on"}


def cache_key(settings, root_display: str) -> str:
    state = {"version": __version__, "code": _code_state(), "schema": SCHEMA_VERSION,
             "root": root_display, "settings": _canonical(settings)}
    return hashlib.sha256(json.dumps(state, sort_keys=True).encode("utf-8")).hexdigest()[:32]


@lru_cache(maxsize=1)
def _code_state() -> str:
    """Size and modification time of every module: a changed rule invalidates the index
    even before a release bumps the version (an editable install, a patched package)."""
    package = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    stamps = []
    for folder, dirs, names in os.walk(package):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(n for n in names if n.endswith((".py", ".yaml"))):
            st = os.stat(os.path.join(folder, name))
            stamps.append(f"{os.path.relpath(os.path.join(folder, name), package)}:{st.st_size}:{st.st_mtime_ns}")
    return hashlib.sha256("\n".join(stamps).encode("utf-8")).hexdigest()


def _canonical(value):
    """A JSON-able form that is equal exactly when the settings behave the same."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _canonical(getattr(value, f.name)) for f in dataclasses.fields(value)
                if f.name not in _NOT_ANALYSIS}
    if hasattr(value, "pattern") and hasattr(value, "flags"):  # a compiled regex
        return ["re", value.pattern, int(value.flags)]
    if isinstance(value, dict):
        return sorted([str(k), _canonical(v)] for k, v in value.items())
    if isinstance(value, (set, frozenset)):
        return sorted(json.dumps(_canonical(v), sort_keys=True) for v in value)
    if isinstance(value, (list, tuple)):
        return [_canonical(v) for v in value]
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return repr(value) if not hasattr(value, "__dict__") else _canonical(vars(value))
