"""Extraction throughput: claimlint against spaCy's bare tokenizer and quantulum3.

One run generates an archive (>= 20 MB by default) with benchmarks/generate.py, then
measures, each in its own fresh single process, on the same texts already read into
memory (disk is not measured):

  (a) spaCy's bare blank tokenizer, ``spacy.blank("en").tokenizer(text)``;
  (b) quantulum3, ``quantulum3.parser.parse(text)`` -- it is slow, so it runs over a fixed
      deterministic sample of the documents (>= 2 MB by default) and its MB/s is the
      sample's;
  (c) claimlint: ``parse`` + ``extract_claims`` per document, as
      ``claimlint.linter.extract`` does after reading the file. Start-up (imports, rule
      packs, the spaCy pipeline, the vocabulary matchers) is timed separately from the
      steady-state pass.

MB = 10**6 bytes of UTF-8 article text. The figures replace the ``## Extraction
throughput`` section of benchmarks/RESULTS.md (other sections are left alone).

    python benchmarks/bench_extract.py [--megabytes 20] [--archive DIR] [--quantulum-megabytes 2]
                                       [--repeat 1] [--profile 15] [--no-write]
"""
from __future__ import annotations

import argparse
import datetime as _dt
import json
import os
import platform
import signal
import subprocess
import sys
import tempfile
import time
from typing import Optional

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

SECTION = "## Extraction throughput"
SUFFIXES = (".md", ".markdown", ".html", ".htm", ".txt", ".text")
TARGET_RATIO = 0.5


# --------------------------------------------------------------------------- workers
# Each worker runs in a fresh interpreter: `bench_extract.py --worker KIND LIST.json`,
# reads its files into memory, times itself and prints one JSON object.

def _read_all(paths: list[str]) -> list[tuple[str, bytes]]:
    out = []
    for p in paths:
        with open(p, "rb") as fh:
            out.append((p, fh.read()))
    return out


def _timer():
    return time.perf_counter(), time.process_time()


def _since(t0) -> tuple[float, float]:
    return time.perf_counter() - t0[0], time.process_time() - t0[1]


def worker_tokenizer(docs: list[tuple[str, bytes]]) -> dict:
    texts = [data.decode("utf-8") for _, data in docs]
    t0 = _timer()
    import spacy

    tokenizer = spacy.blank("en").tokenizer
    setup = _since(t0)
    t0 = _timer()
    tokens = 0
    for text in texts:
        tokens += len(tokenizer(text))
    wall, cpu = _since(t0)
    return {"setup": setup[0], "wall": wall, "cpu": cpu, "found": tokens, "found_what": "tokens"}


def worker_quantulum3(docs: list[tuple[str, bytes]]) -> dict:
    import warnings

    texts = [data.decode("utf-8") for _, data in docs]
    t0 = _timer()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "classifier dependencies not installed"
        from quantulum3 import classifier, parser

        parser.parse("The stay is 3 days and costs $1,200.")  # loads its unit tables
    setup = _since(t0)
    classifier_on = bool(getattr(classifier, "USE_CLF", False))
    t0 = _timer()
    found = 0
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for text in texts:
            found += len(parser.parse(text))
    wall, cpu = _since(t0)
    return {"setup": setup[0], "wall": wall, "cpu": cpu, "found": found, "found_what": "quantities",
            "classifier": classifier_on}


def _claimlint_setup():
    t0 = _timer()
    import spacy  # noqa: F401  (what every spaCy user pays once)

    t_import_spacy = _since(t0)[0]
    t0 = _timer()
    from claimlint.extract.nlp import blank_pipeline

    blank_pipeline()
    t_pipeline = _since(t0)[0]
    t0 = _timer()
    from claimlint.config import load_settings
    from claimlint.extract.claims import extract_claims
    from claimlint.load import decode, parse

    settings = load_settings()
    settings.vocab.find_terms("knee osteoarthritis in Japan")  # builds the phrase matchers
    t_settings = _since(t0)[0]
    return settings, (decode, parse, extract_claims), {
        "import_spacy": t_import_spacy, "pipeline": t_pipeline, "settings": t_settings,
        "config": settings.source or ""}


def worker_claimlint(docs: list[tuple[str, bytes]]) -> dict:
    settings, (decode, parse, extract_claims), setup = _claimlint_setup()
    names = [os.path.basename(p) for p, _ in docs]
    t0 = _timer()
    claims = 0
    kinds: dict[str, int] = {}
    for name, (path, data) in zip(names, docs):
        doc = parse(name, decode(data, name), settings.metadata)
        found = extract_claims(doc, settings.vocab, settings.currency)
        claims += len(found)
        for c in found:
            kinds[c.kind] = kinds.get(c.kind, 0) + 1
    wall, cpu = _since(t0)
    return {"setup": sum(v for k, v in setup.items() if k != "config"), "setup_parts": setup,
            "wall": wall, "cpu": cpu, "found": claims, "found_what": "claims", "kinds": kinds}


def worker_profile(docs: list[tuple[str, bytes]], top: int = 15) -> dict:
    import cProfile
    import pstats

    settings, (decode, parse, extract_claims), _ = _claimlint_setup()
    prof = cProfile.Profile()
    prof.enable()
    for path, data in docs:
        name = os.path.basename(path)
        extract_claims(parse(name, decode(data, name), settings.metadata), settings.vocab, settings.currency)
    prof.disable()
    stats = pstats.Stats(prof)
    total = stats.total_tt
    rows = []
    for (filename, line, func), (cc, nc, tt, ct, callers) in stats.stats.items():
        rows.append((ct, tt, nc, _short(filename), line, func))
    rows.sort(reverse=True)
    return {"total": total, "rows": [list(r) for r in rows[: top * 4]]}


def _short(filename: str) -> str:
    """A path without this machine's prefix: from the package or library name on."""
    norm = filename.replace(os.sep, "/")
    for marker in ("/site-packages/", "/src/", "/lib/python"):
        if marker in norm:
            return norm.split(marker, 1)[1]
    return os.path.basename(norm) if "/" in norm else norm


WORKERS = {"tokenizer": worker_tokenizer, "quantulum3": worker_quantulum3, "claimlint": worker_claimlint}


def _worker_main(kind: str, list_file: str, extra: Optional[str]) -> int:
    with open(list_file, encoding="utf-8") as fh:
        paths = json.load(fh)
    docs = _read_all(paths)
    result = worker_profile(docs, int(extra or 15)) if kind == "profile" else WORKERS[kind](docs)
    result["bytes"] = sum(len(d) for _, d in docs)
    result["docs"] = len(docs)
    json.dump(result, sys.stdout)
    return 0


def run_worker(kind: str, paths: list[str], extra: Optional[str] = None) -> dict:
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False, encoding="utf-8") as fh:
        json.dump(paths, fh)
        list_file = fh.name
    try:
        cmd = [sys.executable, os.path.abspath(__file__), "--worker", kind, list_file] + ([extra] if extra else [])
        env = dict(os.environ, PYTHONHASHSEED="0", OMP_NUM_THREADS="1")
        proc = subprocess.run(cmd, capture_output=True, text=True, env=env)
        if proc.returncode != 0:
            raise RuntimeError(f"{kind} worker failed:\n{proc.stderr}")
        return json.loads(proc.stdout)
    finally:
        os.unlink(list_file)


# --------------------------------------------------------------------------- archive

def article_files(folder: str) -> list[str]:
    out = []
    for root, dirs, names in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        out += [os.path.join(root, n) for n in sorted(names)
                if n.lower().endswith(SUFFIXES) and n.lower() != "readme.md"]
    return out


def sample(paths: list[str], sizes: list[int], min_bytes: int) -> list[str]:
    """Every k-th document (k fixed by the archive and the target), enough to reach
    min_bytes: deterministic and spread over the archive and the formats."""
    total = sum(sizes)
    if total <= min_bytes:
        return list(paths)
    step = max(1, int(total // min_bytes))
    while True:
        chosen = paths[::step]
        if sum(sizes[::step]) >= min_bytes or step == 1:
            return chosen
        step -= 1


# --------------------------------------------------------------------------- machine

def machine() -> dict:
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as fh:
            for line in fh:
                if line.lower().startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    versions = {}
    for mod in ("spacy", "quantulum3", "claimlint", "regex"):
        try:
            from importlib.metadata import version

            versions[mod] = version(mod)
        except Exception:  # noqa: BLE001
            versions[mod] = "not installed"
    return {"nproc": os.cpu_count(), "cpu": cpu, "python": platform.python_version(),
            "implementation": platform.python_implementation(), "os": f"{platform.system()} {platform.release()}",
            "load1": _load(), **versions}


def _load() -> float:
    try:
        return os.getloadavg()[0]
    except OSError:
        return float("nan")


def _commit() -> str:
    """The commit, and whether the code under test differs from it (read-only git calls)."""
    try:
        git = ["git", "--no-optional-locks"]
        out = subprocess.run(git + ["rev-parse", "--short", "HEAD"], cwd=HERE, capture_output=True, text=True, timeout=5)
        if out.returncode != 0:
            return ""
        dirty = subprocess.run(git + ["diff", "--quiet", "HEAD", "--", "src", "lint_rules"], cwd=os.path.dirname(HERE),
                               capture_output=True, timeout=10).returncode
        return f"`{out.stdout.strip()}`" + (" (src/ or lint_rules/ modified in the working tree)" if dirty == 1 else "")
    except (OSError, subprocess.SubprocessError):
        return ""


# --------------------------------------------------------------------------- report

def rates(r: dict) -> tuple[float, float]:
    """MB/s on process CPU time (the headline figure) and on wall time."""
    return r["bytes"] / r["cpu"] / 1e6, r["bytes"] / r["wall"] / 1e6


def ratios(results: dict) -> tuple[float, float]:
    cl, tok = results["claimlint"], results["tokenizer"]
    return rates(cl)[0] / rates(tok)[0], rates(cl)[1] / rates(tok)[1]


def build_rows(results: dict) -> list[list]:
    tok_cpu, tok_wall = rates(results["tokenizer"])
    rows = []
    labels = {"tokenizer": "spaCy blank tokenizer (a)", "quantulum3": "quantulum3 parser.parse (b)",
              "claimlint": "claimlint parse + extract_claims (c)"}
    for kind in ("tokenizer", "quantulum3", "claimlint"):
        r = results[kind]
        cpu_rate, wall_rate = rates(r)
        rows.append([labels[kind], f"{r['bytes'] / 1e6:.2f}", f"{r['docs']:,}", f"{r['setup']:.2f}", f"{r['cpu']:.2f}",
                     f"{r['wall']:.2f}", f"{cpu_rate:.3f}", f"{wall_rate:.3f}", f"{r['docs'] / r['cpu']:.1f}",
                     f"{r['found']:,} {r['found_what']}", f"{cpu_rate / tok_cpu:.3f}"])
    return rows


HEADERS = ["extractor", "MB measured", "docs", "start-up s", "CPU s", "wall s", "MB/s", "MB/s (wall)", "docs/s",
           "found", "x tokenizer"]


def render_section(results: dict, info: dict, rows: list[list], profile: Optional[dict]) -> str:
    from tabulate import tabulate

    m, a = info["machine"], info["archive"]
    cl, q3 = results["claimlint"], results["quantulum3"]
    ratio, ratio_wall = ratios(results)
    parts = cl["setup_parts"]
    lines = [
        SECTION, "",
        f"Written by `benchmarks/bench_extract.py` on {info['date']}"
        + (f" at commit {info['commit']}" if info["commit"] else "") + ". Rerun it to refresh this section.", "",
        f"- Machine: {m['nproc']} CPUs (`nproc`), {m['cpu']}; {m['os']}; 1-minute load average "
        f"{m['load1']:.2f} at start, {info['load_end']:.2f} at the end",
        f"- Python {m['python']} ({m['implementation']}), spaCy {m['spacy']}, quantulum3 {m['quantulum3']}, "
        f"claimlint {m['claimlint']}, regex {m['regex']}",
        f"- Archive: {a['articles']:,} generated articles, {a['bytes'] / 1e6:.2f} MB "
        f"({', '.join(f'{k} {v:,}' for k, v in sorted(a['formats'].items()))}); "
        f"`generate.py --megabytes {a['megabytes']:g} --seed {a['seed']}`, conflict rate {a['conflict_rate']:g}",
        "- Each extractor runs in its own fresh single-threaded process, one after the other, over texts "
        "already in memory; MB = 10^6 bytes of article text. MB/s and docs/s are per process: bytes over the "
        "process CPU time of the steady-state pass, which other load on the machine does not inflate; "
        "MB/s (wall) is over elapsed time."
        + (f" Tokenizer and claimlint ran {info['runs']} times each, alternating; the best run of each is shown."
           if info["runs"] > 1 else ""),
        f"- quantulum3 ran over a fixed sample (every k-th document) of {q3['bytes'] / 1e6:.2f} MB "
        f"({q3['docs']:,} documents), not the whole archive; its MB/s is the sample's. "
        f"Its optional classifier was {'on' if q3.get('classifier') else 'off (not installed)'}.",
        f"- claimlint start-up, not in its MB/s: import spaCy {parts['import_spacy']:.2f} s, "
        f"spaCy pipeline {parts['pipeline']:.2f} s, rule packs + vocabulary matchers {parts['settings']:.2f} s"
        + (f" (configuration: `{os.path.basename(parts['config'])}`)" if parts.get("config") else "") + ".",
        "",
        tabulate(rows, headers=HEADERS, tablefmt="github", disable_numparse=True),
        "",
        f"**claimlint / tokenizer: {ratio:.2f}** (on wall time: {ratio_wall:.2f}); target at least {TARGET_RATIO:.2f}: "
        + ("met." if ratio >= TARGET_RATIO else "**not met**."),
        "",
        "Claims by kind: " + ", ".join(f"{k} {v:,}" for k, v in sorted(cl["kinds"].items(), key=lambda kv: -kv[1])) + ".",
        "",
    ]
    if profile:
        lines += ["Hotspots (cProfile of claimlint over "
                  f"{profile['bytes'] / 1e6:.2f} MB, {profile['docs']:,} documents; profiled total "
                  f"{profile['total']:.2f} s under the profiler). Cumulative times overlap: a function's includes its callees', "
                  "and a builtin such as `sorted` includes the generator it consumes.", "",
                  tabulate(profile_rows(profile), headers=["function", "cumulative s", "share", "own s", "calls"],
                           tablefmt="github", disable_numparse=True), ""]
    return "\n".join(lines)


def profile_rows(profile: dict, top: int = 15) -> list[list]:
    skip = ("<built-in method builtins.exec>", "<module>")
    rows = []
    for ct, tt, nc, filename, line, func in profile["rows"]:
        if func in skip or filename == "~" and func.startswith("<built-in method builtins.exec"):
            continue
        if "bench_extract.py" in filename:
            continue
        where = f"{filename}:{line}" if filename != "~" else "builtin"
        rows.append([f"{func} ({where})", f"{ct:.2f}", f"{ct / profile['total']:.0%}", f"{tt:.2f}", f"{nc:,}"])
        if len(rows) >= top:
            break
    return rows


def write_section(results_file: str, section: str) -> None:
    """Replace this script's `## ` section of RESULTS.md, or append it; keep the others."""
    try:
        with open(results_file, encoding="utf-8") as fh:
            text = fh.read()
    except FileNotFoundError:
        text = ("# Benchmark results\n\nEach `## ` section below is written by one script in `benchmarks/` "
                "(see README.md there) and replaced when that script runs again.\n")
    lines = text.split("\n")
    start = next((i for i, l in enumerate(lines) if l.strip() == SECTION), None)
    new = section.rstrip("\n").split("\n")
    if start is None:
        while lines and lines[-1] == "":
            lines.pop()
        lines += [""] + new + [""]
    else:
        end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("## ")), len(lines))
        tail = lines[end:]
        lines = lines[:start] + new + ([""] + tail if tail else [""])
    out = "\n".join(lines)
    out = out.rstrip("\n") + "\n"
    tmp = results_file + ".tmp"
    with open(tmp, "w", encoding="utf-8") as fh:
        fh.write(out)
    os.replace(tmp, results_file)


# --------------------------------------------------------------------------- main

def main(argv: Optional[list[str]] = None) -> int:
    ap = argparse.ArgumentParser(description="Extraction throughput: claimlint vs spaCy's tokenizer and quantulum3.")
    ap.add_argument("--megabytes", type=float, default=20.0, help="archive size to generate (default 20)")
    ap.add_argument("--archive", help="generate the archive into this folder (default: a temporary folder)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--conflict-rate", type=float, default=0.05)
    ap.add_argument("--quantulum-megabytes", type=float, default=2.0,
                    help="size of the quantulum3 sample (default 2; 0 = the whole archive)")
    ap.add_argument("--repeat", type=int, default=1, metavar="N",
                    help="run the tokenizer and claimlint N times, alternating, and keep each one's best (default 1)")
    ap.add_argument("--profile", type=int, default=0, metavar="N",
                    help="also profile claimlint (cProfile, on a 2 MB sample) and list the top N functions")
    ap.add_argument("--results", default=os.path.join(HERE, "RESULTS.md"), help="file to update (default benchmarks/RESULTS.md)")
    ap.add_argument("--no-write", action="store_true", help="print only; do not update RESULTS.md")
    args = ap.parse_args(argv)

    from tabulate import tabulate

    from generate import generate

    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # so the temporary archive is removed
    load_start = _load()
    tmp = None
    folder = args.archive
    if folder is None:
        tmp = tempfile.TemporaryDirectory(prefix="claimlint-bench-")
        folder = tmp.name
    try:
        t0 = time.perf_counter()
        paths = generate(folder, None, seed=args.seed, conflict_rate=args.conflict_rate, megabytes=args.megabytes)
        sizes = [os.path.getsize(p) for p in paths]
        print(f"generated {len(paths):,} articles, {sum(sizes) / 1e6:.2f} MB in {time.perf_counter() - t0:.1f} s",
              file=sys.stderr)
        formats: dict[str, int] = {}
        for p in paths:
            ext = os.path.splitext(p)[1].lstrip(".")
            formats[ext] = formats.get(ext, 0) + 1
        results: dict = {}
        plan = ["tokenizer", "claimlint"] * max(1, args.repeat) + ["quantulum3"]
        for kind in plan:
            subset = paths
            if kind == "quantulum3" and args.quantulum_megabytes > 0:
                subset = sample(paths, sizes, int(args.quantulum_megabytes * 1e6))
            print(f"measuring {kind} on {len(subset):,} documents ...", file=sys.stderr)
            result = run_worker(kind, subset)
            if kind not in results or result["cpu"] < results[kind]["cpu"]:
                results[kind] = result
        runs = max(1, args.repeat)
        profile = None
        if args.profile:
            subset = sample(paths, sizes, 2_000_000)
            print(f"profiling claimlint on {len(subset):,} documents ...", file=sys.stderr)
            profile = run_worker("profile", subset, str(args.profile))
    finally:
        if tmp is not None:
            tmp.cleanup()

    commit = _commit()
    info = {"load_end": _load(), "date": _dt.datetime.now(_dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"), "commit": commit,
            "machine": dict(machine(), load1=load_start),
            "runs": runs, "archive": {"articles": len(paths), "bytes": sum(sizes), "formats": formats, "seed": args.seed,
                        "megabytes": args.megabytes, "conflict_rate": args.conflict_rate}}
    rows = build_rows(results)
    print(tabulate(rows, headers=HEADERS, disable_numparse=True))
    cl = results["claimlint"]
    ratio, ratio_wall = ratios(results)
    print(f"\nclaimlint / tokenizer throughput: {ratio:.2f} on CPU time, {ratio_wall:.2f} on wall time "
          f"(target >= {TARGET_RATIO}){'' if ratio >= TARGET_RATIO else '  -- below target'}")
    q3 = results["quantulum3"]
    if q3["docs"] < len(paths):
        print(f"quantulum3: measured on a fixed sample of {q3['docs']:,} documents ({q3['bytes'] / 1e6:.2f} MB), "
              "not the whole archive")
    parts = cl["setup_parts"]
    print(f"claimlint start-up (not in MB/s): import spaCy {parts['import_spacy']:.2f} s, pipeline "
          f"{parts['pipeline']:.2f} s, rule packs + matchers {parts['settings']:.2f} s")
    if profile:
        print("\nclaimlint hotspots (cProfile, cumulative):")
        print(tabulate(profile_rows(profile, args.profile), headers=["function", "cumulative s", "share", "own s", "calls"],
                       disable_numparse=True))
    if not args.no_write:
        write_section(args.results, render_section(results, info, rows, profile))
        print(f"\nupdated {os.path.relpath(args.results)} ({SECTION[3:]})", file=sys.stderr)
    return 0


if __name__ == "__main__":
    if len(sys.argv) >= 4 and sys.argv[1] == "--worker":
        sys.exit(_worker_main(sys.argv[2], sys.argv[3], sys.argv[4] if len(sys.argv) > 4 else None))
    sys.exit(main())
