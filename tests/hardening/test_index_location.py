"""Issue 13, items 3 and 8: the claims index is written only where the user said, never
through a symbolic link, never into another program's database, and every problem with it
is one clear line and exit 2."""
from __future__ import annotations

import os
import sqlite3

import pytest

from .runner import GOOD, claimlint


@pytest.fixture
def archive(tmp_path):
    root = tmp_path / "articles"
    root.mkdir()
    (root / "good.md").write_text(GOOD)
    return root


def foreign_database(path) -> None:
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE documents (id INTEGER PRIMARY KEY, owner TEXT)")
    db.execute("INSERT INTO documents (owner) VALUES ('accounting')")
    db.commit()
    db.close()


def tables(path) -> set[str]:
    db = sqlite3.connect(path)
    names = {n for (n,) in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    db.close()
    return names


def test_a_symlinked_index_file_is_refused(archive, tmp_path):
    elsewhere = tmp_path / "other.sqlite"
    sqlite3.connect(elsewhere).close()
    (archive / ".claimlint").mkdir()
    os.symlink(elsewhere, archive / ".claimlint" / "index.sqlite")
    result = claimlint("audit", str(archive), cwd=tmp_path)
    assert result.code == 2
    assert "symbolic link" in result.stderr and len(result.lines) == 1
    assert tables(elsewhere) == set()


def test_a_symlinked_index_folder_is_refused(archive, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    os.symlink(elsewhere, archive / ".claimlint")
    result = claimlint("check", "--archive", str(archive), str(archive / "good.md"), cwd=tmp_path)
    assert result.code == 2 and "symbolic link" in result.stderr
    assert list(elsewhere.iterdir()) == []


@pytest.mark.parametrize("command", ["audit", "check"])
def test_a_foreign_database_is_left_alone(archive, tmp_path, command):
    (archive / ".claimlint").mkdir()
    foreign_database(archive / ".claimlint" / "index.sqlite")
    args = ["audit", str(archive)] if command == "audit" else \
        ["check", "--archive", str(archive), str(archive / "good.md")]
    result = claimlint(*args, cwd=tmp_path)
    assert result.code == 2 and "not a claimlint index" in result.stderr and len(result.lines) == 1
    assert tables(archive / ".claimlint" / "index.sqlite") == {"documents"}


def test_an_archive_outside_the_project_named_by_its_config_is_refused(tmp_path):
    project, other = tmp_path / "project", tmp_path / "other"
    project.mkdir(), other.mkdir()
    (other / "good.md").write_text(GOOD)
    (project / "good.md").write_text(GOOD)
    (project / ".claimlint.yaml").write_text("archive: ../other\n")
    result = claimlint("check", "good.md", cwd=project)
    assert result.code == 2
    assert result.lines == [result.lines[0]] and ".claimlint.yaml:1:" in result.stderr
    assert "outside" in result.stderr
    assert not (other / ".claimlint").exists()


def test_the_command_line_may_name_any_archive_and_is_told_where_the_index_is(archive, tmp_path):
    result = claimlint("check", "--archive", str(archive), str(archive / "good.md"), cwd=tmp_path)
    assert result.code == 0
    assert (archive / ".claimlint" / "index.sqlite").is_file()
    assert any("created the claims index" in line and "index.sqlite" in line for line in result.lines)
    again = claimlint("check", "--archive", str(archive), str(archive / "good.md"), cwd=tmp_path)
    assert not any("created" in line for line in again.lines)


# -- item 8: clear lines where tracebacks were ---------------------------------------

def test_index_folder_that_is_a_file(archive, tmp_path):
    (archive / ".claimlint").write_text("not a folder")
    for args in (["audit", str(archive)], ["check", "--archive", str(archive), str(archive / "good.md")]):
        result = claimlint(*args, cwd=tmp_path)
        assert result.code == 2 and len(result.lines) == 1
        assert ".claimlint" in result.stderr and "not a folder" in result.stderr


def test_read_only_archive(archive, tmp_path):
    archive.chmod(0o555)
    try:
        for args in (["audit", str(archive)], ["check", "--archive", str(archive), str(archive / "good.md")]):
            result = claimlint(*args, cwd=tmp_path, unprivileged=True)
            assert result.code == 2 and len(result.lines) == 1 and "cannot" in result.stderr
    finally:
        archive.chmod(0o755)
