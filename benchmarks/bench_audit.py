"""Benchmark archive audits: cold audit, re-audit after one change, single-file checks.

For each size (default 10,000 articles) a generated archive (generate.py) is audited with
the real command line on all cores, and the script reports:

- cold audit: wall time, articles/s, and peak resident memory (the main process, and
  the whole process tree sampled every 0.1 s);
- re-audit after one file changed (aim: under 5% of the cold time);
- `claimlint check FILE --archive DIR` after that file changed (aim: under 1.5 s), and
  again unchanged (aim: under 0.5 s).

Several sizes (`--sizes 10000 50000`) show how time and memory grow. Figures go to the
``## Audit`` section of benchmarks/RESULTS.md.

    python benchmarks/bench_audit.py [--sizes 10000 50000] [--jobs 2] [--keep DIR] [--no-write]
"""
from __future__ import annotations

import argparse
import datetime as _dt
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from bench_extract import machine, write_section  # noqa: E402
from generate import generate  # noqa: E402

SECTION = "## Audit"
CLAIMLINT = [sys.executable, "-m", "claimlint"]


def tree_rss_kb(pid: int) -> int:
    """Resident memory of a process and all its descendants, from /proc."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="utf-8") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
            ppid, pages = int(fields[1]), int(fields[21])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(ppid, []).append(int(entry))
        rss[int(entry)] = pages * os.sysconf("SC_PAGE_SIZE") // 1024
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        total += rss.get(p, 0)
        todo += children.get(p, [])
    return total


def timed(args: list[str], cwd: str) -> dict:
    """Run claimlint: wall seconds and the peak resident memory of its process tree."""
    started = time.perf_counter()
    proc = subprocess.Popen([*CLAIMLINT, *args], cwd=cwd, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, env={**os.environ, "CI": "1"})
    peak = [0]

    def sample():
        while proc.poll() is None:
            peak[0] = max(peak[0], tree_rss_kb(proc.pid))
            time.sleep(0.1)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, err = proc.communicate()
    seconds = time.perf_counter() - started
    sampler.join()
    if proc.returncode not in (0, 1):
        raise SystemExit(f"claimlint {' '.join(args)} failed ({proc.returncode}): {err.decode()[-2000:]}")
    return {"seconds": seconds, "tree_mb": peak[0] / 1024}


def bench_size(n: int, jobs: int, keep: str | None) -> dict:
    work = keep or tempfile.mkdtemp(prefix="claimlint-audit-")
    root = os.path.join(work, f"archive-{n}")
    if os.path.isdir(root):
        shutil.rmtree(root)
    t0 = time.perf_counter()
    paths = generate(root, n, seed=0)
    generated = time.perf_counter() - t0
    size_mb = sum(os.path.getsize(p) for p in paths) / 1e6
    name = os.path.basename(root)
    cold = timed(["audit", name, "--jobs", str(jobs)], work)
    target = sorted(p for p in paths if p.endswith(".md"))[len(paths) // 7]
    with open(target, "a", encoding="utf-8") as fh:
        fh.write("\nA follow-up visit is usually booked 6 to 8 weeks later.\n")
    again = timed(["audit", name, "--jobs", str(jobs)], work)
    rel = os.path.relpath(target, work)
    with open(target, "a", encoding="utf-8") as fh:
        fh.write("\nMost patients fly home 2 to 3 days after the procedure.\n")
    changed = timed(["check", rel, "--archive", name], work)
    unchanged = min(timed(["check", rel, "--archive", name], work)["seconds"] for _ in range(3))
    if not keep:
        shutil.rmtree(work, ignore_errors=True)
    return {"articles": n, "mb": size_mb, "generated_s": generated, "cold": cold, "again": again,
            "check_changed": changed["seconds"], "check_unchanged": unchanged}


def render(rows: list[dict], jobs: int) -> str:
    from tabulate import tabulate

    m = machine()
    table = [[f"{r['articles']:,}", f"{r['mb']:.0f}", f"{r['cold']['seconds']:.0f}",
              f"{r['articles'] / r['cold']['seconds']:.0f}", f"{r['cold']['tree_mb']:.0f}",
              f"{r['again']['seconds']:.1f} ({r['again']['seconds'] / r['cold']['seconds']:.1%})",
              f"{r['check_changed']:.2f}", f"{r['check_unchanged']:.2f}"] for r in rows]
    headers = ["articles", "MB", "cold audit s", "articles/s", "peak RSS MB (all processes)",
               "re-audit after 1 change s (of cold)", "check changed file s", "check unchanged file s"]
    lines = [SECTION, "",
             f"Run {_dt.date.today().isoformat()} by `benchmarks/bench_audit.py` on {m['cpu']} "
             f"({m['nproc']} cores), Python {m['python']}, `--jobs {jobs}`. Archives from "
             "`generate.py` (seed 0, 5% planted conflicts). Each figure is one run of the real "
             "command line; the unchanged check is the best of three.", "",
             tabulate(table, headers=headers, tablefmt="github"), "",
             "Aims: re-audit under 5% of the cold time; a single-file check under 1.5 s, "
             "and under 0.5 s when the file is unchanged."]
    return "\n".join(lines) + "\n"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000])
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--keep", help="generate and keep archives in this folder")
    ap.add_argument("--results", default=os.path.join(HERE, "RESULTS.md"))
    ap.add_argument("--no-write", action="store_true")
    args = ap.parse_args(argv)
    rows = []
    for n in args.sizes:
        rows.append(bench_size(n, args.jobs, args.keep))
        print(render(rows, args.jobs), flush=True)
    if not args.no_write:
        write_section(args.results, render(rows, args.jobs))
    return 0


if __name__ == "__main__":
    sys.exit(main())
