"""`check --fix` applies safe fixes only, to the files checked, atomically; `--diff` shows
them without writing."""
from __future__ import annotations

import ast
import codecs
import json
import os
import re
import shutil
import subprocess

import pytest
from click.testing import CliRunner

from claimlint import fixes
from claimlint.cli import main
from claimlint.model import Finding, Fix, Location

from .conftest import REPO

FIXED = re.compile(r"^(?P<path>[^:]+):(?P<line>\d+):(?P<col>\d+): (?P<rules>[A-Z0-9, ]+) fixed: "
                   r"(?P<old>'.*'|\".*\") -> (?P<new>'.*'|\".*\")$")
LAW = "The Act on the Safety of Regenerative Medicine (ASRM) was enacted in 2014."


@pytest.fixture
def here(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NO_COLOR", "1")
    return tmp_path


def run(*args):
    return CliRunner().invoke(main, list(args))


def snapshot(folder) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def applied(stderr: str) -> list[dict]:
    out = []
    for line in stderr.splitlines():
        m = FIXED.match(line)
        if m:
            out.append({"path": m["path"], "line": int(m["line"]), "col": int(m["col"]),
                        "rules": m["rules"], "old": ast.literal_eval(m["old"]),
                        "new": ast.literal_eval(m["new"])})
    return out


def replay(text: str, changes: list[dict]) -> str:
    """Apply reported fixes (1-based line and column) to a file's text, right to left."""
    lines = text.split("\n")
    for c in sorted(changes, key=lambda c: (c["line"], c["col"]), reverse=True):
        line = lines[c["line"] - 1]
        start = c["col"] - 1
        assert line[start:start + len(c["old"])] == c["old"]
        lines[c["line"] - 1] = line[:start] + c["new"] + line[start + len(c["old"]):]
    return "\n".join(lines)


def test_fix_on_the_demo_archive_changes_only_what_it_reports(here):
    shutil.copytree(REPO / "articles", here / "articles")
    before = snapshot(here / "articles")
    result = run("check", "articles", "--fix", "--format", "json")
    assert result.exit_code == 1  # the demo archive has errors no fix can repair
    changes = applied(result.stderr)
    files = {c["path"] for c in changes}
    assert len(changes) >= 5 and len(files) >= 4
    assert f"claimlint: {len(changes)} fixes applied in {len(files)} files" in result.stderr
    assert {c["rules"] for c in changes} >= {"CL201", "CL501", "CL502"}
    assert {"old": "2014", "new": "2013"} in [{"old": c["old"], "new": c["new"]} for c in changes]

    after = snapshot(here / "articles")
    assert after.keys() == before.keys()  # no file added (no temporary file left), none lost
    for name in before:
        path = f"articles/{name}"
        mine = [c for c in changes if c["path"] == path]
        if not mine:
            assert after[name] == before[name], f"{path} changed but no fix was reported for it"
        else:
            assert after[name].decode("utf-8") == replay(before[name].decode("utf-8"), mine)

    # What was fixed is not reported as remaining, and nothing fixable remains.
    remaining = json.loads(result.stdout)["findings"]
    spots = {(c["path"], c["line"], c["col"]) for c in changes}
    assert not [f for f in remaining if (f["path"], f["line"], f["column"]) in spots and f["fix"]]
    assert not [f for f in remaining if f["fix"] and f["fix"]["safe"]]
    again = run("check", "articles", "--diff")
    assert again.exit_code == 0 and again.stdout == ""
    assert "0 fixes would be applied in 0 files" in again.stderr
    stats = {p: os.stat(here / "articles" / p).st_mtime_ns for p in after}
    rerun = run("check", "articles", "--fix")
    assert "0 fixes applied in 0 files" in rerun.stderr
    assert {p: os.stat(here / "articles" / p).st_mtime_ns for p in after} == stats  # never touched


def test_diff_shows_the_same_changes_without_writing_and_git_applies_it(here):
    shutil.copytree(REPO / "articles", here / "articles")
    before = snapshot(here / "articles")
    shown = run("check", "articles", "--diff")
    assert shown.exit_code == 1  # there is something to fix
    assert snapshot(here / "articles") == before  # nothing written
    assert shown.stdout.startswith("--- a/articles/")
    assert "fixes would be applied in" in shown.stderr and "(nothing was written)" in shown.stderr
    (here / "fixes.patch").write_text(shown.stdout, encoding="utf-8")

    shutil.copytree(here / "articles", here / "fixed")
    assert run("check", "fixed", "--fix").exit_code == 1
    patched = subprocess.run(["git", "apply", "--unsafe-paths", "-p1", "fixes.patch"], cwd=here,
                             capture_output=True, text=True)
    assert patched.returncode == 0, patched.stderr
    assert snapshot(here / "articles") == snapshot(here / "fixed")


def test_only_safe_fixes_of_the_files_given_are_applied(here):
    archive = here / "archive"
    archive.mkdir()
    given = archive / "given.txt"
    given.write_text("Stem cell therapy in Japan\n\n" + LAW + "\n\nStep one<br>step two.\n", encoding="utf-8")
    other = archive / "other.txt"
    other.write_text("Stem cells in Japan\n\n" + LAW + "\n", encoding="utf-8")
    before_other = other.read_bytes()
    result = run("check", "archive/given.txt", "--archive", "archive", "--fix")
    assert "archive/given.txt:3:70: CL201 fixed: '2014' -> '2013'" in result.stderr
    assert "1 fix applied in 1 file" in result.stderr
    text = given.read_text(encoding="utf-8")
    assert "enacted in 2013." in text
    assert "Step one<br>step two." in text  # removing the tag would join two words: not applied
    assert other.read_bytes() == before_other  # an archive file that was not given
    # The unsafe suggestion is still shown, and said not to be applied.
    assert "CL502 markup-debris" in result.stdout
    assert "= fix: replace '<br>' with ' '" in result.stdout and "--fix leaves it" in result.stdout


def test_debris_with_one_obvious_repair_is_fixed_in_plain_text(here):
    page = here / "page.txt"
    page.write_text("Stem Cell Therapy in Japan\n\n"
                    "Clinics in Tokyo&nbsp;and Osaka offer it.\n"
                    "</div>\n"
                    "Patients also visit MÃ©rida and Bangkokâ€™s hospitals.\n"
                    "\n?? Japan at a glance\n", encoding="utf-8")
    result = run("check", "page.txt", "--fix", "--format", "json")
    assert "4 fixes applied in 1 file" in result.stderr, result.stderr
    assert page.read_text(encoding="utf-8") == (
        "Stem Cell Therapy in Japan\n\n"
        "Clinics in Tokyo\u00a0and Osaka offer it.\n"
        "\n"
        "Patients also visit Mérida and Bangkok’s hospitals.\n"
        "\n?? Japan at a glance\n")
    remaining = json.loads(result.stdout)["findings"]
    assert [(f["rule"], f["text"], f["fix"]) for f in remaining] == [("CL501", "??", None)]


def test_line_endings_and_byte_order_mark_are_kept(here):
    page = here / "law.txt"
    raw = codecs.BOM_UTF8 + ("Japan's regenerative medicine law\r\n\r\n" + LAW + "\r\nMore text.").encode()
    page.write_bytes(raw)
    result = run("check", "law.txt", "--fix")
    assert result.exit_code == 0, result.output
    assert page.read_bytes() == raw.replace(b"2014", b"2013")


def test_files_that_are_not_utf8_are_left_alone(here):
    page = here / "law.txt"
    raw = ("Japan's regenerative medicine law \u2013 caf\xe9\n\n" + LAW + "\n").encode("cp1252")
    page.write_bytes(raw)
    result = run("check", "law.txt", "--fix")
    assert "law.txt: not fixed: the file is not UTF-8" in result.stderr
    assert "0 fixes applied in 0 files" in result.stderr
    assert page.read_bytes() == raw
    assert result.exit_code == 1  # the fact mismatch is still there, and still reported
    assert "CL201" in result.stdout


def _finding(path: str, line_text: str, line: int, old: str, new: str, rule: str) -> Finding:
    col = line_text.index(old) + 1
    return Finding(rule, "x", "fact", "error", Location(path, line, col, line, col + len(old), old),
                   "m", fingerprint=rule, fix=Fix(new, True, "d"))


def test_overlapping_fixes_apply_the_first_and_leave_the_rest_for_a_next_run(here):
    line = "Prices rose from 2013 to 2014 in Tokyo."
    (here / "a.txt").write_text("Title\n" + line + "\n", encoding="utf-8")
    findings = [
        _finding("a.txt", line, 2, "2013 to 2014", "2013 to 2015", "CL201"),
        _finding("a.txt", line, 2, "2014", "2012", "CL201"),  # inside the first one
        _finding("a.txt", line, 2, "Tokyo", "Osaka", "CL502"),
    ]
    plan = fixes.plan(findings, ["a.txt"])
    assert "a.txt: 1 fix overlapping another left for a next run" in plan.notices
    fixes.apply(plan)
    assert (here / "a.txt").read_text() == "Title\nPrices rose from 2013 to 2015 in Osaka.\n"
    [ff] = plan.files
    assert ff.left == [findings[1]]


def test_an_interrupted_fix_leaves_no_truncated_file_and_no_temporary_file(here, monkeypatch):
    folder = here / "articles"
    folder.mkdir()
    first, second = folder / "a.txt", folder / "b.txt"
    first.write_text("Japan's regenerative medicine law\n\n" + LAW + "\n", encoding="utf-8")
    second.write_text("The law in Japan\n\n" + LAW + "\n" + "More text. " * 5000 + "\n", encoding="utf-8")
    original = snapshot(folder)
    real_replace = os.replace
    calls = []

    def killed_before_second_rename(src, dst):  # as Ctrl-C between the write and the rename
        calls.append(dst)
        if len(calls) == 2:
            raise KeyboardInterrupt
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", killed_before_second_rename)
    result = run("check", "articles", "--fix")
    assert result.exit_code == 130 and "claimlint: interrupted" in result.stderr
    assert "Traceback" not in result.output
    assert len(calls) == 2
    assert sorted(os.listdir(folder)) == ["a.txt", "b.txt"]  # no temporary file left
    assert first.read_text(encoding="utf-8").count("enacted in 2013.") == 1  # fully rewritten
    assert second.read_bytes() == original["b.txt"]  # untouched, not truncated


def test_a_failed_write_is_one_error_line_and_leaves_the_file_whole(here, monkeypatch):
    page = here / "law.txt"
    page.write_text("Japan's regenerative medicine law\n\n" + LAW + "\n", encoding="utf-8")
    raw = page.read_bytes()

    def disk_full(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    result = run("check", "law.txt", "--fix")
    assert result.exit_code == 2
    assert "claimlint: error: law.txt: not fixed: cannot write it: No space left on device" in result.stderr
    assert "Traceback" not in result.output
    assert page.read_bytes() == raw
    assert os.listdir(here) == ["law.txt"]


def test_standard_input_is_never_rewritten(here):
    result = CliRunner().invoke(main, ["check", "-", "--fix"],
                                input="Japan's regenerative medicine law\n\n" + LAW + "\n")
    assert "<stdin>: fixes are not applied to standard input" in result.stderr
    assert result.exit_code == 1
