"""benchmarks/generate.py: deterministic, in the three formats, sized like real pages."""
import importlib.util
import json
import sys
from pathlib import Path

from claimlint.load import decode, parse

_SPEC = importlib.util.spec_from_file_location(
    "bench_generate", Path(__file__).resolve().parents[1] / "benchmarks" / "generate.py")
gen = importlib.util.module_from_spec(_SPEC)
sys.modules.setdefault("bench_generate", gen)  # dataclasses look their module up
_SPEC.loader.exec_module(gen)


def _files(paths):
    return {Path(p).name: Path(p).read_bytes() for p in paths}


def test_same_arguments_same_bytes(tmp_path):
    a = _files(gen.generate(tmp_path / "a", 40, seed=3))
    b = _files(gen.generate(tmp_path / "b", 40, seed=3))
    assert a == b
    assert (tmp_path / "a" / "manifest.json").read_bytes() == (tmp_path / "b" / "manifest.json").read_bytes()


def test_seed_changes_the_archive_and_smaller_is_a_prefix(tmp_path):
    small = _files(gen.generate(tmp_path / "s", 10, seed=3))
    large = _files(gen.generate(tmp_path / "l", 25, seed=3))
    other = _files(gen.generate(tmp_path / "o", 10, seed=4))
    assert all(large[name] == data for name, data in small.items())
    assert small != other


def test_formats_sizes_and_metadata(tmp_path):
    paths = gen.generate(tmp_path, 60, seed=0)
    suffixes = {Path(p).suffix for p in paths}
    assert suffixes == {".md", ".html", ".txt"}
    for p in paths:
        data = Path(p).read_bytes()
        assert gen.MIN_BYTES <= len(data) <= gen.MAX_BYTES, (p, len(data))
        doc = parse(Path(p).name, decode(data, p))
        assert not doc.notices, (p, doc.notices)  # e.g. front matter that is not valid YAML
        fields = {m.name for m in doc.metadata if m.value}
        assert {"author", "reviewed_by", "modified", "country"} <= fields, (p, fields)


def test_megabytes_and_conflict_rate(tmp_path):
    paths = gen.generate(tmp_path / "m", megabytes=0.1, seed=1, conflict_rate=1.0)
    assert sum(len(Path(p).read_bytes()) for p in paths) >= 100_000
    manifest = json.loads((tmp_path / "m" / "manifest.json").read_text())
    assert manifest["articles"] == len(paths) and manifest["planted"] == len(paths)
    none = gen.generate(tmp_path / "n", 30, seed=1, conflict_rate=0.0)
    assert json.loads((tmp_path / "n" / "manifest.json").read_text())["planted"] == 0
    assert len(none) == 30
