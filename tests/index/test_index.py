"""The claims index: incremental, faithful to a run without it, and robust."""
from __future__ import annotations

import json
import shutil
import sqlite3

import pytest

from .conftest import claimlint, findings_json


def _audit(archive, *extra):
    result = claimlint("audit", archive.name, "--json", "audit.json", *extra, cwd=archive.parent, check=True)
    return result, findings_json(archive.parent / "audit.json")


def _analysed(result) -> int:
    head = result.stdout.splitlines()[0]
    return int(head.split("(")[1].split(" analysed")[0])


def test_second_audit_reuses_everything_and_a_change_reanalyses_one_file(archive):
    first, before = _audit(archive)
    assert _analysed(first) == 16
    again, same = _audit(archive)
    assert _analysed(again) == 0 and same == before

    page = archive / "knee-oa-stem-cells-japan.md"
    page.write_text(page.read_text(encoding="utf-8").replace("$7,000", "$7,500"), encoding="utf-8")
    changed, after = _audit(archive)
    assert _analysed(changed) == 1
    assert after != before

    (archive / "dental-implants-budapest-hungary.md").unlink()
    _, fewer = _audit(archive)
    assert not any(f["path"].endswith("dental-implants-budapest-hungary.md") for f in fewer)


def test_touching_a_file_without_changing_it_reanalyses_nothing(archive):
    _audit(archive)
    page = archive / "hair-transplant-thailand-bangkok.html"
    page.write_text(page.read_text(encoding="utf-8"), encoding="utf-8")
    result, _ = _audit(archive)
    assert _analysed(result) == 0


def test_changed_settings_reanalyse_every_file(archive):
    _audit(archive)
    (archive.parent / ".claimlint.yaml").write_text("currency: EUR\n", encoding="utf-8")
    result, _ = _audit(archive)
    assert _analysed(result) == 16


def test_check_against_the_index_equals_a_plain_check(archive):
    plain = claimlint("check", archive.name, "--format", "json", cwd=archive.parent)
    indexed = claimlint("check", archive.name, "--archive", archive.name, "--format", "json", cwd=archive.parent)
    assert json.loads(indexed.stdout) == json.loads(plain.stdout)
    assert (archive / ".claimlint" / "index.sqlite").is_file()


def test_an_audit_reports_exactly_what_a_plain_check_does(archive):
    """The audit reads only the groups in which articles state different values; the
    others cannot hold a conflict, so the findings are a plain check's."""
    plain = json.loads(claimlint("check", archive.name, "--format", "json", cwd=archive.parent).stdout)
    _, audited = _audit(archive)
    assert [_without_context(f) for f in audited] == plain["findings"]
    assert any(f["rule"] == "CL102" for f in plain["findings"])


def _without_context(finding: dict) -> dict:
    return {k: v for k, v in finding.items() if k != "context"}


def test_checking_one_file_compares_it_with_the_indexed_rest(archive):
    page = archive / "knee-oa-stem-cells-japan.md"
    _audit(archive)
    alone = claimlint("check", page.relative_to(archive.parent), "--format", "json", cwd=archive.parent)
    assert not [f for f in json.loads(alone.stdout)["findings"] if f["rule"] == "CL102"]
    text = page.read_text(encoding="utf-8").replace("$7,000 – $12,000", "$9,900 – $19,900")
    page.write_text(text, encoding="utf-8")
    result = claimlint("check", page.relative_to(archive.parent), "--archive", archive.name,
                       "--format", "json", cwd=archive.parent)
    cross = [f for f in json.loads(result.stdout)["findings"] if f["rule"] == "CL102"]
    assert cross, result.stdout
    assert all(f["path"] == "articles/knee-oa-stem-cells-japan.md" for f in cross)
    assert any(r["path"] != f["path"] for f in cross for r in f["related"])


def test_schema_is_queryable_with_sqlite(archive):
    _audit(archive)
    db = sqlite3.connect(archive / ".claimlint" / "index.sqlite")
    kinds = dict(db.execute("SELECT kind, count(*) FROM claims GROUP BY kind"))
    assert kinds.get("price", 0) > 10
    paths = [p for (p,) in db.execute("SELECT path FROM documents")]
    assert len(paths) == 16 and all(p.startswith("articles/") for p in paths)


def test_a_damaged_index_file_is_a_clear_error(archive):
    folder = archive / ".claimlint"
    folder.mkdir()
    (folder / "index.sqlite").write_bytes(b"this is not a database" * 100)
    result = claimlint("audit", archive.name, cwd=archive.parent)
    assert result.returncode == 2
    assert "index" in result.stderr and "delete it" in result.stderr


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_jobs_do_not_change_the_findings(archive, jobs):
    for copy in ("b", "c"):  # over 24 articles, so that a process pool is used
        shutil.copytree(archive, archive / copy, ignore=shutil.ignore_patterns("b", "c", ".claimlint"))
    _, base = _audit(archive, "--index", str(archive.parent / "a.sqlite"), "--jobs", "1")
    _, other = _audit(archive, "--index", str(archive.parent / f"b{jobs}.sqlite"), "--jobs", jobs)
    assert other == base
