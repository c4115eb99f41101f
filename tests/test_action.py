"""The composite GitHub Action (action.yml): its shell steps, run here as the runner runs
them (`bash --noprofile --norc -eo pipefail`), with the files GitHub provides."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from .conftest import REPO

ACTION = yaml.safe_load((REPO / "action.yml").read_text(encoding="utf-8"))
STEPS = {step.get("id") or step["name"]: step for step in ACTION["runs"]["steps"]}


def run_step(name: str, tmp_path: Path, cwd: Path, env: dict) -> subprocess.CompletedProcess:
    script = tmp_path / "step.sh"
    script.write_text(STEPS[name]["run"], encoding="utf-8")
    path = os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")])
    full = {**os.environ, "PATH": path, "NO_COLOR": "1", **env}
    return subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)],
                          cwd=cwd, env=full, capture_output=True, text=True)


def test_action_is_composite_installs_itself_and_uploads_the_sarif():
    assert ACTION["runs"]["using"] == "composite"
    install = STEPS["Install claimlint"]["run"]
    assert '"$GITHUB_ACTION_PATH"' in install and "pip install" in install
    upload = STEPS["Upload SARIF to code scanning"]
    assert upload["uses"].startswith("github/codeql-action/upload-sarif@")
    assert upload["with"]["sarif_file"] == "${{ inputs.sarif-file }}"


@pytest.fixture
def github_files(tmp_path) -> dict:
    return {"GITHUB_OUTPUT": str(tmp_path / "output"), "GITHUB_STEP_SUMMARY": str(tmp_path / "summary.md")}


def test_check_step_annotates_writes_sarif_and_summary_and_keeps_the_exit_code(tmp_path, github_files):
    sarif = tmp_path / "claimlint.sarif"
    done = run_step("check", tmp_path, REPO, {**github_files, "CLAIMLINT_PATHS": "articles",
                                              "CLAIMLINT_ARGS": "--fail-on error",
                                              "CLAIMLINT_SARIF": str(sarif)})
    assert done.returncode == 0, done.stderr  # findings fail the last step, not this one
    assert "exit-code=1" in Path(github_files["GITHUB_OUTPUT"]).read_text()
    assert "::error file=articles/" in done.stdout  # annotations
    log = json.loads(sarif.read_text(encoding="utf-8"))
    assert log["version"] == "2.1.0" and log["runs"][0]["results"]
    summary = Path(github_files["GITHUB_STEP_SUMMARY"]).read_text(encoding="utf-8")
    assert summary.startswith("## claimlint report") and "### articles/" in summary


def test_check_step_fails_at_once_on_a_usage_error(tmp_path, github_files):
    done = run_step("check", tmp_path, REPO, {**github_files, "CLAIMLINT_PATHS": "articles",
                                              "CLAIMLINT_ARGS": "--select CL999",
                                              "CLAIMLINT_SARIF": str(tmp_path / "x.sarif")})
    assert done.returncode == 2
    assert "exit-code=2" in Path(github_files["GITHUB_OUTPUT"]).read_text()
    assert "::error title=claimlint::claimlint could not run (exit 2)" in done.stdout
    assert not (tmp_path / "x.sarif").exists()


def test_diff_step_puts_the_claim_changes_in_the_summary(tmp_path, github_files):
    site = tmp_path / "site"
    site.mkdir()
    config = tmp_path / "gitconfig"
    config.write_text("[user]\n\tname = Test\n\temail = test@example.com\n")
    env = {**github_files, "GIT_CONFIG_GLOBAL": str(config), "GIT_CONFIG_NOSYSTEM": "1",
           "CLAIMLINT_DIFF_BASE": "main"}
    page = site / "knee-japan.md"

    def git(*args):
        subprocess.run(["git", *args], cwd=site, env={**os.environ, **env}, check=True, capture_output=True)

    git("init", "-q", "-b", "main")
    page.write_text("# Knee stem cells in Japan\n\nCultured knee therapy in Japan costs $7,000 – $12,000.\n")
    git("add", "-A")
    git("commit", "-q", "-m", "base")
    git("checkout", "-q", "-b", "pr")
    page.write_text("# Knee stem cells in Japan\n\nCultured knee therapy in Japan costs $8,000 – $13,000.\n")
    git("commit", "-q", "-a", "-m", "new price")
    done = run_step("Summarise claim changes", tmp_path, site, env)
    assert done.returncode == 0, done.stderr
    summary = Path(github_files["GITHUB_STEP_SUMMARY"]).read_text(encoding="utf-8")
    assert summary.startswith("## Claims changed since main\n")
    assert "changed from $7,000 – $12,000 to $8,000 – $13,000 on 1 page" in summary
