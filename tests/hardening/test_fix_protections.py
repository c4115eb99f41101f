"""Issue 13, item 9: `check --fix` respects what protects a file: its mode, its owner, its
hard links, read-only files, and links that lead out of the folder being checked."""
from __future__ import annotations

import os
import stat

import pytest

from .runner import claimlint

LAW = "Japan's regenerative medicine law\n\nThe Act on the Safety of Regenerative Medicine (ASRM) was enacted in 2014.\n"
FIXED = LAW.replace("2014", "2013")


@pytest.fixture
def site(tmp_path):
    folder = tmp_path / "site"
    folder.mkdir()
    return folder


def test_mode_and_owner_are_kept(site):
    page = site / "law.txt"
    page.write_text(LAW)
    page.chmod(0o640)
    owner = (4321, 4321) if os.geteuid() == 0 else (os.getuid(), os.getgid())
    os.chown(page, *owner)
    result = claimlint("check", ".", "--fix", cwd=site)
    assert result.code == 0, result.stderr
    assert page.read_text() == FIXED
    info = page.stat()
    assert (stat.S_IMODE(info.st_mode), info.st_uid, info.st_gid) == (0o640, *owner)


def test_hard_links_are_kept(site, tmp_path):
    page = site / "law.txt"
    page.write_text(LAW)
    twin = tmp_path / "twin.txt"
    os.link(page, twin)
    result = claimlint("check", "law.txt", "--fix", cwd=site)
    assert result.code == 0, result.stderr
    assert page.read_text() == FIXED and twin.read_text() == FIXED
    assert os.path.samefile(page, twin)
    assert sorted(os.listdir(site)) == ["law.txt"]  # no temporary copy left behind


def test_a_read_only_file_is_refused_and_the_others_are_fixed(site):
    locked, open_ = site / "locked.txt", site / "open.txt"
    locked.write_text(LAW), open_.write_text(LAW)
    locked.chmod(0o444)
    result = claimlint("check", ".", "--fix", cwd=site)
    assert result.code == 2
    assert "claimlint: error: locked.txt: not fixed: the file is read-only" in result.stderr
    assert locked.read_text() == LAW and stat.S_IMODE(locked.stat().st_mode) == 0o444
    assert open_.read_text() == FIXED


def test_a_link_out_of_the_checked_folder_is_not_followed(site, tmp_path):
    outside = tmp_path / "outside.txt"
    outside.write_text(LAW)
    os.symlink(outside, site / "link.txt")
    (site / "inside.txt").write_text(LAW)
    for args in (["check", ".", "--fix"], ["check", "link.txt", "inside.txt", "--fix"]):
        result = claimlint(*args, cwd=site)
        assert result.code == 2
        assert "link.txt: not fixed: a symbolic link to a file outside the folders checked" in result.stderr
        assert outside.read_text() == LAW
        assert (site / "inside.txt").read_text() == FIXED
        (site / "inside.txt").write_text(LAW)


def test_a_link_inside_the_checked_folder_stays_a_link(site):
    (site / "real.txt").write_text(LAW)
    os.symlink("real.txt", site / "alias.txt")
    result = claimlint("check", "alias.txt", "--fix", cwd=site)
    assert result.code == 0, result.stderr
    assert os.path.islink(site / "alias.txt") and (site / "real.txt").read_text() == FIXED
