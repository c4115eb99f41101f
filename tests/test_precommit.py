"""The `claimlint` pre-commit hook, driven by the real pre-commit framework.

pre-commit installs a hook from a git repository at a revision, so this checkout's package
files (with `.pre-commit-hooks.yaml`) are committed into a temporary repository first;
an articles repository then uses it as its hook repository, exactly as a user's
`.pre-commit-config.yaml` uses the published one. The articles repository's
`.pre-commit-config.yaml` and `.claimlint.yaml` are the documented ones, copied literally
(docs/examples/pre-commit-config.yaml and docs/github-actions.md); only the repository URL is
pointed at the local copy, which carries the release tag the documentation pins. pre-commit builds claimlint into a
virtualenv of its own (PRE_COMMIT_HOME is a temporary folder): that install is most of
this module's run time, about half a minute.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from claimlint import __version__

from .conftest import REPO

PUBLISHED_URL = "https://github.com/claimlint/claimlint"

# What building and installing claimlint needs, and the hook definition.
HOOK_REPO_FILES = ("pyproject.toml", "README.md", ".pre-commit-hooks.yaml", "src", "lint_rules")

JAPAN = ("# Stem cell therapy for knee osteoarthritis in Japan\n\n"
         "Cultured knee therapy in Japan costs $7,000 – $12,000.\n")
FAQ_CONFLICTING = ("# Regenerative medicine in Japan: questions\n\n"
                   "Cultured knee therapy in Japan costs $12,000 – $20,000.\n")
FAQ_AGREEING = FAQ_CONFLICTING.replace("$12,000 – $20,000", "$7,000 – $12,000")


def git(cwd: Path, *args: str, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True)


@pytest.fixture(scope="module")
def env(tmp_path_factory) -> dict:
    home = tmp_path_factory.mktemp("pre-commit-env")
    gitconfig = home / "gitconfig"
    gitconfig.write_text("[user]\n\tname = Claimlint Test\n\temail = test@example.com\n"
                         "[init]\n\tdefaultBranch = main\n[commit]\n\tgpgsign = false\n")
    return {**os.environ, "PRE_COMMIT_HOME": str(home / "cache"), "GIT_CONFIG_GLOBAL": str(gitconfig),
            "GIT_CONFIG_NOSYSTEM": "1", "PRE_COMMIT_COLOR": "never", "NO_COLOR": "1"}


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory, env) -> tuple[Path, str]:
    """A git repository holding this checkout's claimlint at one commit: (path, sha)."""
    repo = tmp_path_factory.mktemp("claimlint-hook-repo")
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", ".claimlint")
    for name in HOOK_REPO_FILES:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, repo / name, ignore=ignore)
        else:
            shutil.copy2(source, repo / name)
    for args in (("init", "-q"), ("add", "-A"), ("commit", "-q", "-m", "claimlint under test"),
                 ("tag", f"v{__version__}")):
        done = git(repo, *args, env=env)
        assert done.returncode == 0, done.stderr
    return repo, git(repo, "rev-parse", "HEAD", env=env).stdout.strip()


def documented_precommit_config() -> str:
    return (REPO / "docs" / "examples" / "pre-commit-config.yaml").read_text(encoding="utf-8")


def documented_block(start: str) -> str:
    """The fenced yaml block of docs/github-actions.md whose first line is `start`."""
    text = (REPO / "docs" / "github-actions.md").read_text(encoding="utf-8")
    block = text.split(f"```yaml\n{start}\n", 1)[1].split("```", 1)[0]
    return block


def test_the_documented_configs_agree_and_pin_the_current_release():
    config = documented_precommit_config()
    assert f"    rev: v{__version__}\n" in config
    assert documented_block("# .pre-commit-config.yaml") in config


def commit(work: Path, env: dict, message: str, *paths: str) -> subprocess.CompletedProcess:
    added = git(work, "add", *paths, env=env)
    assert added.returncode == 0, added.stderr
    return git(work, "commit", "-m", message, env=env)


def commits(work: Path, env: dict) -> int:
    return int(git(work, "rev-list", "--count", "HEAD", env=env).stdout.strip())


def test_a_conflicting_price_refuses_the_commit_and_a_clean_commit_passes(hook_repo, env, tmp_path):
    hook_path, _ = hook_repo
    work = tmp_path / "site"
    (work / "articles").mkdir(parents=True)
    assert git(work, "init", "-q", env=env).returncode == 0
    config = documented_precommit_config()
    assert PUBLISHED_URL in config
    (work / ".pre-commit-config.yaml").write_text(config.replace(PUBLISHED_URL, hook_path.as_posix()))
    (work / ".claimlint.yaml").write_text(documented_block("# .claimlint.yaml"))
    (work / ".gitignore").write_text(".claimlint/\n")
    installed = subprocess.run([sys.executable, "-m", "pre_commit", "install"], cwd=work, env=env,
                               capture_output=True, text=True)
    assert installed.returncode == 0, installed.stdout + installed.stderr

    (work / "articles" / "knee-japan.md").write_text(JAPAN, encoding="utf-8")
    first = commit(work, env, "Japan knee article", ".pre-commit-config.yaml", ".claimlint.yaml",
                   ".gitignore", "articles/knee-japan.md")
    output = first.stdout + first.stderr
    assert first.returncode == 0, output
    assert "claimlint" in output and "Passed" in output  # the hook ran, on the article
    assert "Skipped" not in output
    assert commits(work, env) == 1

    (work / "articles" / "japan-faq.md").write_text(FAQ_CONFLICTING, encoding="utf-8")
    refused = commit(work, env, "FAQ with another price", "articles/japan-faq.md")
    output = refused.stdout + refused.stderr
    assert refused.returncode != 0, output
    assert "claimlint" in output and "Failed" in output
    assert "japan-faq.md" in output
    assert "CL102 cross-article-conflict" in output
    assert "$12,000 – $20,000 here but $7,000 – $12,000 in 1 other article" in output
    assert commits(work, env) == 1  # nothing was committed

    (work / "articles" / "japan-faq.md").write_text(FAQ_AGREEING, encoding="utf-8")
    clean = commit(work, env, "FAQ with the archive's price", "articles/japan-faq.md")
    output = clean.stdout + clean.stderr
    assert clean.returncode == 0, output
    assert "Passed" in output
    assert commits(work, env) == 2
