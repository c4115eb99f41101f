"""The README's commands work on a fresh machine: `scripts/test` (which `.ci/run` runs)
provides the browser the tests need, or says how to get it."""
from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

from .conftest import REPO

ENSURE = REPO / "scripts" / "ensure-chromium"


def readme_test_command() -> str:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    block = readme.split("run the tests (this is exactly what `.ci/run` does):", 1)[1]
    return re.search(r"\n\n    (\S.*)\n", block).group(1)


def test_ci_runs_exactly_the_readme_test_command():
    command = readme_test_command()
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8").strip().splitlines()
    assert ci[-1] == f"exec {command}"
    assert os.access(REPO / command.split()[0], os.X_OK)


def fake_bin(tmp_path: Path, **scripts: str) -> Path:
    """A folder of stand-in commands (bash, id, apt-get...) to use as the only PATH."""
    folder = tmp_path / "bin"
    folder.mkdir()
    for tool in ("bash", "chmod"):
        (folder / tool).symlink_to(subprocess.check_output(["bash", "-c", f"command -v {tool}"], text=True).strip())
    for name, body in scripts.items():
        path = folder / name.replace("_", "-")
        path.write_text("#!/bin/bash\n" + body + "\n")
        path.chmod(0o755)
    return folder


def ensure(folder: Path) -> subprocess.CompletedProcess:
    env = {"PATH": str(folder), "HOME": str(folder)}
    return subprocess.run(["bash", str(ENSURE)], env=env, capture_output=True, text=True)


def test_a_missing_chromium_is_installed_with_apt_as_root(tmp_path):
    log = tmp_path / "apt.log"
    folder = fake_bin(tmp_path, id="echo 0", apt_get=(
        f'echo "$@" >> {log}\n'
        f'if [[ "$*" == *install* ]]; then\n'
        f'  printf "#!/bin/bash\\n" > {tmp_path}/bin/chromium; chmod +x {tmp_path}/bin/chromium\nfi'))
    done = ensure(folder)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == str(folder / "chromium")
    assert "install -y -qq chromium" in log.read_text()
    assert "installing Debian's chromium" in done.stderr


def test_without_root_it_says_what_to_install_and_fails(tmp_path):
    folder = fake_bin(tmp_path, id="echo 1000", apt_get="exit 99")
    done = ensure(folder)
    assert done.returncode == 2
    assert "sudo apt-get install chromium" in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1


def test_a_chromium_on_path_is_used_as_it_is(tmp_path):
    folder = fake_bin(tmp_path, id="echo 0", apt_get="exit 99", chromium="exit 0")
    done = ensure(folder)
    assert done.returncode == 0 and done.stdout.strip() == str(folder / "chromium")
