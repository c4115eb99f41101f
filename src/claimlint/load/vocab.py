"""Metadata field names, from lint_rules/metadata.yaml."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

import regex

from ..errors import ConfigError
from ..yamlio import check_keys, load_yaml, where


def _key(name: str) -> str:
    return regex.sub(r"[\s_\-]+", " ", name.strip().lower())


@dataclass
class MetadataNames:
    aliases: dict[str, str]  # normalised alias -> field
    required: tuple[str, ...]
    describes_article: tuple[str, ...]
    trailer_headings: frozenset[str]
    _line: "regex.Pattern"

    @classmethod
    def load(cls, path: str) -> "MetadataNames":
        data = load_yaml(path)
        check_keys(path, data, {"fields", "required", "describes_article", "trailer_headings"},
                   "metadata pack")
        aliases = {}
        for field, names in (data.get("fields") or {}).items():
            if not isinstance(names, list):
                raise ConfigError(f"fields.{field} must be a list of names",
                                  where(path, data["fields"], field))
            for name in names + [field]:
                aliases[_key(str(name))] = field
        # Longest names first, so "author name" wins over "author".
        names = sorted(aliases, key=len, reverse=True)
        body = "|".join(regex.escape(n).replace(r"\ ", r"[\s_\-]+") for n in names)
        line = regex.compile(rf"^\s*(?:[-*•·▪►]\s*)?(?P<name>{body})\b\s*:?", regex.I)
        return cls(aliases, tuple(data.get("required") or ()),
                   tuple(data.get("describes_article") or ()),
                   frozenset(_key(h) for h in data.get("trailer_headings") or ()), line)

    def field(self, name: str) -> Optional[str]:
        return self.aliases.get(_key(name))

    def is_trailer_heading(self, line: str) -> bool:
        return _key(line) in self.trailer_headings

    def field_of_line(self, line: str):
        """(field, name as written, offset of the value) for a metadata line, else None."""
        match = self._line.match(line)
        if not match:
            return None
        return self.field(match.group("name")), match.group("name"), match.end()
