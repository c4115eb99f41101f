"""The index as another run writes it: reads that belong together see one state."""
from __future__ import annotations

from claimlint.index.analysis import Analysis
from claimlint.index.store import Index
from claimlint.model import Finding, Location


def _analysis(path: str) -> Analysis:
    finding = Finding("CL401", "risky-claim", "claim-risk", "warning",
                      Location(path, 3, 1, 3, 6, "cures"), "'cures' claims a cure")
    return Analysis(path, digest="d", format="markdown", findings=[finding])


def _rewrite_last_while_reading(reader: Index, writer: Index) -> list[int]:
    """Read the documents (in path order); after the first, another run stores the last
    one again (the same analysis, in a new row), as a concurrent audit does."""
    counts = []
    for number, result in enumerate(reader.documents(claims=False)):
        counts.append(len(result.findings))
        if number == 0:
            writer.store([(_analysis("c.md"), 10, 2)], "key")
    return counts


def _index_of_three(tmp_path) -> tuple[Index, Index]:
    path = str(tmp_path / "index.sqlite")
    writer, reader = Index(path), Index(path)
    writer.store([(_analysis(name), 10, 1) for name in ("c.md", "a.md", "b.md")], "key")
    return writer, reader


def test_documents_read_in_a_snapshot_keep_their_findings_while_another_run_rewrites_them(tmp_path):
    writer, reader = _index_of_three(tmp_path)
    with reader.snapshot():
        assert _rewrite_last_while_reading(reader, writer) == [1, 1, 1]
    reader.close(), writer.close()


def test_without_a_snapshot_the_same_reads_can_lose_a_documents_findings(tmp_path):
    """The hazard the snapshot guards against (why `final_findings` reads inside one)."""
    writer, reader = _index_of_three(tmp_path)
    assert _rewrite_last_while_reading(reader, writer) == [1, 1, 0]
    reader.close(), writer.close()
