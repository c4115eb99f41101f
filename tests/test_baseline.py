"""`check --write-baseline FILE` records today's findings; `--baseline FILE` reports only
new ones, however the text around the recorded ones moves."""
from __future__ import annotations

import json
import os

import pytest
from click.testing import CliRunner

from claimlint.cli import main

HEADING = "# Stem cell therapy for knee osteoarthritis in Japan\n\n"
LAW = "The Act on the Safety of Regenerative Medicine (ASRM) was enacted in 2014.\n\n"
PRICE = "Cultured knee therapy in Japan costs $7,000 – $12,000 per knee.\n\n"
TABLE = ("| Country | Type | Cost |\n|---|---|---|\n"
         "| Japan | Cultured knee MSCs | $8,000 – $14,000 |\n\n")
RISKY = "Our therapy cures arthritis.\n"
ARTICLE = HEADING + LAW + PRICE + TABLE + RISKY


@pytest.fixture
def here(tmp_path, monkeypatch):
    """Run claimlint in a fresh folder: paths (and so fingerprints) relative to it."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NO_COLOR", "1")
    return tmp_path


def run(*args):
    return CliRunner().invoke(main, list(args))


def rules_of(result) -> list[str]:
    return sorted(f["rule"] for f in json.loads(result.stdout)["findings"])


def write(path, text):
    path.write_text(text, encoding="utf-8")


def test_baseline_hides_recorded_findings_and_says_how_many(here):
    write(here / "japan.md", ARTICLE)
    before = run("check", "japan.md", "--format", "json", "--fail-on", "warning")
    assert before.exit_code == 1
    recorded = rules_of(before)
    assert {"CL101", "CL201", "CL401"} <= set(recorded)

    wrote = run("check", "japan.md", "--write-baseline", "baseline.json")
    assert wrote.exit_code == 0, wrote.output
    assert f"wrote {len(recorded)} findings to the baseline baseline.json" in wrote.stderr
    assert wrote.stdout == ""

    after = run("check", "japan.md", "--baseline", "baseline.json", "--fail-on", "warning")
    assert after.exit_code == 0, after.output
    assert after.stdout == "No findings.\n"
    assert f"the baseline baseline.json hid {len(recorded)} findings" in after.stderr


def test_editing_around_baselined_findings_keeps_them_hidden_and_a_new_finding_fails(here):
    article = here / "japan.md"
    write(article, ARTICLE)
    assert run("check", "japan.md", "--write-baseline", "baseline.json").exit_code == 0

    # Paragraphs inserted above everything, the sentence next to the law reworded, the
    # price sentence edited around its number, the table moved below the risky sentence.
    edited = (HEADING
              + "Japan regulates cell therapy more tightly than most countries.\n\n"
              + "Clinics must register every treatment with the health ministry.\n\n"
              + LAW.replace("was enacted in 2014.", "was enacted in 2014 after a long debate.")
              + "A certified committee reviews each therapy before it is offered.\n\n"
              + PRICE.replace("costs", "usually costs").replace("per knee", "for one knee")
              + RISKY + "\n" + TABLE)
    write(article, edited)
    moved = run("check", "japan.md", "--baseline", "baseline.json", "--fail-on", "warning",
                "--format", "json")
    assert moved.exit_code == 0, moved.output
    assert rules_of(moved) == []
    assert "hid 4 findings" in moved.stderr

    # A new problem in the same article is reported, alone, and fails the run.
    write(article, edited + "\nShinya Yamanaka won the Nobel Prize in 2013.\n")
    new = run("check", "japan.md", "--baseline", "baseline.json", "--format", "json")
    assert new.exit_code == 1
    [finding] = json.loads(new.stdout)["findings"]
    assert finding["rule"] == "CL201" and finding["text"] == "2013"
    assert "hid 4 findings" in new.stderr


def test_a_second_identical_finding_is_still_new(here):
    write(here / "a.md", HEADING + RISKY)
    assert run("check", "a.md", "--write-baseline", "baseline.json").exit_code == 0
    write(here / "a.md", HEADING + RISKY + "\nIn short: our therapy cures arthritis.\n")
    result = run("check", "a.md", "--baseline", "baseline.json", "--format", "json", "--fail-on", "warning")
    assert result.exit_code == 1
    [finding] = json.loads(result.stdout)["findings"]
    assert finding["rule"] == "CL401" and finding["line"] == 5
    assert "hid 1 finding" in result.stderr


def test_fixed_findings_make_the_baseline_stale_and_rewriting_it_shrinks_it(here):
    write(here / "japan.md", ARTICLE)
    assert run("check", "japan.md", "--write-baseline", "baseline.json").exit_code == 0
    entries = json.loads((here / "baseline.json").read_text())["findings"]
    write(here / "japan.md", ARTICLE.replace("2014", "2013"))
    result = run("check", "japan.md", "--baseline", "baseline.json")
    assert result.exit_code == 0
    assert "; 1 recorded finding no longer occurs (refresh the baseline with --write-baseline)" in result.stderr
    assert run("check", "japan.md", "--write-baseline", "baseline.json").exit_code == 0
    assert len(json.loads((here / "baseline.json").read_text())["findings"]) == len(entries) - 1


def test_baseline_file_is_versioned_sorted_one_finding_per_line_and_stable(here):
    write(here / "b.md", HEADING + RISKY)
    write(here / "a.md", ARTICLE)
    assert run("check", "a.md", "b.md", "--write-baseline", "baseline.json").exit_code == 0
    text = (here / "baseline.json").read_text(encoding="utf-8")
    data = json.loads(text)
    assert data["version"] == 1 and data["tool"] == "claimlint"
    keys = [(e["path"], e["rule"], e["text"]) for e in data["findings"]]
    assert keys == sorted(keys) and keys[0][0] == "a.md" and keys[-1] == ("b.md", "CL401", "cures")
    lines = text.splitlines()
    assert len(lines) == len(data["findings"]) + 6  # a finding is one line: diffs stay readable
    assert all(e["count"] == 1 and e["fingerprint"] for e in data["findings"])
    assert "$7,000 – $12,000" in text  # readable, not \u-escaped
    # Moving the text does not change the file: no line numbers in it.
    write(here / "a.md", "\n\n\n" + ARTICLE)
    assert run("check", "b.md", "a.md", "--write-baseline", "baseline.json").exit_code == 0
    assert (here / "baseline.json").read_text(encoding="utf-8") == text
    assert not [n for n in os.listdir(here) if n.endswith(".tmp")]


@pytest.mark.parametrize("content, problem", [
    ('{"version": 1, "tool": "claimlint", "findings": [\n  {"fingerprint": "x",}\n]}',
     "baseline.json:2:23: baseline is not valid JSON: Expecting property name"),
    ('{"version": 7, "tool": "claimlint", "findings": []}',
     "baseline.json: baseline version 7 is not supported (this claimlint reads version 1)"),
    ('{"runs": []}', "baseline.json: not a claimlint baseline"),
    ('{"version": 1, "tool": "claimlint", "findings": [{"fingerprint": "ab", "count": 0}]}',
     "baseline.json: finding 1: \"count\" must be a positive whole number, not 0"),
    ('{"version": 1, "tool": "claimlint", "findings": [{"count": 1}]}',
     "baseline.json: finding 1: \"fingerprint\" must be a non-empty string"),
    ('{"version": 1, "tool": "claimlint", "findings": [{"fingerprint": "ab"}, {"fingerprint": "ab"}]}',
     "baseline.json: finding 2: fingerprint ab is listed twice"),
])
def test_a_malformed_baseline_is_one_line_naming_the_file_and_the_problem(here, content, problem):
    write(here / "a.md", ARTICLE)
    write(here / "baseline.json", content)
    result = run("check", "a.md", "--baseline", "baseline.json")
    assert result.exit_code == 2
    assert result.stdout == ""  # nothing is checked against a baseline that cannot be read
    assert result.stderr.startswith("claimlint: " + problem), result.stderr
    assert len(result.stderr.splitlines()) == 1 and "Traceback" not in result.stderr


def test_a_missing_baseline_and_contradictory_options_are_usage_errors(here):
    write(here / "a.md", ARTICLE)
    missing = run("check", "a.md", "--baseline", "nope.json")
    assert missing.exit_code == 2
    assert "nope.json: baseline file not found (write one with --write-baseline)" in missing.stderr
    both = run("check", "a.md", "--baseline", "x.json", "--write-baseline", "y.json")
    assert both.exit_code == 2 and "cannot be combined" in both.stderr
    assert not (here / "y.json").exists()


def test_no_baseline_is_written_when_an_input_cannot_be_read(here):
    write(here / "a.md", ARTICLE)
    result = run("check", "a.md", "missing.md", "--write-baseline", "baseline.json")
    assert result.exit_code == 2
    assert "missing.md: no such file or directory" in result.stderr
    assert "the baseline baseline.json was not written" in result.stderr
    assert not (here / "baseline.json").exists()


@pytest.mark.parametrize("project", ["git", "config"])
def test_baseline_written_at_the_top_holds_when_run_from_a_subfolder(here, monkeypatch, project):
    """Fingerprints count paths from the project root (the configuration file's folder,
    else the git work tree), not from wherever claimlint runs."""
    if project == "git":
        (here / ".git").mkdir()
    else:
        write(here / ".claimlint.yaml", "fail_on: warning\n")
    (here / "articles").mkdir()
    write(here / "articles" / "japan.md", ARTICLE)
    wrote = run("check", "articles/japan.md", "--write-baseline", "baseline.json")
    assert wrote.exit_code == 0, wrote.output

    monkeypatch.chdir(here / "articles")
    after = run("check", "japan.md", "--baseline", "../baseline.json", "--fail-on", "warning")
    assert after.exit_code == 0, after.output
    assert after.stdout == "No findings.\n"

    write(here / "articles" / "japan.md", ARTICLE + "The therapy is 100% safe.\n")
    new = run("check", "japan.md", "--baseline", "../baseline.json", "--fail-on", "warning",
              "--format", "json")
    assert new.exit_code == 1
    assert rules_of(new) == ["CL401"]


def test_fingerprints_do_not_depend_on_the_folder_the_analysis_runs_in(here, monkeypatch):
    """A Dask worker analyses an article in its own working directory; its findings must
    carry the fingerprints the local engine gives."""
    from claimlint.config import load_settings
    from claimlint.index.analysis import analyse
    from claimlint.load.reader import RawText

    (here / ".git").mkdir()
    (here / "articles").mkdir()
    monkeypatch.chdir(here / "articles")
    settings = load_settings()

    def fingerprints():
        return sorted(f.fingerprint for f in analyse("japan.md", RawText(ARTICLE), "", settings).findings)

    local = fingerprints()
    assert local
    (here / "worker").mkdir()
    monkeypatch.chdir(here / "worker")
    assert fingerprints() == local
