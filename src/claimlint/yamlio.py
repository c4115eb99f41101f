"""Reading user YAML (rule packs, facts, configuration) safely, with file:line errors.

The loader is PyYAML's SafeLoader (what `yaml.safe_load` uses), extended only to
remember the line of each mapping so that errors can point at it. Anchors and aliases
are refused: rule packs never need them, and they are how "billion laughs" files blow up.
Booleans are YAML 1.2's `true`/`false` only, so `on:` is a key and `NO` (Norway) a string.
"""
from __future__ import annotations

import re

import yaml

from .display import excerpt
from .errors import ConfigError

MAX_YAML_BYTES = 8 * 1024 * 1024


class Mapping(dict):
    """A dict that knows the line (1-based) where it and each of its keys stand."""

    line = 0
    key_lines: dict

    def line_of(self, key) -> int:
        return self.key_lines.get(key, self.line)


class Sequence(list):
    """A list that knows the line (1-based) where it and each of its items stand."""

    line = 0
    item_lines: list

    def line_of(self, index) -> int:
        return self.item_lines[index] if 0 <= index < len(self.item_lines) else self.line


class _NoAliases(yaml.SafeLoader):
    """safe_load without aliases: a few lines of `&a [*b, *b]` would expand exponentially."""

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            mark = self.peek_event().start_mark
            raise yaml.constructor.ConstructorError(
                None, None, "YAML aliases (*name) are not allowed in claimlint files", mark)
        return super().compose_node(parent, index)


def load_front_matter(text: str):
    """An article's YAML front matter; raises yaml.YAMLError when it is not valid."""
    return yaml.load(text, Loader=_NoAliases)  # noqa: S506 - a SafeLoader subclass


class _Lines:
    """Constructors that remember lines and refuse duplicate keys (mixed into a loader)."""

    def construct_mapping(self, node, deep=False):
        seen = set()
        for key_node, _ in node.value:
            if isinstance(key_node, yaml.ScalarNode):
                if key_node.value in seen:
                    raise yaml.constructor.ConstructorError(
                        None, None, f"duplicate key {key_node.value!r}", key_node.start_mark)
                seen.add(key_node.value)
        data = Mapping(super().construct_mapping(node, deep=deep))
        data.line = node.start_mark.line + 1
        data.key_lines = {self.construct_object(k, deep=True): k.start_mark.line + 1
                          for k, _ in node.value
                          if isinstance(k, yaml.ScalarNode)}
        return data

    def construct_bounded_int(self, node):
        """An integer a float can hold: facts compare as floats, and a 309-digit number would
        overflow far from its line."""
        try:
            value = yaml.constructor.SafeConstructor.construct_yaml_int(self, node)
            float(value)
        except (OverflowError, ValueError):  # ValueError: past Python's 4300-digit limit
            raise yaml.constructor.ConstructorError(
                None, None, "number too large", node.start_mark) from None
        return value

    def construct_line_sequence(self, node):
        data = Sequence(self.construct_sequence(node, deep=True))
        data.line = node.start_mark.line + 1
        data.item_lines = [item.start_mark.line + 1 for item in node.value]
        return data


class _LineLoader(_Lines, _NoAliases):
    pass


# libyaml parses the same YAML in C, several times faster: packs are read on every run.
# It cannot refuse aliases while composing, so load_yaml checks its events first.
_CLineLoader = type("_CLineLoader", (_Lines, yaml.CSafeLoader), {}) if yaml.__with_libyaml__ else None

for _loader in filter(None, (_LineLoader, _CLineLoader)):
    _loader.add_constructor("tag:yaml.org,2002:map", _Lines.construct_mapping)
    _loader.add_constructor("tag:yaml.org,2002:seq", _Lines.construct_line_sequence)
    _loader.add_constructor("tag:yaml.org,2002:int", _Lines.construct_bounded_int)
    # YAML 1.2 booleans: only true/false. YAML 1.1 also reads yes/no/on/off (any case) as
    # booleans, which turns the phrase field `on:` and the country code `NO` into True/False.
    _loader.yaml_implicit_resolvers = {
        first: [(tag, pattern) for tag, pattern in resolvers if tag != "tag:yaml.org,2002:bool"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()}
    _loader.add_implicit_resolver(
        "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))


def _fast_load(text: str):
    """The document through libyaml, or None when it cannot be (no libyaml, an alias, an
    error): the pure-Python loader then reads it and words any error."""
    if _CLineLoader is None:
        return None
    try:
        if any(isinstance(event, yaml.AliasEvent) for event in yaml.parse(text, Loader=yaml.CSafeLoader)):
            return None
        return (yaml.load(text, Loader=_CLineLoader),)  # noqa: S506 - a CSafeLoader subclass
    except (yaml.YAMLError, RecursionError):
        return None


def load_yaml(path: str, text: str | None = None):
    """Parse a YAML file; any problem becomes a ConfigError naming file and line."""
    if text is None:
        try:
            with open(path, "rb") as fh:
                data = fh.read(MAX_YAML_BYTES + 1)
        except OSError as exc:
            raise ConfigError(f"cannot read: {exc.strerror or exc}", path) from None
        if len(data) > MAX_YAML_BYTES:
            raise ConfigError("larger than 8 MB; split it into several files", path)
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ConfigError("not valid UTF-8", path) from None
    fast = _fast_load(text)
    if fast is not None:
        return fast[0]
    try:
        return yaml.load(text, Loader=_LineLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"{path}:{mark.line + 1}:{mark.column + 1}" if mark else path
        what = " ".join(str(p) for p in (exc.context, exc.problem) if p) or "invalid YAML"
        raise ConfigError(f"invalid YAML: {what}", where) from None
    except yaml.YAMLError as exc:
        raise ConfigError(f"invalid YAML: {exc}", path) from None
    except RecursionError:
        raise ConfigError("invalid YAML: nested too deeply", path) from None


def where(path: str, node, key=None) -> str:
    """`path:line` for a mapping or list (or one of its keys or items) loaded by load_yaml."""
    if isinstance(node, (Mapping, Sequence)):
        return f"{path}:{node.line_of(key) if key is not None else node.line}"
    return path


def kind_of(value) -> str:
    """What a user wrote, in YAML's words: for messages such as "must be a list, not a mapping"."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, (int, float)):
        shown = repr(value)
        return f"the number {shown if len(shown) <= 40 else shown[:20] + f'… ({len(shown)} digits)'}"
    if isinstance(value, str):
        return f"the text {excerpt(value)}"
    return f"{type(value).__name__} {excerpt(str(value))}"


def check_keys(path: str, node, allowed: set[str], what: str, at: str = "") -> None:
    if not isinstance(node, dict):
        found = kind_of(node)
        if not at and node is None:
            found = "an empty file"
        elif not at and isinstance(node, str):  # a whole file that is not YAML: never quote it
            found = "plain text (is it a YAML file?)"
        raise ConfigError(f"each {what} must be a mapping (`key: value` lines), not {found}",
                          at or where(path, node))
    for key in node:
        if key not in allowed:
            raise ConfigError(f"unknown field {key!r} in {what} (allowed: "
                              f"{', '.join(sorted(allowed))})", where(path, node, key))


def boolean(path: str, node, key: str, default: bool) -> bool:
    """A true/false field; yes/no and on/off (YAML 1.1 booleans) are accepted too."""
    value = node.get(key, default) if isinstance(node, dict) else default
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.lower() in ("yes", "on", "no", "off"):
        return value.lower() in ("yes", "on")
    raise ConfigError(f"`{key}` must be true or false, not {kind_of(value)}", where(path, node, key))
