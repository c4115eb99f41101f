"""`claimlint audit`: summary, exports, --since, exit codes."""
from __future__ import annotations

import csv
import io
import json
import subprocess

from claimlint.audit.exports import to_csv
from tests.index.conftest import archive, claimlint  # noqa: F401  (the archive fixture)


def _git(cwd, *args):
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True,
                   env={"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
                        "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org",
                        "HOME": str(cwd), "PATH": "/usr/bin:/bin"})


def test_summary_names_rules_worst_articles_and_contested_subjects(archive):
    result = claimlint("audit", archive.name, "--json", "a.json", "--csv", "a.csv", cwd=archive.parent)
    assert result.returncode == 1  # the demo archive has errors
    assert "16 articles" in result.stdout
    for heading in ("rule", "worst articles", "most contested"):
        assert heading in result.stdout
    assert "\r" not in result.stderr  # no progress bar when stderr is not a terminal
    data = json.loads((archive.parent / "a.json").read_text(encoding="utf-8"))
    assert data["counts"]["findings"] == len(data["findings"])
    assert sum(data["counts"]["by_rule"].values()) == len(data["findings"])
    for finding in data["findings"]:
        if finding["line"] == finding["end_line"] and finding["rule"] != "CL001":
            assert finding["text"] in finding["context"], finding
    japan = [c for c in data["contested"] if "japan" in c["label"] and c["kind"] == "price"]
    assert japan and len(japan[0]["statements"]) >= 3
    assert any(not s["agrees"] for s in japan[0]["statements"])
    rows = list(csv.DictReader(io.StringIO((archive.parent / "a.csv").read_text(encoding="utf-8"))))
    assert len(rows) == len(data["findings"])


def test_csv_cells_are_never_spreadsheet_formulas():
    data = {"findings": [{"path": "a.md", "line": 1, "message": "=HYPERLINK(\"http://x\")",
                          "text": "+1 555", "rule": "CL101"}]}
    row = next(csv.DictReader(io.StringIO(to_csv(data))))
    assert row["message"].startswith("'=") and row["text"].startswith("'+")


def test_since_a_git_revision_shows_new_fixed_and_open(archive):
    site = archive.parent
    _git(site, "init", "-q")
    _git(site, "add", "-A")
    _git(site, "commit", "-qm", "archive")
    page = archive / "knee-oa-stem-cells-japan.md"
    page.write_text(page.read_text(encoding="utf-8").replace("cures arthritis", "may ease arthritis")
                    + "\nThe cultured protocol in Japan costs $9,900 – $19,900.\n", encoding="utf-8")
    result = claimlint("audit", archive.name, "--since", "HEAD", "--json", "s.json", cwd=site)
    since = json.loads((site / "s.json").read_text(encoding="utf-8"))["since"]
    assert since["ref"] == "HEAD" and since["new"] >= 1 and since["open"] >= 20
    assert f"since HEAD: {since['new']} new, {since['fixed']} fixed" in result.stdout
    again = claimlint("audit", archive.name, "--since", "last", cwd=site)
    assert "0 new, 0 fixed" in again.stdout


def test_since_an_unknown_revision_is_a_usage_error(archive):
    _git(archive.parent, "init", "-q")
    result = claimlint("audit", archive.name, "--since", "no-such-branch", cwd=archive.parent)
    assert result.returncode == 2 and "no-such-branch" in result.stderr


def test_audit_of_a_missing_folder_is_a_usage_error(tmp_path):
    result = claimlint("audit", "nowhere", cwd=tmp_path)
    assert result.returncode == 2 and "nowhere" in result.stderr
