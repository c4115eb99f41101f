"""Where the built-in rule packs live, installed or in a checkout."""
from __future__ import annotations

from pathlib import Path


def builtin_dir() -> Path:
    """`lint_rules/`: inside the installed package, or at the top of a source checkout."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "lint_rules", here.parents[1] / "lint_rules"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("claimlint's lint_rules/ folder is missing from this installation")


def builtin(name: str) -> str:
    return str(builtin_dir() / name)
