"""Every CI report format on the demo archive in `articles/`, as `claimlint check articles
--format FORMAT` prints it from the top of the repository.

The goldens in tests/report/golden/demo/ change whenever a rule finds more or less in the
demo archive, which is often while rules improve. After such a change, look at the new
findings, then rewrite the goldens with

    CLAIMLINT_UPDATE_GOLDEN=1 .venv/bin/pytest tests/report/test_demo_formats.py

and review `git diff tests/report/golden/demo/` like any other change of output. The tool
version is written as VERSION in the goldens so that a release does not change them.
"""
from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest
from click.testing import CliRunner
from jsonschema.validators import validator_for

from claimlint import __version__
from claimlint.cli import main

from ..conftest import REPO
from .test_sarif import SCHEMA


@pytest.fixture(scope="module")
def report():
    """format -> (exit code, output) of `claimlint check articles --format FORMAT`."""
    cache: dict[str, tuple[int, str]] = {}

    def run(fmt: str) -> tuple[int, str]:
        if fmt not in cache:
            with pytest.MonkeyPatch.context() as mp:
                mp.chdir(REPO)  # paths in reports are relative to where claimlint runs
                mp.setenv("NO_COLOR", "1")
                result = CliRunner().invoke(main, ["check", "articles", "--format", fmt])
            assert result.exception is None or isinstance(result.exception, SystemExit), result.output
            cache[fmt] = result.exit_code, result.stdout.replace(f"claimlint {__version__}", "claimlint VERSION")
        return cache[fmt]
    return run


@pytest.mark.parametrize("fmt", ["github", "markdown", "junit", "rdjson"])
def test_golden(fmt, report, golden):
    code, text = report(fmt)
    assert code == 1  # the demo archive has errors planted in it
    golden(f"demo/{fmt}", text)


def test_every_finding_of_the_demo_archive_is_in_each_format(report):
    findings = json.loads(report("json")[1])["findings"]
    assert len(findings) > 20
    github = report("github")[1].splitlines()
    assert len(github) == len(findings) + 1
    assert github[-1].startswith(f"claimlint: {len(findings)} findings (")
    junit = ET.fromstring(report("junit")[1].split("\n", 2)[2])
    assert junit.get("failures") == str(len(findings))
    assert len(junit.findall("./testsuite/testcase/failure")) == len(findings)
    rdjson = json.loads(report("rdjson")[1])
    assert len(rdjson["diagnostics"]) == len(findings)
    assert rdjson["severity"] == "ERROR"
    markdown = report("markdown")[1]
    files = {f["path"] for f in findings}
    assert f"{len(findings)} findings in {len(files)} files" in markdown
    assert all(f"### {path}" in markdown for path in files)


def test_rdjson_columns_are_utf8_bytes_on_the_demo_archive(report):
    """Demo lines hold "–" and "€" before their claims: rdjson must count bytes there."""
    diagnostics = json.loads(report("rdjson")[1])["diagnostics"]
    converted = 0
    for d in diagnostics:
        loc = d["location"]
        line = (REPO / loc["path"]).read_text(encoding="utf-8").split("\n")[loc["range"]["start"]["line"] - 1]
        data = line.encode("utf-8")
        start, end = loc["range"]["start"]["column"], loc["range"]["end"]["column"]
        span = data[start - 1:end - 1].decode("utf-8")
        assert span and span in line
        converted += len(span) != end - start
    assert converted  # some spans hold multi-byte characters, and still decode exactly


def test_demo_sarif_validates_and_offers_the_fixes(report):
    if not SCHEMA.exists():
        pytest.skip(f"official SARIF schema not found at {SCHEMA.resolve()} (CI always has it)")
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    validator = validator_for(schema)(schema)
    code, text = report("sarif")
    assert code == 1
    log = json.loads(text)
    errors = sorted(validator.iter_errors(log), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:20])
    results = log["runs"][0]["results"]
    findings = json.loads(report("json")[1])["findings"]
    assert len(results) == len(findings)
    with_fix = [f for f in findings if f["fix"]]
    fixes = [r for r in results if "fixes" in r]
    assert with_fix and len(fixes) == len(with_fix)
    for result, finding in zip(results, findings):
        if finding["fix"] is None:
            continue
        [fix] = result["fixes"]
        [change] = fix["artifactChanges"]
        [replacement] = change["replacements"]
        assert replacement["insertedContent"]["text"] == finding["fix"]["replacement"]
        assert replacement["deletedRegion"]["startLine"] == finding["line"]
        assert fix["properties"]["safe"] is finding["fix"]["safe"]
