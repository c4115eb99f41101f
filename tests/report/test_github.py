"""GitHub Actions workflow commands: one annotation command per finding, escaped as the
Actions toolkit escapes them, and a summary that owns up to GitHub's annotation limits."""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Optional

from claimlint.model import Finding, Location
from claimlint.report import github

DEBRIS = "CL601"


def render(findings, rules) -> list[str]:
    text = github.render(findings, rules, tool_version="0.1.0")
    assert text.endswith("\n")
    return text.splitlines()


def errors(count: int) -> list[Finding]:
    return [Finding("CL101", "conflicting-values", "intra-article", "error",
                    Location("articles/a.md", n, 1, n, 6, "$1000"), f"price conflict {n}")
            for n in range(1, count + 1)]


def test_one_command_per_finding_then_a_summary(findings, rules):
    lines = render(findings, rules)
    assert len(lines) == len(findings) + 1  # no message can smuggle in an extra line
    assert [line.split(" ", 1)[0] for line in lines[:-1]] == [
        "::error", "::error", "::warning", "::warning", "::warning", "::notice"]  # errors first
    assert lines[-1] == "claimlint: 6 findings (2 errors, 3 warnings, 1 info)."


def test_command_carries_file_position_and_rule_title(findings, rules):
    first = render(findings, rules)[0]
    assert first == (
        "::error file=articles/knee-oa-stem-cells-japan.md,line=41,col=26,endLine=41,endColumn=42,"
        "title=CL101 conflicting-values::articles/knee-oa-stem-cells-japan.md:41:26: price for "
        "knee-osteoarthritis / japan / cultured stated as $8,000 – $14,000 here and "
        "$7,000 – $12,000 at line 20")


def test_message_data_is_escaped_like_the_toolkit(findings, rules):
    [debris] = [line for line in render(findings, rules) if "title=CL601" in line]
    data = debris.split("::", 2)[2]
    assert data == ("articles/knee-oa-stem-cells-mexico.txt:40:32: leftover markup in the text: "
                    "\"<script>track('price|100%25')</script>\"%0Aremove it, or move it out of the "
                    "article body")
    # Commas and colons are left alone in the message: only properties escape them.
    assert ", or move" in data


def test_properties_escape_colon_comma_percent_and_newlines(rules):
    loc = Location("articles/Knee, OA: 100%.md", 3, 1, 3, 5, "text")
    finding = Finding("CL601", "text-debris", "artifact", "info", loc, "a\r\nb")
    command = render([finding], rules)[0]
    assert command == ("::notice file=articles/Knee%2C OA%3A 100%25.md,line=3,col=1,endLine=3,"
                       "endColumn=5,title=CL601 text-debris::articles/Knee, OA: 100%25.md:3:1: a%0D%0Ab")


def test_escape_helpers_match_actions_core():
    assert github.escape_data("100%\r\n: ,") == "100%25%0D%0A: ,"
    assert github.escape_property("100%\r\n: ,") == "100%25%0D%0A%3A %2C"


def test_no_findings_prints_only_a_summary(rules):
    assert render([], rules) == ["claimlint: no findings."]


def test_ten_errors_fit_within_the_annotation_limit(rules):
    summary = render(errors(10), rules)[-1]
    assert summary == "claimlint: 10 findings (10 errors)."


def test_over_the_limit_all_commands_are_printed_and_the_summary_says_so(rules, findings):
    lines = render(errors(12) + findings, rules)
    assert sum(line.startswith("::error ") for line in lines) == 14
    summary = lines[-1]
    assert not summary.startswith("::")
    assert summary.startswith("claimlint: 18 findings (14 errors, 3 warnings, 1 info).")
    assert "Not shown as annotations: 4 errors (GitHub annotates the first 10 of each level" in summary
    assert "10 of 14 errors shown" in summary
    assert "warnings shown" not in summary  # 3 warnings are all annotated
    assert "SARIF or Markdown report" in summary


def test_notices_over_the_limit_are_reported_too(rules, findings):
    debris = next(f for f in findings if f.rule == DEBRIS)
    many = [replace(debris, location=replace(debris.location, line=n, end_line=n)) for n in range(1, 12)]
    assert "10 of 11 notices shown" in render(many, rules)[-1]


def test_errors_in_changed_files_and_of_high_confidence_come_first(rules):
    @dataclass(frozen=True)
    class Rated(Finding):  # findings may carry a confidence (high|medium|low) or none
        confidence: Optional[str] = None

    def error(path: str, line: int, confidence: Optional[str] = None) -> Finding:
        return Rated("CL101", "conflicting-values", "intra-article", "error",
                     Location(path, line, 1, line, 6, "$1000"), "conflict", confidence=confidence)

    warning = replace(errors(1)[0], severity="warning", location=Location("articles/pr.md", 1, 1, 1, 6, "$1"))
    findings = [warning, error("articles/a.md", 1, "high"), error("articles/a.md", 2, "low"),
                error("articles/b.md", 3), error("articles/pr.md", 9, "low"), error("articles/pr.md", 4, "medium")]
    text = github.render(findings, rules, tool_version="0.1.0", changed={"articles/pr.md"})
    order = [line.split("::")[2].split(": ")[0] for line in text.splitlines()[:-1]]
    assert order == ["articles/pr.md:4:1", "articles/pr.md:9:1", "articles/a.md:1:1", "articles/a.md:2:1",
                     "articles/b.md:3:1", "articles/pr.md:1:1"]


def test_the_pull_requests_files_are_read_from_git(tmp_path, monkeypatch, rules):
    import subprocess

    def git(*args):
        subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.com", *args],
                       cwd=tmp_path, check=True, capture_output=True)
    (tmp_path / "a.md").write_text("a\n")
    (tmp_path / "b.md").write_text("b\n")
    git("init", "-q", "-b", "main")
    git("add", "-A")
    git("commit", "-qm", "base")
    git("update-ref", "refs/remotes/origin/main", "HEAD")
    git("checkout", "-qb", "pr")
    (tmp_path / "b.md").write_text("b changed\n")
    git("commit", "-qam", "change b")
    monkeypatch.setenv("GITHUB_BASE_REF", "main")
    findings = [replace(f, location=replace(f.location, path=p)) for f, p in zip(errors(2), ["a.md", "b.md"])]
    first = github.render(findings, rules, tool_version="0.1.0", root=str(tmp_path)).splitlines()[0]
    assert "file=b.md," in first


def test_golden(findings, rules, tool_version, golden):
    golden("github", github.render(findings, rules, tool_version=tool_version))
