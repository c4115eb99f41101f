"""Issue 13, items 2 and 11: file names and article text reach stderr and the text report
escaped, so that a name cannot inject a line (a GitHub workflow command) and an article
cannot drive the reader's terminal (OSC, CSI, bidi overrides)."""
from __future__ import annotations

import re

import pytest

from .runner import GOOD, claimlint

INJECTED = "::error file=x.md,line=1::claimlint says deploy"
HOSTILE_NAME = f"a\n{INJECTED}\n.md"
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def assert_safe(text: str, commands: bool = False) -> None:
    """No control character; no workflow command unless `commands` (the github format)."""
    assert commands or not any(line.startswith("::") for line in text.splitlines()), text
    assert not UNSAFE.search(text), repr(text)


@pytest.fixture
def folder(tmp_path):
    (tmp_path / "good.md").write_text(GOOD)
    return tmp_path


@pytest.mark.parametrize("content", [b"", b"\x00\x01binary", GOOD.encode()], ids=["empty", "binary", "findings"])
@pytest.mark.parametrize("fmt", ["text", "json"])
def test_a_file_name_cannot_start_a_line(folder, content, fmt):
    (folder / HOSTILE_NAME).write_bytes(content)
    result = claimlint("check", ".", "--format", fmt, cwd=folder)
    assert result.code == 0  # warnings only
    assert_safe(result.stderr)
    if fmt == "text":
        assert_safe(result.stdout)
        assert "a\\n::error" in result.stdout + result.stderr  # named, escaped


def test_a_file_name_in_extract_and_audit_output(folder):
    (folder / HOSTILE_NAME).write_text(GOOD.replace("cures", "costs $7,000 and cures"))
    for args in (["extract", "."], ["audit", ".", "--jobs", "1"]):
        result = claimlint(*args, cwd=folder)
        assert_safe(result.stdout + result.stderr)


OSC_TITLE = "\x1b]0;owned\x07"
CSI_CLEAR = "\x1b[2J"
C1_CSI = "\x9b31m"
BIDI = "\u202e"


def test_article_text_cannot_drive_the_terminal(folder):
    (folder / "good.md").write_text(
        f"# Knee {OSC_TITLE}therapy\n\nOur {CSI_CLEAR}therapy {BIDI}cures arthritis{C1_CSI} "
        "with guaranteed results.\n\nIt costs $7,000 in Japan. It costs $9,000 in Japan.\n")
    for fmt in ("text", "github"):
        result = claimlint("check", "good.md", "--format", fmt, cwd=folder)
        assert result.code in (0, 1)
        assert_safe(result.stdout + result.stderr, commands=fmt == "github")
    result = claimlint("extract", "good.md", cwd=folder)
    assert_safe(result.stdout)


def test_the_caret_stays_under_the_span_after_escaping(folder):
    (folder / "good.md").write_text(f"# T\n\nA{CSI_CLEAR} therapy that cures arthritis.\n")
    out = claimlint("check", "good.md", cwd=folder).stdout.splitlines()
    source = next(i for i, line in enumerate(out) if "therapy that" in line)
    caret = out[source + 1]
    start = caret.index("^")
    assert out[source][start:start + len("cures")] == "cures" and caret.count("^") == len("cures")


def test_every_stderr_write_goes_through_the_escaping_function():
    """One home for what reaches stderr: display.tell/warn/error (or printable at the call)."""
    from pathlib import Path

    import claimlint

    source = Path(claimlint.__file__).parent
    raw = [f"{path.relative_to(source)}:{n}" for path in source.rglob("*.py") if path.name != "display.py"
           for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
           if ("err=True" in line or "sys.stderr.write" in line or "print(" in line)
           and "printable(" not in line]
    assert raw == []
