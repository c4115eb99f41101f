"""Reading user YAML (rule packs, facts, configuration) safely, with file:line errors.

The loader is PyYAML's SafeLoader (what `yaml.safe_load` uses), extended only to
remember the line of each mapping so that errors can point at it. Anchors and aliases
are refused: rule packs never need them, and they are how "billion laughs" files blow up.
"""
from __future__ import annotations

import yaml

from .errors import ConfigError

MAX_YAML_BYTES = 8 * 1024 * 1024


class Mapping(dict):
    """A dict that knows the line (1-based) where it and each of its keys stand."""

    line = 0
    key_lines: dict

    def line_of(self, key) -> int:
        return self.key_lines.get(key, self.line)


class _LineLoader(yaml.SafeLoader):
    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            mark = self.peek_event().start_mark
            raise yaml.constructor.ConstructorError(
                None, None, "YAML aliases (*name) are not allowed in claimlint files", mark)
        return super().compose_node(parent, index)

    def construct_mapping(self, node, deep=False):
        data = Mapping(super().construct_mapping(node, deep=deep))
        data.line = node.start_mark.line + 1
        data.key_lines = {self.construct_object(k, deep=True): k.start_mark.line + 1
                          for k, _ in node.value
                          if isinstance(k, yaml.ScalarNode)}
        return data


_LineLoader.add_constructor("tag:yaml.org,2002:map", _LineLoader.construct_mapping)


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
    """`path:line` for a mapping (or one of its keys) loaded by load_yaml."""
    if isinstance(node, Mapping):
        return f"{path}:{node.line_of(key) if key is not None else node.line}"
    return path


def check_keys(path: str, node, allowed: set[str], what: str) -> None:
    if not isinstance(node, Mapping):
        raise ConfigError(f"each {what} must be a mapping", where(path, node))
    for key in node:
        if key not in allowed:
            raise ConfigError(f"unknown field {key!r} in {what} (allowed: "
                              f"{', '.join(sorted(allowed))})", where(path, node, key))
