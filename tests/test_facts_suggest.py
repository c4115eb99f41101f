"""`claimlint facts suggest`: a facts file drafted from a generated archive loads back, its
check reports exactly the pages it lists as disagreeing, `--fix` corrects the fixable ones,
and what the user's facts files already cover is not suggested again."""
from __future__ import annotations

import datetime
import importlib.util
import json
import re
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from claimlint.cli import main
from claimlint.rules.facts import load_facts

from .conftest import REPO

_SPEC = importlib.util.spec_from_file_location("bench_generate", REPO / "benchmarks" / "generate.py")
gen = sys.modules.setdefault("bench_generate", importlib.util.module_from_spec(_SPEC))
if not hasattr(gen, "generate"):  # dataclasses look their module up in sys.modules
    _SPEC.loader.exec_module(gen)

SATISFIED = "88% of patients were satisfied"  # what seed 7's Mexican implant pages say
OUTLIER = re.compile(r"^  #   (\S+):(\d+) states ", re.M)


def invoke(*args: str):
    result = CliRunner().invoke(main, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> Path:
    """61 articles (60 generated, a fifth with a planted conflict), checked from their parent."""
    base = tmp_path_factory.mktemp("suggest")
    gen.generate(str(base / "site"), 60, seed=7, conflict_rate=0.2)
    (base / "site" / "manifest.json").unlink()
    # One more page, a copy with another satisfaction rate: a single value, safely fixable.
    source = sorted((base / "site").glob("*-dental-implants-mexico-*.txt"))[0]
    text = source.read_text(encoding="utf-8")
    assert SATISFIED in text
    (base / "site" / "zz-dental-implants-mexico-copy.txt").write_text(
        text.replace(SATISFIED, "78% of patients were satisfied"), encoding="utf-8")
    return base


@pytest.fixture
def drafted(archive, monkeypatch) -> tuple[Path, str, str]:
    monkeypatch.chdir(archive)
    result = invoke("facts", "suggest", "site", "-o", "facts.yaml", "--jobs", "1")
    assert result.exit_code == 0, result.output
    return archive / "facts.yaml", (archive / "facts.yaml").read_text(encoding="utf-8"), result.stderr


def test_the_draft_loads_back_as_a_facts_file_marked_for_review(drafted):
    path, text, stderr = drafted
    facts = load_facts(str(path))
    assert len(facts) >= 5
    assert text.count("    review: true\n") == len(facts)
    assert text.count(f"    as_of: {datetime.date.today().isoformat()}\n") == len(facts)
    assert re.search(rf"claimlint: {len(facts)} facts drafted from 61 articles; \d+ pages? disagree", stderr)
    assert not list(path.parent.glob(".claimlint-*.tmp"))  # written atomically, nothing left over


def test_each_entry_says_how_many_pages_agree_and_which_disagree(drafted):
    _, text, _ = drafted
    counts = re.findall(r"^  # .+: (\d+) of (\d+) pages state .+; (\d+) disagrees?[.:]$", text, re.M)
    assert counts and all(int(agree) * 2 > int(total) >= 3 for agree, total, _ in counts)
    assert any(int(disagree) > 0 for _, _, disagree in counts)
    assert re.search(r'^    source: "the archive: site/', text, re.M)


def test_checking_with_the_draft_reports_the_outliers_and_fix_corrects_them(drafted, archive):
    path, text, _ = drafted
    listed = {(p, int(line)) for p, line in OUTLIER.findall(text)}
    assert listed
    result = invoke("check", "site", "--facts", "facts.yaml", "--select", "CL201", "--format", "json")
    found = json.loads(result.stdout)["findings"]
    assert {(f["path"], f["line"]) for f in found if f["fact_id"].startswith("suggested.")} == listed
    fixable = [f for f in found if f["fix"] and f["fact_id"].startswith("suggested.")]
    assert [f["text"] for f in fixable] == ["78%"]
    fixed = invoke("check", "site", "--facts", "facts.yaml", "--select", "CL201", "--fix", "--format", "json")
    assert f"{len(fixable)} fix" in fixed.stderr
    after = json.loads(invoke("check", "site", "--facts", "facts.yaml", "--select", "CL201",
                              "--format", "json").stdout)["findings"]
    assert len(after) == len(found) - len(fixable)


def test_what_the_users_facts_cover_is_not_suggested_again(drafted, archive):
    path, text, _ = drafted
    first = load_facts(str(path))[0]
    mine = archive / "mine.yaml"
    entry = text.split("  - id: ", 2)[1].split("\n\n", 1)[0]
    mine.write_text("facts:\n  - id: my." + entry.split("\n", 1)[0] + "\n" + entry.split("\n", 1)[1] + "\n",
                    encoding="utf-8")
    again = invoke("facts", "suggest", "site", "--facts", "mine.yaml", "--jobs", "1")
    assert again.exit_code == 0, again.output
    assert f"id: {first.id}\n" not in again.stdout
    assert "already in your facts files" in again.stderr
    assert len(load_facts(str(mine))) == 1


def test_min_articles_and_a_missing_folder(drafted):
    strict = invoke("facts", "suggest", "site", "--min-articles", "1000", "--jobs", "1")
    assert strict.exit_code == 0 and "facts: []" in strict.stdout
    missing = invoke("facts", "suggest", "nowhere")
    assert missing.exit_code == 2 and missing.stderr == "claimlint: nowhere: no such folder\n"
