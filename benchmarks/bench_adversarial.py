"""Adversarial shapes: article-sized inputs (tens of KB to 1 MB) built to find the slow paths.

Each shape is written to a temporary folder and checked by the real command line,
`claimlint check FILE --format json`, in its own process with a time limit; the script
prints, per shape, the wall seconds and the peak resident memory of that process
(os.wait4), and whether it stayed within the bound the README states. Figures go to the
``## Adversarial shapes`` section of benchmarks/RESULTS.md.

    python benchmarks/bench_adversarial.py [--timeout 150] [--only NAME ...] [--no-write]
"""
from __future__ import annotations

import argparse
import datetime as _dt
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from typing import Callable

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import bench_extract  # noqa: E402

SECTION = "## Adversarial shapes"
BOUND_SECONDS = 10  # README, "Exit codes": every article-sized input finishes within this
CLAIMLINT = [sys.executable, "-m", "claimlint"]


def distinct_prices() -> tuple[str, str]:
    """A Markdown list of 2,000 different prices (about 22 KB) under one subject's heading
    (CL101 compares them all)."""
    items = "".join(f"- ${1000 + i * 7:,}.\n" for i in range(2000))
    return "prices.md", "# Knee therapy prices in Japan\n\n" + items


def long_line() -> tuple[str, str]:
    """One 100 KB line of sentences naming treatments, countries and prices."""
    sentence = "Stem cell knee therapy in Tokyo, Japan costs $7,000 and takes 3 weeks. "
    return "line.txt", sentence * (100_000 // len(sentence)) + "\n"


def brackets() -> tuple[str, str]:
    """100 KB of `[` then `]` (a tokenizer suffix search over a punctuation run)."""
    return "brackets.md", "# Brackets\n\n" + "[" * 50_000 + "]" * 50_000 + "\n"


def quotes() -> tuple[str, str]:
    """20 KB of `>`: a block quote nested 20,000 deep, or one punctuation run."""
    return "quotes.md", "# Quotes\n\n" + ">" * 20_000 + " Knee therapy costs $7,000.\n"


def deep_nesting() -> tuple[str, str]:
    """HTML nested 40,000 elements deep (about 600 KB), a price at the bottom."""
    depth = 20_000
    return "deep.html", ("<html><body>" + "<div><section>" * depth + "<p>Knee therapy in Japan costs "
                         "$7,000.</p>" + "</section></div>" * depth + "</body></html>\n")


def short_lines() -> tuple[str, str]:
    """100,000 short lines (about 600 KB) as a scraped page can have."""
    words = ["ok", "yes", "Price", "$7,000", "n/a", "Japan", "3 weeks", "next", "—", "end"]
    return "lines.txt", "Knee therapy\n\n" + "".join(words[i % 10] + "\n" for i in range(100_000))


SHAPES: dict[str, Callable[[], tuple[str, str]]] = {
    "2,000 distinct prices (list)": distinct_prices,
    "one 100 KB line": long_line,
    "100 KB of [ ... ]": brackets,
    "20 KB of >": quotes,
    "HTML nested 20,000 deep": deep_nesting,
    "100,000 short lines": short_lines,
}


@dataclass
class Measured:
    shape: str
    kb: float
    seconds: float
    peak_mb: float
    exit_code: int | None  # None: killed at the time limit


def measure(shape: str, make: Callable[[], tuple[str, str]], folder: str, timeout: float) -> Measured:
    name, text = make()
    path = os.path.join(folder, name)
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(text)
    started = time.monotonic()
    process = subprocess.Popen([*CLAIMLINT, "check", name, "--format", "json", "--max-file-size", "5"],
                               cwd=folder, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    code: int | None = None
    while True:
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            code = os.waitstatus_to_exitcode(status)
            break
        if time.monotonic() - started > timeout:
            process.kill()
            _, _, usage = os.wait4(process.pid, 0)
            break
        time.sleep(0.05)
    return Measured(shape, len(text.encode("utf-8")) / 1000, time.monotonic() - started,
                    usage.ru_maxrss / 1024, code)


def render(rows: list[Measured], timeout: float) -> str:
    from tabulate import tabulate

    info = bench_extract.machine()
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True,
                            cwd=HERE).stdout.strip() or "unknown"
    table = [[r.shape, f"{r.kb:,.0f}",
              f"{r.seconds:.1f}" if r.exit_code is not None else f"> {timeout:.0f} (killed)",
              f"{r.peak_mb:.0f}", "yes" if r.exit_code is not None and r.seconds <= BOUND_SECONDS else "**no**"]
             for r in rows]
    over = [r.shape for r in rows if r.exit_code is None or r.seconds > BOUND_SECONDS]
    return "\n".join([
        SECTION, "",
        f"Run {_dt.date.today()} at commit `{commit}` by `benchmarks/bench_adversarial.py` on "
        f"{info['cpu']} ({info['nproc']} cores), Python {info['python']}, claimlint {info['claimlint']}. "
        f"Command: `python -m claimlint check FILE --format json` (cold start included, one run "
        f"each, killed after {timeout:.0f} s); peak RSS of that process.",
        "",
        tabulate(table, headers=["shape", "KB", "seconds", "peak RSS MB", f"within {BOUND_SECONDS} s"],
                 tablefmt="github"),
        "",
        f"Bound (README): every article-sized input (up to 2 MB) finishes in {BOUND_SECONDS} s. "
        + (f"Over it today: {', '.join(over)}." if over else "All shapes are within it."),
    ]) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--timeout", type=float, default=150.0)
    parser.add_argument("--only", nargs="*", help="shapes whose name contains one of these words")
    parser.add_argument("--no-write", action="store_true", help="print only; leave RESULTS.md alone")
    parser.add_argument("--results", default=os.path.join(HERE, "RESULTS.md"))
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory(prefix="claimlint-adversarial-") as folder:
        for shape, make in SHAPES.items():
            if args.only and not any(word in shape for word in args.only):
                continue
            rows.append(measure(shape, make, folder, args.timeout))
            r = rows[-1]
            print(f"{shape:32} {r.kb:8,.0f} KB {r.seconds:7.1f} s {r.peak_mb:6.0f} MB exit {r.exit_code}",
                  flush=True)
    section = render(rows, args.timeout)
    print("\n" + section)
    if not args.no_write:
        bench_extract.SECTION = SECTION  # its writer replaces the section named there
        bench_extract.write_section(args.results, section)


if __name__ == "__main__":
    main()
