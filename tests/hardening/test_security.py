"""Security (issue "Hardening", item 3): what claimlint reads can never run code or reach the
network.

* The source is scanned (its syntax tree, not its text): YAML is only read through
  `yaml.safe_load` or a SafeLoader subclass; nothing calls eval/exec or imports pickle,
  marshal or shelve; no subprocess runs through a shell.
* The command line runs over the demo archive with an audit hook that records every
  network operation; none may happen. A control run with the same hook does open a socket,
  which proves the hook sees them.
"""
from __future__ import annotations

import ast
import importlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

import claimlint

from ..conftest import REPO

SOURCE = Path(claimlint.__file__).resolve().parent

FORBIDDEN_MODULES = {"pickle", "cPickle", "_pickle", "marshal", "shelve", "dill", "cloudpickle", "jsonpickle"}
FORBIDDEN_CALLS = {"eval", "exec", "execfile", "compile", "__import__"}
UNSAFE_YAML = {"load_all", "unsafe_load", "unsafe_load_all", "full_load", "full_load_all",
               "Loader", "UnsafeLoader", "FullLoader", "CLoader", "CUnsafeLoader", "CFullLoader"}


def _modules(source: Path):
    for path in sorted(source.rglob("*.py")):
        yield path, ast.parse(path.read_text(encoding="utf-8"), str(path))


def _where(source: Path, path: Path, node: ast.AST) -> str:
    return f"{path.relative_to(source.parent)}:{node.lineno}"


def _dotted(node: ast.AST) -> str:
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
    return ".".join(reversed(parts))


def _module_name(source: Path, path: Path) -> str:
    parts = list(path.relative_to(source.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def yaml_problems(source: Path) -> list[str]:
    problems = []
    for path, tree in _modules(source):
        for node in ast.walk(tree):
            at = _where(source, path, node) if hasattr(node, "lineno") else ""
            name = _dotted(node) if isinstance(node, ast.Attribute) else ""
            if name.startswith("yaml.") and name.split(".")[1] in UNSAFE_YAML:
                problems.append(f"{at}: {name}")
            if isinstance(node, ast.ImportFrom) and node.module == "yaml":
                unsafe = [a.name for a in node.names if a.name in UNSAFE_YAML | {"load"}]
                if unsafe:
                    problems.append(f"{at}: from yaml import {', '.join(unsafe)}")
            if isinstance(node, ast.Call) and _dotted(node.func) == "yaml.load":
                # allowed only with a safe loader: SafeLoader, libyaml's CSafeLoader, or a
                # subclass of either (their constructor builds plain data, never objects)
                loader = next((k.value for k in node.keywords if k.arg == "Loader"),
                              node.args[1] if len(node.args) > 1 else None)
                cls = None
                if isinstance(loader, ast.Name):
                    cls = getattr(importlib.import_module(_module_name(source, path)), loader.id, None)
                if not (isinstance(cls, type) and issubclass(cls, yaml.constructor.SafeConstructor)
                        and not issubclass(cls, yaml.constructor.FullConstructor)):
                    problems.append(f"{at}: yaml.load without a SafeLoader")
                else:  # a subclass must not add constructors (for Python objects, say)
                    added = (set(cls.yaml_constructors) - set(yaml.SafeLoader.yaml_constructors)) | \
                            (set(cls.yaml_multi_constructors) - set(yaml.SafeLoader.yaml_multi_constructors))
                    if added:
                        problems.append(f"{at}: {cls.__name__} adds constructors for {sorted(added)}")
    return problems


def code_problems(source: Path) -> list[str]:
    problems = []
    for path, tree in _modules(source):
        for node in ast.walk(tree):
            at = _where(source, path, node) if hasattr(node, "lineno") else ""
            if isinstance(node, ast.Import):
                problems += [f"{at}: import {a.name}" for a in node.names
                             if a.name.split(".")[0] in FORBIDDEN_MODULES]
            elif isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] in FORBIDDEN_MODULES:
                problems.append(f"{at}: from {node.module} import ...")
            elif isinstance(node, ast.Call):
                name = _dotted(node.func)
                if name in FORBIDDEN_CALLS or name in ("builtins.eval", "builtins.exec"):
                    problems.append(f"{at}: {name}()")
                if name in ("os.system", "os.popen", "os.execl", "os.execlp", "os.spawnl", "pty.spawn"):
                    problems.append(f"{at}: {name}()")
                if name.startswith("subprocess."):
                    shell = next((k.value for k in node.keywords if k.arg == "shell"), None)
                    if shell is not None and not (isinstance(shell, ast.Constant) and shell.value is False):
                        problems.append(f"{at}: {name}(shell=...)")
                    if node.args and isinstance(node.args[0], (ast.Constant, ast.JoinedStr, ast.BinOp)):
                        problems.append(f"{at}: {name}() with a command line string")
    return problems


def test_the_scan_sees_the_whole_package():
    names = {p.relative_to(SOURCE).as_posix() for p, _ in _modules(SOURCE)}
    assert {"yamlio.py", "cli.py", "load/reader.py", "load/markdown.py"} <= names


def test_yaml_is_only_read_safely():
    problems = yaml_problems(SOURCE)
    assert not problems, "unsafe YAML loading:\n" + "\n".join(problems)


def test_no_eval_exec_pickle_or_shell():
    problems = code_problems(SOURCE)
    assert not problems, "code that could run what it reads:\n" + "\n".join(problems)


def test_the_scan_catches_what_it_looks_for(tmp_path):
    """Control: each forbidden form is flagged when it is there."""
    package = tmp_path / "evilpkg"
    package.mkdir()
    (package / "evil.py").write_text(
        "import pickle\nimport yaml\nimport subprocess, os\n"
        "def f(text):\n"
        "    yaml.load(text, Loader=yaml.Loader)\n"
        "    yaml.unsafe_load(text)\n"
        "    eval(text)\n"
        "    exec(text)\n"
        "    os.system(text)\n"
        "    subprocess.run(text, shell=True)\n"
        "    return pickle.loads(text)\n")
    found = "\n".join(yaml_problems(package) + code_problems(package))
    for expected in ("evil.py:5: yaml.Loader", "evil.py:6: yaml.unsafe_load", "evil.py:5: yaml.load without a SafeLoader",
                     "evil.py:7: eval()", "evil.py:8: exec()", "evil.py:9: os.system()",
                     "evil.py:10: subprocess.run(shell=...)", "evil.py:1: import pickle"):
        assert expected in found, f"{expected!r} not flagged:\n{found}"


# -- no network ---------------------------------------------------------------------------

HOOK = '''\
"""Loaded at start-up (PYTHONPATH): record every network operation of this process."""
import os
import sys

_log = os.environ.get("CLAIMLINT_NETWORK_LOG")
if _log:
    _fd = os.open(_log, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    _NETWORK = {"socket.connect", "socket.getaddrinfo", "socket.gethostbyname", "socket.gethostbyname_ex",
                "socket.gethostbyaddr", "socket.getnameinfo", "socket.sendto", "socket.sendmsg",
                "urllib.Request", "http.client.connect", "ftplib.connect", "smtplib.connect",
                "poplib.connect", "imaplib.open", "nntplib.connect", "telnetlib.Telnet.open"}
    _LOOPBACK = {"::1", "127.0.0.1", "localhost"}

    def _hook(event, args):
        if event == "socket.bind":
            # urllib3 binds ::1 on import to probe for IPv6; listening elsewhere is network
            address = args[1]
            if not isinstance(address, tuple) or address[0] in _LOOPBACK:
                return
        elif event not in _NETWORK:
            return
        os.write(_fd, (f"{os.getpid()} {event} {args[1:]!r}\\n").encode("utf-8", "backslashreplace"))

    sys.addaudithook(_hook)
'''


def _run_with_hook(tmp_path: Path, argv: list[str], cwd: Path) -> tuple[subprocess.CompletedProcess, list[str]]:
    hook_dir = tmp_path / "hook"
    hook_dir.mkdir(exist_ok=True)
    (hook_dir / "sitecustomize.py").write_text(HOOK)
    log = tmp_path / f"network-{len(list(tmp_path.glob('network-*')))}.log"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(hook_dir), os.environ.get("PYTHONPATH")])),
           "CLAIMLINT_NETWORK_LOG": str(log), "NO_COLOR": "1"}
    done = subprocess.run(argv, cwd=cwd, env=env, capture_output=True, text=True, timeout=300)
    events = log.read_text().splitlines() if log.exists() else []
    return done, events


def _claimlint() -> list[str]:
    script = Path(sys.executable).with_name("claimlint")
    return [str(script)] if script.exists() else [sys.executable, "-m", "claimlint"]


def test_the_network_hook_sees_a_connection(tmp_path):
    """Control: the same hook, in the same interpreter, records a connection attempt."""
    code = ("import claimlint.cli, socket, urllib.request\n"
            "try:\n    urllib.request.urlopen('http://127.0.0.1:9/', timeout=2)\n"
            "except OSError:\n    pass\n")
    done, events = _run_with_hook(tmp_path, [sys.executable, "-c", code], tmp_path)
    assert done.returncode == 0, done.stderr
    recorded = {line.split()[1] for line in events}
    assert {"urllib.Request", "socket.connect"} <= recorded, events


def test_claimlint_opens_no_network_connection(tmp_path):
    archive = tmp_path / "articles"
    shutil.copytree(REPO / "articles", archive, ignore=shutil.ignore_patterns(".claimlint"))
    (tmp_path / ".claimlint.yaml").write_text("# empty: the built-in rule packs only\n")
    runs = [
        ["extract", "articles", "--format", "json"],
        ["check", "articles", "--format", "json"],
        ["check", "articles", "--format", "sarif"],
        ["check", "articles/knee-oa-stem-cells-japan.md", "--archive", "articles"],
    ]
    for args in runs:
        done, events = _run_with_hook(tmp_path, _claimlint() + args, tmp_path)
        assert done.returncode in (0, 1), (args, done.stderr[-2000:])
        assert done.stdout.strip(), args  # it did run and report
        assert events == [], f"claimlint {' '.join(args)} used the network:\n" + "\n".join(events)
