"""Settings: built-in packs, then one configuration file (in each folder from the working
directory upward, the first of .claimlint.yaml, .claimlint.yml and a pyproject.toml with
[tool.claimlint]: the closest wins, as in Ruff), then command-line options."""
from __future__ import annotations

import fnmatch
import os
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from .display import excerpt
from .extract.numbers import CURRENCY_CODES
from .errors import ConfigError
from .load.vocab import MetadataNames
from .packs import builtin
from .rules.compare import DEFAULT_TOLERANCE
from .rules.facts import Fact, load_facts
from .rules.phrases import Phrase, load_phrases
from .subjects.vocabulary import Vocabulary
from .yamlio import Mapping, Sequence, boolean, check_keys, kind_of, load_yaml, where

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
    root: str = "."  # the project root (the configuration file's folder), absolute
    cwd: str = "."  # the working directory claimlint was started in, absolute
    source: str = ""  # the configuration file, if any
    notices: list[str] = field(default_factory=list)  # for stderr, e.g. which file was used

    def enabled(self, code: str, path: str = "") -> bool:
        if self.select is not None and not any(code.startswith(s) for s in self.select):
            return False
        if any(code.startswith(i) for i in self.ignore):
            return False
        if not self.per_path:
            return True
        rel = self.from_root(path) if path else ""
        return not any(fnmatch.fnmatch(rel, glob) and any(code.startswith(c) for c in codes)
                       for glob, codes in self.per_path)


    def from_root(self, path: str) -> str:
        """`path` (as given on the command line) from the project root, '/'-separated.
        Computed from the recorded folders, not the process's own: a Dask worker elsewhere
        gets the same answer."""
        if path in ("-", "<stdin>"):
            return path
        full = path if os.path.isabs(path) else os.path.join(self.cwd, path)
        try:
            return os.path.relpath(full, self.root).replace(os.sep, "/")
        except ValueError:  # another drive
            return path.replace(os.sep, "/")


CONFIG_NAMES = (".claimlint.yaml", ".claimlint.yml", "pyproject.toml")  # first found wins


def find_config(start: str = ".") -> Optional[Path]:
    """The configuration file: in each folder from `start` upward, the first of CONFIG_NAMES
    (a pyproject.toml only with a [tool.claimlint] table). One file wins; none are merged."""
    here = Path(start).resolve()
    for folder in [here, *here.parents]:
        found = _candidates(folder)
        if found:
            return found[0]
    return None


def _candidates(folder: Path) -> list[Path]:
    names = [folder / n for n in CONFIG_NAMES]
    return [p for p in names if p.is_file() and (p.name != "pyproject.toml" or _has_table(p))]


def _has_table(pyproject: Path) -> bool:
    try:
        return "[tool.claimlint" in pyproject.read_text(errors="replace")
    except OSError:
        return False


def shadowed_notice(used: Path) -> Optional[str]:
    """When another configuration file stands beside the one used, say which one is used."""
    others = [p for p in _candidates(used.parent) if p != used]
    if not others:
        return None
    ignored = ", ".join(f"[tool.claimlint] in {_shown(p)}" if p.name == "pyproject.toml" else _shown(p)
                        for p in others)
    return (f"using {_shown(used)}; {ignored} is ignored (one configuration file is used: "
            f"the first of {', '.join(CONFIG_NAMES)})")


def _repository_top(start: Path) -> Path:
    """Without a configuration file, the project is the enclosing git work tree (else the
    working directory): fingerprints are taken relative to it."""
    here = start.resolve()
    top = next((f for f in [here, *here.parents] if (f / ".git").exists()), None)
    return Path(os.path.relpath(top)) if top is not None else Path(".")


def _shown(path) -> str:
    """A file name for messages: relative to the working directory when it is below it."""
    try:
        rel = os.path.relpath(path)
    except ValueError:  # another drive
        return str(path)
    return str(path) if rel.startswith("..") else rel


def read_config(path: Path) -> dict:
    name = _shown(path)
    if path.name == "pyproject.toml":
        try:
            text = path.read_text(encoding="utf-8")
            data = tomllib.loads(text).get("tool", {}).get("claimlint", {})
        except UnicodeDecodeError:
            raise ConfigError("not valid UTF-8", name) from None
        except tomllib.TOMLDecodeError as exc:
            at = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
            what = str(exc)[:at.start()].strip() if at else str(exc)
            raise ConfigError(f"invalid TOML: {what}",
                              f"{name}:{at.group(1)}:{at.group(2)}" if at else name) from None
        data = _toml_lines(text, data)
    else:
        data = load_yaml(name) or {}
    check_keys(name, data, KEYS, "claimlint configuration")
    return data


def _toml_lines(text: str, data) -> "Mapping | object":
    """[tool.claimlint] as a Mapping that knows the line of each of its keys (for messages)."""
    if not isinstance(data, dict):
        return data
    return _table_lines(data, "tool.claimlint", text.splitlines())


def _table_lines(table: dict, name: str, lines: list[str]) -> Mapping:
    """`table` (the TOML table `name`) with the line of each key; nested tables too, inline
    (`severity = {CL401 = "off"}`: their keys stand on its line) or as [name.key] sections."""
    out = Mapping(table)
    out.line, out.key_lines = 0, {}
    section = False
    for number, line in enumerate(lines, 1):
        header = re.match(r"\s*\[\s*([^\]]+?)\s*\]", line)
        if header:
            section = header.group(1) == name
            out.line = out.line or (number if section else 0)
            continue
        key = re.match(r"\s*[\"']?([^\s=\"']+)[\"']?\s*=", line)
        if section and key and key.group(1) in table:
            out.key_lines.setdefault(key.group(1), number)
    for key, value in table.items():
        if isinstance(value, dict):
            child = _table_lines(value, f"{name}.{key}", lines)
            if key in out.key_lines:
                child.line = out.key_lines[key]
                child.key_lines = {k: child.line for k in value}
            out[key] = child
    return out


def load_settings(config: Optional[str] = None, facts: tuple[str, ...] = (),
                  select: Optional[str] = None, ignore: Optional[str] = None,
                  fail_on: Optional[str] = None, archive: Optional[str] = None,
                  start: str = ".") -> Settings:
    """`start`: where the search for a configuration file begins (then upward)."""
    path = Path(config) if config else find_config(start)
    if config and not path.is_file():
        raise ConfigError("configuration file not found" if not path.is_dir()
                          else "is a folder, not a configuration file", config)
    data = read_config(path) if path else {}
    base = path.parent if path else _repository_top(Path(start))
    shown = _shown(path) if path else ""

    def files(key: str) -> list[str]:
        value = data.get(key) or []
        value = [value] if isinstance(value, str) else value
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            raise ConfigError(f"`{key}` must be a file name or a list of them, not {kind_of(data[key])}",
                              where(shown, data, key))
        out = [_shown(base / v) for v in value]
        for i, name in enumerate(out):
            if not os.path.isfile(name):
                at = where(shown, value, i) if isinstance(value, Sequence) else where(shown, data, key)
                raise ConfigError(f"`{key}` names {value[i]!r}, which is not a file "
                                  f"(looked for {name})", at)
        return out

    with_builtin = boolean(shown, data, "builtin_facts", True)
    fact_files = ([builtin("facts.yaml")] if with_builtin else []) + files("facts") + list(facts)
    claims_files = [builtin("claims.yaml")] + files("claims")
    artifact_files = [builtin("artifacts.yaml")] + files("artifacts")
    settings = Settings(
        vocab=Vocabulary.load([builtin("subjects.yaml")] + files("subjects")),
        facts=[f for p in fact_files for f in load_facts(p)],
        risky=[x for p in claims_files for x in load_phrases(p, "claims")],
        lost_characters=[x for p in artifact_files for x in _section(p, "lost_characters")],
        markup_debris=[x for p in artifact_files for x in _section(p, "markup_debris")],
        metadata=MetadataNames.load((files("metadata") or [builtin("metadata.yaml")])[-1]),
        root=os.path.abspath(base), cwd=os.getcwd(), source=str(path) if path else "")
    notice = shadowed_notice(path) if path and not config else None
    settings.notices += [notice] if notice else []
    _check_subjects(settings)
    _options(settings, data, shown, base)
    if select:
        settings.select = _codes(select, "--select")
    if ignore:
        settings.ignore |= _codes(ignore, "--ignore")
    if fail_on:
        settings.fail_on = fail_on
    if archive:
        settings.archive = archive
    return settings


def _check_subjects(settings: Settings) -> None:
    """A fact's subject must name a treatment, country, variant or measure of the subjects
    packs: a typo would otherwise make the fact silently match nothing."""
    vocab = settings.vocab
    known = {name: {value for _, value in pairs} for name, pairs in vocab._terms.items()}
    known.setdefault("treatment", set()).update(vocab.treatments)
    known["measure"] = {m.name for m in vocab.measures}
    for fact in settings.facts:
        for key, value in fact.subject:
            if value not in known.get(key, ()):
                some = ", ".join(sorted(known.get(key, ()))[:8])
                raise ConfigError(f"fact {fact.id!r}: unknown {key} {value!r} in its subject "
                                  f"(not in the subjects packs; known: {some}, ...)", fact.origin)


def _section(path: str, section: str) -> list[Phrase]:
    return load_phrases(path, section, ("lost_characters", "markup_debris"))


def _codes(value, what: str, path: str = "", at: str = "", exact: bool = False) -> set[str]:
    """Rule codes or code prefixes ("CL1"), as a comma-separated text or a list; upper-cased.
    An unknown code is an error: a typo would otherwise silently select or ignore nothing."""
    from .rules import all_rules

    items = value.split(",") if isinstance(value, str) else value
    if not isinstance(items, list):
        raise ConfigError(f"{what} must be a list of rule codes, not {kind_of(value)}", at)
    codes = set()
    for i, item in enumerate(items):
        code = item.strip().upper() if isinstance(item, str) else item
        if not code and isinstance(value, str):
            continue
        known = [r.code for r in all_rules()]
        if not isinstance(code, str) or not any(k == code if exact else k.startswith(code) for k in known):
            there = where(path, value, i) if isinstance(value, Sequence) else at
            raise ConfigError(f"unknown rule code {item!r} in {what} (see `claimlint rules`)", there)
        codes.add(code)
    return codes


def _options(settings: Settings, data: dict, path: str, base: Path) -> None:
    def at(key: str) -> str:
        return where(path, data, key)

    def mapping(key: str) -> dict:
        value = data.get(key) or {}
        if not isinstance(value, dict):
            raise ConfigError(f"`{key}` must be a mapping, not {kind_of(value)}", at(key))
        return value

    severity = mapping("severity")
    for code, level in severity.items():
        name = _codes([code], "severity", path, where(path, severity, code), exact=True).pop()
        if level not in ("info", "warning", "error", "off"):
            raise ConfigError(f"severity of {code} must be info, warning, error or off, not {kind_of(level)}",
                              where(path, severity, code))
        if level == "off":
            settings.ignore.add(name)
        else:
            settings.severity[name] = level
    if data.get("select"):
        settings.select = _codes(data["select"], "select", path, at("select"))
    if data.get("ignore"):
        settings.ignore |= _codes(data["ignore"], "ignore", path, at("ignore"))
    settings.fail_on = data.get("fail_on", settings.fail_on)
    if settings.fail_on not in ("info", "warning", "error"):
        raise ConfigError(f"fail_on must be info, warning or error, not {kind_of(settings.fail_on)}",
                          at("fail_on"))
    tolerance = mapping("tolerance")
    for kind, value in tolerance.items():
        settings.tolerance[kind] = _tolerance(path, tolerance, kind, value)
    ceiling = data.get("success_ceiling", settings.success_ceiling)
    if isinstance(ceiling, bool) or not isinstance(ceiling, (int, float)) or not 0 < ceiling <= 100:
        raise ConfigError(f"success_ceiling must be a percentage between 0 and 100, not {kind_of(ceiling)}",
                          at("success_ceiling"))
    settings.success_ceiling = float(ceiling)
    currency = data.get("currency", settings.currency)
    if currency not in CURRENCY_CODES:
        raise ConfigError(f"currency must be an ISO 4217 code claimlint knows ({', '.join(CURRENCY_CODES)}), "
                          f"not {kind_of(currency)}", at("currency"))
    settings.currency = currency
    per_path = mapping("per_path")
    for glob, codes in per_path.items():
        there = where(path, per_path, glob)
        problem = _glob_problem(glob)
        if problem:
            raise ConfigError(f"per_path pattern {excerpt(str(glob))} {problem}", there)
        if isinstance(codes, dict):
            check_keys(path, codes, {"ignore"}, f"per_path entry {glob!r}", there)
            codes = codes.get("ignore") or []
        settings.per_path.append((str(glob), _codes(codes, f"per_path {glob!r}", path, there)))
    if data.get("archive"):
        if not isinstance(data["archive"], str):
            raise ConfigError(f"archive must be a folder name, not {kind_of(data['archive'])}", at("archive"))
        archive = base / data["archive"]
        if not _inside(archive, base):  # a shared config must not make claimlint write elsewhere
            raise ConfigError(f"archive {excerpt(data['archive'])} is outside the project folder; "
                              "claimlint writes an index into the archive, so name a folder "
                              "outside the project with --archive", at("archive"))
        settings.archive = str(archive)


def _glob_problem(glob) -> str:
    """Why a per_path pattern can never match a file (paths are relative to the project,
    '/'-separated), or ''. fnmatch itself accepts anything, so a typo would select nothing."""
    if not isinstance(glob, str) or not glob:
        return "must be a non-empty pattern such as \"drafts/*\""
    if glob.startswith("/") or re.match(r"[A-Za-z]:[\\/]", glob):
        return "is absolute; patterns are relative to the project folder"
    if re.search(r"\[(?![^\]]*\])", glob.replace("[]]", "")):
        return "has a '[' without its ']'"
    return ""


def _inside(path: Path, folder: Path) -> bool:
    real, top = os.path.realpath(path), os.path.realpath(folder)
    return os.path.commonpath([real, top]) == top


def _tolerance(path: str, node, kind, value) -> float:
    from .model import KINDS

    if kind not in KINDS:
        raise ConfigError(f"tolerance for unknown claim kind {kind!r} (kinds: {', '.join(KINDS)})",
                          where(path, node, kind))
    text = str(value).strip()
    number = text[:-1] if text.endswith("%") else text
    try:
        result = float(number) if not isinstance(value, bool) else -1.0
    except ValueError:
        result = -1.0
    if not result >= 0 or result == float("inf"):
        raise ConfigError(f"tolerance of {kind} must be a number or a percentage like \"5%\", "
                          f"not {kind_of(value)}", where(path, node, kind))
    return result / 100 if text.endswith("%") else result
