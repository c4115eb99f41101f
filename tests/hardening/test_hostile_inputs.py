"""Hostile inputs (issue "Hardening", item 2): each case runs the real `claimlint check` in a
subprocess over a folder holding the hostile file next to `good.md`, an ordinary article with
two known CL401 findings, and asserts what a user sees:

* the exit code documented in README ("Exit codes"),
* exactly the expected one-line messages on stderr, naming the file (and the line for YAML),
* no traceback anywhere,
* `good.md`'s findings still reported (for problems with an input; a faulty rule pack or
  facts file stops the run before any article is read, as documented).

The cases run side by side, one per core, each in a process whose memory is capped (so a
blow-up fails its case instead of the machine); the big-input cases assert the CPU time and
peak memory of their own process.
"""
from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Optional

import pytest

GOOD = "# Knee therapy\n\nOur therapy cures arthritis with guaranteed results.\n"
GOOD_FINDINGS = [("good.md", 3, 13, "CL401", "cures"), ("good.md", 3, 34, "CL401", "guaranteed results")]
RISKY = "Our therapy cures arthritis.\n"  # one CL401 finding
HUNG_AFTER = 30.0  # seconds: a case still running then has hung (BIG cases: 90)
MEMORY_CAP = 3 * 1024 ** 3  # address space of each claimlint process: a blow-up fails the
                            # case with MemoryError instead of taking the machine down


def claimlint_command() -> list[str]:
    script = Path(sys.executable).with_name("claimlint")
    return [str(script)] if script.exists() else [sys.executable, "-m", "claimlint"]


@dataclass
class Result:
    code: int
    stdout: str
    stderr: str
    wall: float
    cpu: float  # user + system seconds of the claimlint process
    peak_rss_mb: float
    folder: Path

    @property
    def errors(self) -> list[str]:
        return [line for line in self.stderr.splitlines() if line.strip()]

    def findings(self) -> list[tuple]:
        data = json.loads(self.stdout)["findings"]
        return [(f["path"], f["line"], f["column"], f["rule"], f["text"]) for f in data]


# The claimlint process is started through this shim, which caps its memory, for the
# unreadable-file case drops root's right to read any file, and then becomes claimlint
# (exec: same process, so its CPU time and peak memory are claimlint's).
SHIM = """
import ctypes, os, resource, sys
cap, drop, argv = int(sys.argv[1]), sys.argv[2] == "drop", sys.argv[3:]
resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
if drop and os.geteuid() == 0:
    # as root, give up CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH (bounding set, so that
    # exec does not give them back): mode 000 then means "unreadable" to root too
    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (1, 2):
        if libc.prctl(24, capability, 0, 0, 0) != 0:  # PR_CAPBSET_DROP
            sys.exit(f"prctl(PR_CAPBSET_DROP) failed: errno {ctypes.get_errno()}")
os.execv(argv[0], argv)
"""


@dataclass
class Case:
    folder: Path
    args: list[str]
    drop_read_override: bool = False
    hung_after: float = HUNG_AFTER
    result: Optional[Result] = None
    failure: str = ""

    def run(self) -> None:
        """Run claimlint to the end (or kill it when it hangs); keep what a user would see."""
        out = [open(self.folder.parent / f"{self.folder.name}.{n}", "w+b") for n in ("out", "err")]
        command = claimlint_command()
        command[0] = shutil.which(command[0]) or command[0]
        argv = [sys.executable, "-c", SHIM, str(MEMORY_CAP), "drop" if self.drop_read_override else "keep",
                *command, *self.args]
        env = {**os.environ, "NO_COLOR": "1", "PYTHONDONTWRITEBYTECODE": "1"}
        started = time.monotonic()
        process = subprocess.Popen(argv, cwd=self.folder, stdin=subprocess.DEVNULL, stdout=out[0],
                                   stderr=out[1], env=env)
        while True:  # os.wait4, not Popen.wait: it also gives this process's own resource use
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() - started > self.hung_after:
                process.kill()
                pid, status, usage = os.wait4(process.pid, 0)
                self.failure = f"claimlint {' '.join(self.args)} hung: killed after {self.hung_after:.0f}s"
                break
            time.sleep(0.02)
        process.returncode = os.waitstatus_to_exitcode(status)
        texts = []
        for fh in out:
            fh.seek(0)
            texts.append(fh.read().decode("utf-8", "backslashreplace"))
            fh.close()
        self.result = Result(process.returncode, texts[0], texts[1], time.monotonic() - started,
                             usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, self.folder)


# -- the cases: each writes its files into `folder` and returns the claimlint arguments ------

def article_folder(folder: Path) -> None:
    folder.mkdir(parents=True)
    (folder / ".claimlint.yaml").write_text("# this folder's own (empty) configuration\n")
    (folder / "good.md").write_text(GOOD, encoding="utf-8")


CASES: dict[str, Callable[[Path], list[str]]] = {}


def case(function):
    CASES[function.__name__] = function
    return function


CHECK = ["check", ".", "--format", "json", "--fail-on", "warning"]


@case
def binary(folder):
    (folder / "logo.md").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 40)
    return CHECK


@case
def invalid_utf8(folder):
    (folder / "latin.md").write_bytes(b"# Caf\xe9\n\nPrices at the caf\xe9.\n\nOur therapy cures arthritis.\n")
    return CHECK


@case
def utf16_with_bom(folder):
    (folder / "wide.md").write_bytes("# Wide\n\nOur therapy cures arthritis.\n".encode("utf-16"))
    return CHECK


@case
def empty_file(folder):
    (folder / "empty.md").write_bytes(b"")
    return CHECK


@case
def single_line_50mb(folder):
    sentence = b"Knee therapy in Japan costs $7,000 and takes 3 weeks; our therapy cures arthritis. "
    with open(folder / "oneline.txt", "wb") as fh:
        block = sentence * (1_000_000 // len(sentence) + 1)
        for _ in range(50):
            fh.write(block)
    return CHECK


@case
def single_line_near_limit(folder):
    """The longest single line the default limit lets in: one 1.8 MB Markdown paragraph."""
    sentence = "Patients travel to Japan for knee therapy, and many say our therapy cures arthritis. "
    text = "".join(sentence if i % 50 else f"Knee therapy in Japan costs ${7000 + i}. "
                   for i in range(1_800_000 // len(sentence)))
    (folder / "oneline.md").write_text(text, encoding="utf-8")
    return CHECK


@case
def million_short_lines(folder):
    words = ["ok", "yes", "see below", "n/a", "next", "done", "item", "more", "—", "end"]
    text = "".join(words[i % 10] + "\n" for i in range(1_000_000)) + RISKY
    (folder / "lines.txt").write_text(text, encoding="utf-8")
    return CHECK + ["--max-file-size", "10"]


@case
def deeply_nested_html(folder):
    depth = 50_000  # 1.7 MB, under the default size limit
    (folder / "deep.html").write_text("<html><body>" + "<div><section>" * depth + "<p>" + RISKY + "</p>"
                                      + "</section></div>" * (depth // 2) + "<ul><li>" * depth, encoding="utf-8")
    return CHECK


@case
def deeply_nested_markdown(folder):
    (folder / "deep.md").write_text("> " * 20_000 + RISKY + "- " * 20_000 + "x\n"
                                    + "".join("  " * i + "- item\n" for i in range(1_000)), encoding="utf-8")
    return CHECK


@case
def billion_laughs_front_matter(folder):
    """An article is untrusted input: YAML aliases in its front matter must not expand."""
    lines = ["---", "a0: &a0 [lol, lol]"] + [f"a{i}: &a{i} [*a{i - 1}, *a{i - 1}]" for i in range(1, 30)]
    (folder / "laughs.md").write_text("\n".join(lines + ["title: *a29", "---", "", RISKY]), encoding="utf-8")
    return CHECK


@case
def scripts_and_event_handlers(folder):
    (folder / "page.html").write_text(
        "<html><head><title>Clinic</title>\n"
        "<script>var claim = 'cures arthritis'; if (a < b && c > d) document.write('<p>guaranteed results</p>');</script>\n"
        "<style>p::after { content: 'miracle cure' }</style></head><body>\n"
        "<img src=x onerror=\"alert('cures arthritis')\">\n"
        "<a href=\"javascript:alert('guaranteed results')\" onclick='cures()'>Book</a>\n"
        "<p onmouseover=\"guaranteed results\">Our therapy cures arthritis.</p>\n"
        "<!-- cures in a comment --><![CDATA[ cures in CDATA ]]><noscript>cures</noscript>\n"
        "<p>Prices &amp; terms &bogus; &#0; &#99999999;.</p></body></html>\n", encoding="utf-8")
    return CHECK


@case
def symlink_loop(folder):
    os.symlink("self.md", folder / "self.md")
    os.symlink("ping.md", folder / "pong.md")
    os.symlink("pong.md", folder / "ping.md")
    (folder / "sub").mkdir()
    os.symlink("..", folder / "sub" / "up")  # a folder loop: walking must not follow it
    return CHECK


@case
def named_pipe(folder):
    os.mkfifo(folder / "pipe.md")  # opening it for reading would block until a writer comes
    return CHECK


@case
def socket_file(folder):
    listener = socket.socket(socket.AF_UNIX)
    listener.bind(str(folder / "sock.md"))
    listener.close()
    return CHECK


@case
def unreadable_file(folder):
    secret = folder / "secret.md"
    secret.write_text(RISKY)
    secret.chmod(0)
    return CHECK


@case
def unreadable_folder(folder):
    (folder / "drafts").mkdir()
    (folder / "drafts" / "draft.md").write_text(RISKY)
    (folder / "drafts").chmod(0)
    return CHECK


@case
def device_path(folder):
    return CHECK + ["/dev/zero"]


@case
def odd_file_names(folder):
    (folder / "my article – café 日本 ٣.md").write_text(RISKY, encoding="utf-8")
    (folder / "with\ttab and 'quote'.md").write_text(RISKY, encoding="utf-8")
    os.close(os.open(os.path.join(os.fsencode(folder), b"bad\xff name.md"), os.O_CREAT | os.O_WRONLY, 0o644))
    return CHECK


@case
def billion_laughs_pack(folder):
    lines = ['lol0: &l0 "lol"']
    for i in range(1, 12):
        lines.append(f"lol{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * 10) + "]")
    lines.append("claims: *l11")
    (folder / "laughs.yaml").write_text("\n".join(lines) + "\n")
    (folder / ".claimlint.yaml").write_text("claims: [laughs.yaml]\n")
    return CHECK


@case
def backtracking_regex_pack(folder):
    (folder / "phrases.yaml").write_text(
        "claims:\n"
        "  - id: slow\n"
        "    pattern: '(a|aa)+$'\n"
        "    message: nested quantifiers\n")
    (folder / ".claimlint.yaml").write_text("claims: [phrases.yaml]\n")
    (folder / "evil.md").write_text("a" * 60 + "!\n")
    return CHECK


@case
def facts_with_wrong_types(folder):
    (folder / "prices.yaml").write_text(
        "facts:\n"
        "  - id: jp.price\n"
        "    claim: price\n"
        "    subject: {treatment: knee-osteoarthritis, country: japan}\n"
        "    low: 6500\n"
        "    high: fifteen thousand\n"
        "    unit: USD\n")
    return CHECK + ["--facts", "prices.yaml"]


# -- running them -------------------------------------------------------------------------

BIG = ("million_short_lines", "single_line_near_limit")


@pytest.fixture(scope="module")
def hostile(request, tmp_path_factory):
    """Runs every selected case, as many at a time as there are cores, the big ones first;
    hostile(name) waits for that case's Result."""
    selected = {item.originalname[len("test_"):] for item in request.session.items
                if item.module is request.module and item.originalname.startswith("test_")}
    root = tmp_path_factory.mktemp("hostile")
    cases = {}
    for name in sorted(selected & CASES.keys(), key=lambda n: (n not in BIG, n)):
        folder = root / name
        article_folder(folder)
        cases[name] = Case(folder, CASES[name](folder), drop_read_override=name.startswith("unreadable"),
                           hung_after=3 * HUNG_AFTER if name in BIG else HUNG_AFTER)
    with ThreadPoolExecutor(max_workers=max(2, os.cpu_count() or 2)) as pool:
        running = {name: pool.submit(c.run) for name, c in cases.items()}

        def result(name: str) -> Result:
            running[name].result()
            if cases[name].failure:
                pytest.fail(cases[name].failure + "\n" + cases[name].result.stderr[-1500:])
            return cases[name].result

        yield result


def assert_clean(result: Result) -> None:
    assert "Traceback" not in result.stdout + result.stderr, result.stderr[-1500:]
    assert "Error:" not in result.stderr or result.stderr.startswith("claimlint:"), result.stderr


def assert_good_checked(result: Result) -> None:
    assert set(GOOD_FINDINGS) <= set(result.findings()), result.stdout


def test_binary(hostile):
    r = hostile("binary")
    assert_clean(r)
    assert r.errors == ["claimlint: warning: logo.md: skipped: binary file"]
    assert r.code == 1  # a warning only: the findings decide
    assert_good_checked(r)
    assert not [f for f in r.findings() if f[0] == "logo.md"]


def test_invalid_utf8(hostile):
    r = hostile("invalid_utf8")
    assert_clean(r)
    assert r.errors == ["claimlint: warning: latin.md: not valid UTF-8 (first bad byte at line 1); "
                        "read as Windows-1252, check the characters there"]
    assert r.code == 1
    assert_good_checked(r)
    assert ("latin.md", 5, 13, "CL401", "cures") in r.findings()  # read, and checked


def test_utf16_with_bom(hostile):
    r = hostile("utf16_with_bom")
    assert_clean(r)
    assert r.errors == []  # a BOM says how to read it: nothing to warn about
    assert r.code == 1
    assert_good_checked(r)
    assert ("wide.md", 3, 13, "CL401", "cures") in r.findings()


def test_empty_file(hostile):
    r = hostile("empty_file")
    assert_clean(r)
    assert r.errors == ["claimlint: warning: empty.md: empty file: nothing to check"]
    assert r.code == 1
    assert_good_checked(r)


def test_single_line_50mb(hostile):
    r = hostile("single_line_50mb")
    assert_clean(r)
    assert r.errors == ["claimlint: error: oneline.txt: skipped: 50 MB is over the 2 MB limit "
                        "(raise it with --max-file-size)"]
    assert r.code == 2
    assert_good_checked(r)
    # refused from its size, without reading it
    assert r.cpu < 20 and r.peak_rss_mb < 400, (r.cpu, r.peak_rss_mb)


def test_single_line_near_limit(hostile):
    r = hostile("single_line_near_limit")
    assert_clean(r)
    assert r.errors == []
    assert r.code == 1
    assert_good_checked(r)
    cures = [f for f in r.findings() if f[0] == "oneline.md" and f[4] == "cures"]
    assert len(cures) > 20_000 and all(f[1] == 1 for f in cures)
    print(f"1.8 MB single line: {r.wall:.1f} s wall, {r.cpu:.1f} s CPU, {r.peak_rss_mb:.0f} MB peak RSS")
    assert r.cpu < 60 and r.peak_rss_mb < 1024, (r.cpu, r.peak_rss_mb)


def test_million_short_lines(hostile):
    r = hostile("million_short_lines")
    assert_clean(r)
    assert r.errors == []
    assert r.code == 1
    assert_good_checked(r)
    assert ("lines.txt", 1_000_001, 13, "CL401", "cures") in r.findings()  # read to the end
    print(f"million short lines: {r.wall:.1f} s wall, {r.cpu:.1f} s CPU, {r.peak_rss_mb:.0f} MB peak RSS")
    assert r.cpu < 60 and r.peak_rss_mb < 1024, (r.cpu, r.peak_rss_mb)


def test_deeply_nested_html(hostile):
    r = hostile("deeply_nested_html")
    assert_clean(r)
    assert r.errors == []
    assert r.code == 1
    assert_good_checked(r)
    [(path, line, column, rule, text)] = [f for f in r.findings() if f[0] == "deep.html"]
    assert (rule, text, line) == ("CL401", "cures", 1)


def test_deeply_nested_markdown(hostile):
    r = hostile("deeply_nested_markdown")
    assert_clean(r)
    assert r.code == 1
    assert_good_checked(r)
    assert any(f[0] == "deep.md" and f[3:] == ("CL401", "cures") for f in r.findings())


def test_billion_laughs_front_matter(hostile):
    r = hostile("billion_laughs_front_matter")
    assert_clean(r)
    assert len(r.errors) == 1 and r.errors[0].startswith("claimlint: warning: laughs.md: front matter"), r.errors
    assert r.code == 1
    assert_good_checked(r)
    assert ("laughs.md", 35, 13, "CL401", "cures") in r.findings()  # the body is still checked
    assert r.cpu < 20 and r.peak_rss_mb < 400, (r.cpu, r.peak_rss_mb)


def test_scripts_and_event_handlers(hostile):
    r = hostile("scripts_and_event_handlers")
    assert_clean(r)
    assert r.errors == []
    assert r.code == 1
    assert_good_checked(r)
    page = [f for f in r.findings() if f[0] == "page.html"]
    # only the visible sentence: not the script, style, attributes, comment, CDATA or noscript
    assert page == [("page.html", 6, 49, "CL401", "cures")], page


def test_symlink_loop(hostile):
    r = hostile("symlink_loop")
    assert_clean(r)
    assert r.errors == [f"claimlint: error: {name}: symbolic link loop (too many levels of symbolic links)"
                        for name in ("ping.md", "pong.md", "self.md")]
    assert r.code == 2
    assert_good_checked(r)


def test_named_pipe(hostile):
    r = hostile("named_pipe")  # fails as "hung" if claimlint opens the pipe
    assert_clean(r)
    assert r.errors == ["claimlint: error: pipe.md: not a regular file (a named pipe); skipped without reading it"]
    assert r.code == 2
    assert_good_checked(r)


def test_socket_file(hostile):
    r = hostile("socket_file")
    assert_clean(r)
    assert r.errors == ["claimlint: error: sock.md: not a regular file (a socket); skipped without reading it"]
    assert r.code == 2
    assert_good_checked(r)


def test_unreadable_file(hostile):
    r = hostile("unreadable_file")
    assert_clean(r)
    assert r.errors == ["claimlint: error: secret.md: permission denied"]
    assert r.code == 2
    assert_good_checked(r)


def test_unreadable_folder(hostile):
    r = hostile("unreadable_folder")
    assert_clean(r)
    assert r.errors == ["claimlint: error: drafts: cannot read folder: Permission denied"]
    assert r.code == 2
    assert_good_checked(r)


def test_device_path(hostile):
    r = hostile("device_path")  # /dev/zero: reading it would never end
    assert_clean(r)
    shown = os.path.relpath("/dev/zero", r.folder)  # paths are shown as findings show them
    assert r.errors == [f"claimlint: error: {shown}: not a regular file (a device); skipped without reading it"]
    assert r.code == 2
    assert_good_checked(r)


def test_odd_file_names(hostile):
    r = hostile("odd_file_names")
    assert_clean(r)
    assert r.errors == ["claimlint: error: bad\\xff name.md: file name is not valid UTF-8; rename the file"]
    assert r.code == 2
    assert_good_checked(r)
    found = r.findings()
    assert ("my article – café 日本 ٣.md", 1, 13, "CL401", "cures") in found
    assert ("with\ttab and 'quote'.md", 1, 13, "CL401", "cures") in found


def test_billion_laughs_pack(hostile):
    r = hostile("billion_laughs_pack")
    assert_clean(r)
    assert r.errors == ["claimlint: laughs.yaml:2:12: invalid YAML: YAML aliases (*name) are not allowed "
                        "in claimlint files"]
    assert r.code == 2
    assert r.stdout == ""  # a faulty rule pack stops the run before any article is read
    assert r.cpu < 20 and r.peak_rss_mb < 400, (r.cpu, r.peak_rss_mb)


def test_backtracking_regex_pack(hostile):
    r = hostile("backtracking_regex_pack")
    assert_clean(r)
    assert len(r.errors) == 1
    assert r.errors[0].startswith("claimlint: error: phrases.yaml:2: pattern of phrase 'slow' took longer than ")
    assert r.errors[0].endswith("s on evil.md (catastrophic backtracking?); simplify it")
    assert r.code == 2
    assert_good_checked(r)  # the other article is still checked, with the slow phrase too
    assert r.cpu < 20, r.cpu


def test_facts_with_wrong_types(hostile):
    r = hostile("facts_with_wrong_types")
    assert_clean(r)
    assert r.errors == ["claimlint: prices.yaml:6: fact 'jp.price': `high` must be a number, got 'fifteen thousand'"]
    assert r.code == 2
    assert r.stdout == ""
