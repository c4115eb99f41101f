"""Rule documentation: docs/rules/CODE.md generated from each rule's docstring (what SARIF
`helpUri` and rdjson `code.url` link to), never out of sync; SARIF descriptions that do not
repeat themselves; distinct results with distinct fingerprints; paths from the project root
in every format, wherever claimlint runs."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from jsonschema.validators import validator_for

from claimlint import ruledoc
from claimlint.cli import main
from claimlint.report.common import rule_url
from claimlint.rules import all_rules

from .conftest import REPO
from .report.test_sarif import SCHEMA

RISKY = "# Knee therapy in Japan\n\nOur therapy cures arthritis.\n"
REPEATED = "# Knee therapy in Japan\n\nOur therapy cures arthritis.\n\nTruly, it cures arthritis.\n"


def test_the_rule_pages_are_in_sync_with_the_docstrings():
    assert ruledoc.stale(REPO / "docs" / "rules") == [], "run: python -m claimlint.ruledoc"


@pytest.mark.parametrize("rule", all_rules(), ids=lambda r: r.code)
def test_every_rule_url_names_a_page_of_this_repository(rule):
    path = rule_url(rule.code).split("/blob/main/", 1)[1]
    page = (REPO / path).read_text(encoding="utf-8")
    assert f"# {rule.code} {rule.name}" in page
    assert "## Failing example" in page and f"{rule.code} {rule.name}: " in page  # its finding


def test_a_stale_page_is_reported(tmp_path):
    assert ruledoc.main([str(tmp_path)]) == 0
    (tmp_path / "CL101.md").write_text("old\n")
    (tmp_path / "CL999.md").write_text("gone\n")
    assert ruledoc.stale(tmp_path) == ["CL101.md", "CL999.md"]
    assert ruledoc.main(["--check", str(tmp_path)]) == 1


def sarif_of(*args: str) -> dict:
    result = CliRunner().invoke(main, ["check", *args, "--format", "sarif"])
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)


def test_full_descriptions_say_each_thing_once(monkeypatch):
    monkeypatch.chdir(REPO)
    for rule in sarif_of("articles")["runs"][0]["tool"]["driver"]["rules"]:
        short = rule["shortDescription"]["text"]
        full = rule["fullDescription"]["text"]
        assert full.startswith(short) and full.count(short) == 1, rule["id"]
        assert not short.startswith(rule["id"]), short  # the code and name are fields of their own
        assert "::" not in rule["help"]["text"] and "::" not in rule["help"]["markdown"]


def test_distinct_results_never_share_a_fingerprint(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.md").write_text(REPEATED)
    results = sarif_of("a.md")["runs"][0]["results"]
    assert [r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in results] == [3, 5]
    prints = [r["partialFingerprints"]["claimlintFingerprint/v1"] for r in results]
    assert len(set(prints)) == 2 and prints[1] == prints[0] + "/2"


def test_the_demo_archive_has_no_folded_results(monkeypatch):
    monkeypatch.chdir(REPO)
    results = sarif_of("articles")["runs"][0]["results"]
    prints = [r["partialFingerprints"]["claimlintFingerprint/v1"] for r in results]
    assert len(prints) == len(set(prints))


@pytest.fixture
def project(tmp_path, monkeypatch) -> Path:
    """A project (its configuration at the top) run from two folders below it."""
    (tmp_path / ".claimlint.yaml").write_text("fail_on: error\n")
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "a.md").write_text(RISKY)
    deep = tmp_path / "docs" / "drafts"
    deep.mkdir(parents=True)
    monkeypatch.chdir(deep)
    return tmp_path


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github", "markdown", "junit", "rdjson"])
def test_paths_are_relative_to_the_project_root_in_every_format(project, fmt):
    result = CliRunner(env={"NO_COLOR": "1"}).invoke(main, ["check", "../../articles/a.md", "--format", fmt])
    assert result.exit_code == 0, result.output
    assert "articles/a.md" in result.stdout
    assert "../" not in result.stdout


def test_sarif_names_the_project_root_and_validates(project):
    log = sarif_of("../../articles/a.md")
    run = log["runs"][0]
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == project.resolve().as_uri() + "/"
    location = run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location == {"uri": "articles/a.md", "uriBaseId": "%SRCROOT%"}
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    validator_for(schema)(schema).validate(log)


def test_rdjson_reads_byte_columns_from_the_project_root(project):
    (project / "articles" / "a.md").write_text("# Knee – Japan\n\n“Our” therapy cures arthritis.\n")
    result = CliRunner().invoke(main, ["check", "../../articles/a.md", "--format", "rdjson"])
    start = json.loads(result.stdout)["diagnostics"][0]["location"]["range"]["start"]["column"]
    line = "“Our” therapy cures arthritis."
    assert start == len(line[:line.index("cures")].encode("utf-8")) + 1
