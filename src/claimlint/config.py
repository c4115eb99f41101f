"""Settings: built-in packs, then .claimlint.yaml or [tool.claimlint] (found from the working
directory upward), then command-line options."""
from __future__ import annotations

import fnmatch
import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from .errors import ConfigError
from .load.vocab import MetadataNames
from .packs import builtin
from .rules.compare import DEFAULT_TOLERANCE
from .rules.facts import Fact, load_facts
from .rules.phrases import Phrase, load_phrases
from .subjects.vocabulary import Vocabulary
from .yamlio import check_keys, load_yaml, where

KEYS = {"subjects", "facts", "claims", "artifacts", "metadata", "severity", "select", "ignore",
        "fail_on", "tolerance", "success_ceiling", "currency", "per_path", "archive",
        "builtin_facts"}


@dataclass
class Settings:
    vocab: Vocabulary
    facts: list[Fact]
    risky: list[Phrase]
    lost_characters: list[Phrase]
    markup_debris: list[Phrase]
    metadata: MetadataNames
    severity: dict[str, str] = field(default_factory=dict)
    select: Optional[set[str]] = None
    ignore: set[str] = field(default_factory=set)
    fail_on: str = "error"
    tolerance: dict[str, float] = field(default_factory=lambda: dict(DEFAULT_TOLERANCE))
    success_ceiling: float = 90.0
    currency: str = "USD"
    per_path: list[tuple[str, set[str]]] = field(default_factory=list)
    archive: Optional[str] = None
    root: str = "."
    source: str = ""  # the configuration file, if any

    def enabled(self, code: str, path: str = "") -> bool:
        if self.select is not None and not any(code.startswith(s) for s in self.select):
            return False
        if any(code.startswith(i) for i in self.ignore):
            return False
        rel = os.path.relpath(path, self.root) if path else ""
        return not any(fnmatch.fnmatch(rel, glob) and any(code.startswith(c) for c in codes)
                       for glob, codes in self.per_path)


def find_config(start: str = ".") -> Optional[Path]:
    here = Path(start).resolve()
    for folder in [here, *here.parents]:
        for name in (".claimlint.yaml", ".claimlint.yml"):
            if (folder / name).is_file():
                return folder / name
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and "[tool.claimlint" in pyproject.read_text(errors="replace"):
            return pyproject
    return None


def read_config(path: Path) -> dict:
    if path.name == "pyproject.toml":
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8")).get("tool", {}).get("claimlint", {})
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(f"invalid TOML: {exc}", str(path)) from None
    else:
        data = load_yaml(str(path)) or {}
    check_keys(str(path), data, KEYS, "claimlint configuration")
    return data


def load_settings(config: Optional[str] = None, facts: tuple[str, ...] = (),
                  select: Optional[str] = None, ignore: Optional[str] = None,
                  fail_on: Optional[str] = None, archive: Optional[str] = None,
                  start: str = ".") -> Settings:
    """`start`: where the search for a configuration file begins (then upward)."""
    path = Path(config) if config else find_config(start)
    if config and not path.is_file():
        raise ConfigError("configuration file not found", config)
    data = read_config(path) if path else {}
    base = path.parent if path else Path(".")

    def files(key: str) -> list[str]:
        value = data.get(key) or []
        value = [value] if isinstance(value, str) else value
        if not isinstance(value, list):
            raise ConfigError(f"`{key}` must be a file name or a list of them", where(str(path), data, key))
        return [str(base / v) for v in value]

    fact_files = ([builtin("facts.yaml")] if data.get("builtin_facts", True) else []) + files("facts") + list(facts)
    claims_files = [builtin("claims.yaml")] + files("claims")
    artifact_files = [builtin("artifacts.yaml")] + files("artifacts")
    settings = Settings(
        vocab=Vocabulary.load([builtin("subjects.yaml")] + files("subjects")),
        facts=[f for p in fact_files for f in load_facts(p)],
        risky=[x for p in claims_files for x in load_phrases(p, "claims")],
        lost_characters=[x for p in artifact_files for x in _section(p, "lost_characters")],
        markup_debris=[x for p in artifact_files for x in _section(p, "markup_debris")],
        metadata=MetadataNames.load((files("metadata") or [builtin("metadata.yaml")])[-1]),
        root=str(base), source=str(path) if path else "")
    _options(settings, data, str(path), base)
    if select:
        settings.select = {c.strip() for c in select.split(",") if c.strip()}
    if ignore:
        settings.ignore |= {c.strip() for c in ignore.split(",") if c.strip()}
    if fail_on:
        settings.fail_on = fail_on
    if archive:
        settings.archive = archive
    return settings


def _section(path: str, section: str) -> list[Phrase]:
    data = load_yaml(path)
    check_keys(path, data, {"lost_characters", "markup_debris"}, "artifacts pack")
    if section not in data:
        return []
    from .rules.phrases import _phrase  # one entry reader for every phrase pack
    return [_phrase(path, entry) for entry in data[section] or []]


def _options(settings: Settings, data: dict, path: str, base: Path) -> None:
    for code, level in (data.get("severity") or {}).items():
        if level not in ("info", "warning", "error", "off"):
            raise ConfigError(f"severity of {code} must be info, warning, error or off",
                              where(path, data["severity"], code))
        if level == "off":
            settings.ignore.add(code)
        else:
            settings.severity[code] = level
    if data.get("select"):
        settings.select = set(data["select"])
    settings.ignore |= set(data.get("ignore") or ())
    settings.fail_on = data.get("fail_on", settings.fail_on)
    if settings.fail_on not in ("info", "warning", "error"):
        raise ConfigError("fail_on must be info, warning or error", where(path, data, "fail_on"))
    for kind, value in (data.get("tolerance") or {}).items():
        settings.tolerance[kind] = float(str(value).rstrip("%")) / (100 if str(value).endswith("%") else 1)
    settings.success_ceiling = float(data.get("success_ceiling", settings.success_ceiling))
    settings.currency = str(data.get("currency", settings.currency))
    for glob, codes in (data.get("per_path") or {}).items():
        settings.per_path.append((glob, set(codes.get("ignore", ())) if isinstance(codes, dict) else set(codes)))
    if data.get("archive"):
        settings.archive = str(base / data["archive"])
