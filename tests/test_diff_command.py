"""`claimlint diff BASE [HEAD]`: what a change does to the claims, grouped by subject, for
a reviewer ("this PR changes the Japan knee OA price from X to Y on 3 pages")."""
from __future__ import annotations

import json
import subprocess

import pytest
from click.testing import CliRunner

from claimlint.cli import main

OLD, NEW = "$7,000 – $12,000", "$8,000 – $13,000"
PAGES = {
    "articles/knee-japan.md": "# Knee stem cells in Japan\n\nCultured knee therapy in Japan costs {price}.\n",
    "articles/japan-faq.md": ("# Questions about Japan\n\nA first paragraph about travel.\n\n"
                              "Cultured knee therapy in Japan costs {price}, including the culture.\n"),
    "articles/knee-mexico.txt": ("Knee stem cells in Mexico\n\nFor comparison, cultured knee therapy "
                                 "in Japan costs {price}.\n"),
}
VISA = "# Visiting Japan\n\nUS citizens can enter Japan under a 60-day visa waiver for a knee treatment.\n"


def git(*args: str) -> str:
    done = subprocess.run(["git", *args], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.fixture
def repo(tmp_path, monkeypatch):
    """A git repository with three pages quoting the Japan knee price, and a visa page."""
    config = tmp_path / "gitconfig"
    config.write_text("[user]\n\tname = Test\n\temail = test@example.com\n[init]\n\tdefaultBranch = main\n")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(config))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    work = tmp_path / "site"
    (work / "articles").mkdir(parents=True)
    monkeypatch.chdir(work)
    git("init", "-q")
    for path, text in PAGES.items():
        (work / path).write_text(text.format(price=OLD), encoding="utf-8")
    (work / "articles/visa.md").write_text(VISA, encoding="utf-8")
    (work / "README.md").write_text("Costs $1 – $2.\n")  # not an article
    git("add", "-A")
    git("commit", "-q", "-m", "base")
    return work


def run(*args):
    return CliRunner().invoke(main, ["diff", *args])


def reprice(work, price=NEW):
    for path, text in PAGES.items():
        (work / path).write_text(text.format(price=price), encoding="utf-8")


def test_a_price_changed_on_three_pages_is_one_line_with_the_pages(repo):
    reprice(repo)
    result = run("HEAD")  # against the working tree
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith("claimlint diff: HEAD (") and lines[0].endswith(") -> working tree")
    assert lines[1].startswith("3 articles changed; claims of 1 subject differ")
    block = result.stdout.split("\n\n", 1)[1]
    assert block == ("price (knee-osteoarthritis, japan, cultured)\n"
                     f"  changed from {OLD} to {NEW} on 3 pages\n"
                     "    articles/japan-faq.md:5\n"
                     "    articles/knee-japan.md:3\n"
                     "    articles/knee-mexico.txt:3\n")


def test_added_and_removed_claims_and_new_untracked_articles(repo):
    (repo / "articles/visa.md").unlink()
    (repo / "articles/knee-korea.md").write_text(
        "# Knee stem cells in Korea\n\nCultured knee therapy in South Korea costs $6,000 – $10,000.\n",
        encoding="utf-8")
    result = run("HEAD")
    assert result.exit_code == 0, result.output
    assert "price (knee-osteoarthritis, south-korea, cultured)\n  added $6,000 – $10,000 on 1 page\n" \
           "    articles/knee-korea.md:3\n" in result.stdout
    assert "visa-stay (knee-osteoarthritis, japan)\n  removed 60-day from 1 page\n" \
           "    articles/visa.md:3 (in HEAD)\n" in result.stdout
    assert "README" not in result.stdout


def test_commits_ranges_and_json(repo):
    reprice(repo)
    (repo / "articles/visa.md").write_text(VISA.replace("60-day", "90-day"), encoding="utf-8")
    git("commit", "-q", "-a", "-m", "new prices")
    two_args = run("HEAD~1", "HEAD", "--format", "json")
    assert two_args.exit_code == 0, two_args.output
    data = json.loads(two_args.stdout)
    assert data["head"] == "HEAD" and len(data["head_commit"]) == 40 and data["base"] == "HEAD~1"
    assert data["files"] == sorted(list(PAGES) + ["articles/visa.md"])
    by_label = {s["label"]: s for s in data["subjects"]}
    [price] = by_label["price (knee-osteoarthritis, japan, cultured)"]["changes"]
    assert (price["change"], price["from"], price["to"]) == ("changed", [OLD], [NEW])
    faq = next(p for p in price["pages"] if p["path"] == "articles/japan-faq.md")
    assert faq["before"] == [{"line": 5, "column": 38, "text": OLD}]
    assert faq["after"] == [{"line": 5, "column": 38, "text": NEW}]
    [visa] = by_label["visa-stay (knee-osteoarthritis, japan)"]["changes"]
    assert (visa["change"], visa["from"], visa["to"]) == ("changed", ["60-day"], ["90-day"])
    dotted = run("HEAD~1..HEAD", "--format", "json")
    assert json.loads(dotted.stdout)["subjects"] == data["subjects"]


def test_three_dots_compare_from_where_the_branch_left(repo):
    git("checkout", "-q", "-b", "feature")
    reprice(repo)
    git("commit", "-q", "-a", "-m", "feature: new price")
    git("checkout", "-q", "main")
    (repo / "articles/visa.md").write_text(VISA.replace("60-day", "30-day"), encoding="utf-8")
    git("commit", "-q", "-a", "-m", "main: visa")
    result = run("main...feature", "--format", "json")
    assert result.exit_code == 0, result.output
    labels = [s["label"] for s in json.loads(result.stdout)["subjects"]]
    assert labels == ["price (knee-osteoarthritis, japan, cultured)"]  # main's own change is not the PR's


def test_rewording_without_changing_a_value_changes_no_claim(repo):
    page = repo / "articles/knee-japan.md"
    page.write_text("# Knee stem cells in Japan\n\nIn Japan, cultured knee therapy costs $7,000-$12,000.\n",
                    encoding="utf-8")
    result = run("HEAD")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[1:] == ["1 article changed", "No claim was added, changed or removed."]


def test_bad_revision_and_no_repository_are_one_line_and_exit_2(repo, tmp_path, monkeypatch):
    bad = run("no-such-branch")
    assert bad.exit_code == 2
    assert bad.stderr == "claimlint: bad revision 'no-such-branch': no such commit in this repository\n"
    assert bad.stdout == ""
    bad_head = run("HEAD", "nope")
    assert bad_head.exit_code == 2 and "bad revision 'nope'" in bad_head.stderr
    outside = tmp_path / "not-a-repo"
    outside.mkdir()
    monkeypatch.chdir(outside)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    nowhere = run("HEAD")
    assert nowhere.exit_code == 2
    assert nowhere.stderr.startswith("claimlint: not in a git repository")
    assert len(nowhere.stderr.splitlines()) == 1


def test_with_an_archive_the_other_pages_that_still_state_the_old_value_are_listed(repo):
    (repo / "articles/knee-japan.md").write_text(PAGES["articles/knee-japan.md"].format(price=NEW),
                                                 encoding="utf-8")
    result = run("HEAD", "--archive", "articles")
    assert result.exit_code == 0, result.output
    assert result.stdout.split("\n\n", 1)[1] == (
        "price (knee-osteoarthritis, japan, cultured)\n"
        f"  changed from {OLD} to {NEW} on 1 page\n"
        "    articles/knee-japan.md:3\n"
        f"  still {OLD} on 2 other pages of the archive:\n"
        "    articles/japan-faq.md:5\n"
        "    articles/knee-mexico.txt:3\n")
    data = json.loads(run("HEAD", "--archive", "articles", "--format", "json").stdout)
    still = data["subjects"][0]["changes"][0]["still_old"]
    assert [(s["path"], s["line"], s["text"]) for s in still] == [
        ("articles/japan-faq.md", 5, OLD), ("articles/knee-mexico.txt", 3, OLD)]


def test_the_configurations_archive_is_used_and_a_full_change_leaves_nothing_behind(repo):
    (repo / ".claimlint.yaml").write_text("archive: articles\n")
    reprice(repo)
    result = run("HEAD")
    assert result.exit_code == 0, result.output
    assert "still" not in result.stdout and "on 3 pages" in result.stdout
    (repo / "articles/japan-faq.md").write_text(PAGES["articles/japan-faq.md"].format(price=OLD),
                                                encoding="utf-8")
    assert f"  still {OLD} on 1 other page of the archive:\n    articles/japan-faq.md:5\n" in run("HEAD").stdout
