"""The cache key of an index entry: what, besides the file, decides its analysis.

A stored analysis is reused only when claimlint's version, the index schema, every rule
pack and setting, and the way paths are printed are all unchanged.
"""
from __future__ import annotations

import dataclasses
import hashlib
import json

from .. import __version__
from .schema import SCHEMA_VERSION

# Settings that do not change what an article's analysis holds.
_NOT_ANALYSIS = {"_matchers", "_cache", "_lines", "root", "source", "archive", "fail_on"}


def cache_key(settings, root_display: str) -> str:
    state = {"version": __version__, "schema": SCHEMA_VERSION, "root": root_display,
             "settings": _canonical(settings)}
    return hashlib.sha256(json.dumps(state, sort_keys=True).encode("utf-8")).hexdigest()[:32]


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
