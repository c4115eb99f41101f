"""A small, realistic run's findings, built by hand, for the report-format tests."""
from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from claimlint.model import Finding, Fix, Location
from claimlint.rules.base import RuleMeta

GOLDEN = Path(__file__).parent / "golden"
TOOL_VERSION = "0.1.0"

JAPAN = "articles/knee-oa-stem-cells-japan.md"
MEXICO = "articles/knee-oa-stem-cells-mexico.txt"
KOREA = "articles/knee-oa-stem-cells-south-korea.html"

DEBRIS_MESSAGE = ("leftover markup in the text: \"<script>track('price|100%')</script>\"\n"
                  "remove it, or move it out of the article body")


def loc(path: str, line: int, line_text: str, text: str) -> Location:
    """The location of `text` on `line` of `path`, whose full text is `line_text`."""
    start = line_text.index(text)
    return Location(path, line, start + 1, line, start + 1 + len(text), text)


def fingerprint(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:32]


RULES = [
    RuleMeta("CL101", "conflicting-values", "intra-article", "error",
             "The same quantity is stated with different values in one article.",
             "The same quantity is stated with different values in one article.\n\n"
             "Readers compare numbers; two prices for one package make both look wrong.\n\n"
             "Passes: `$7,000 – $12,000` in the takeaways and in the price table.\n"
             "Fails: `$7,000 – $12,000` in the takeaways, `$8,000 – $14,000` in the table."),
    RuleMeta("CL201", "cross-article-conflict", "cross-article", "warning",
             "Two articles state different values for the same subject.",
             "Two articles state different values for the same subject.\n\n"
             "A price quoted for Mexico in the Japan guide must match the Mexico guide."),
    RuleMeta("CL302", "foreign-metadata", "metadata", "warning",
             "A metadata field describes a different article.",
             "A metadata field describes a different article.\n\n"
             "Copied templates leave another article's summary in `<meta name=\"description\">`."),
    RuleMeta("CL401", "fact-mismatch", "fact", "error",
             "A claim contradicts the fact pack.",
             "A claim contradicts the fact pack.\n\n"
             "Facts live in `lint_rules/facts.yaml`, each with a source."),
    RuleMeta("CL501", "risky-claim", "claim-risk", "warning",
             "A health claim promises an outcome.",
             "A health claim promises an outcome.\n\n"
             "Fails: `cures arthritis`. Passes: `may ease arthritis pain`."),
    RuleMeta("CL601", "text-debris", "artifact", "info",
             "Markup or template debris left in the visible text.",
             "Markup or template debris left in the visible text."),
]

_JAPAN_20 = ("- **Japan knee OA, cultured MSCs:** $7,000 – $12,000 per package, including the fat"
             " harvest, the culture and one injection.")
_JAPAN_29 = "The law took effect on 25 November 2015, and since then every clinic that offers cell therapy"
_JAPAN_41 = "| Tokyo, cultured MSCs | $8,000 – $14,000 | 2 trips | 6-8 weeks |"
_JAPAN_54 = ("For most patients, a single course of cultured cells cures arthritis in the treated knee,"
             " so a replacement is never needed.")
_JAPAN_62 = "| Knee OA, cultured MSCs | $7,000 – $12,000 | Not available outside trials | $4,500 – $8,000 |"
_MEXICO_13 = "  • Cost: Mexico knee OA with expanded donor MSCs costs $5,500 – $9,000 per package."
_MEXICO_40 = "Book a free consultation today <script>track('price|100%')</script>"
_KOREA_6 = ('<meta name="description" content="Everything you need to know about IVF with donor eggs'
            ' in Barcelona, Spain.">')


def build_findings() -> list[Finding]:
    conflict = Finding(
        "CL101", "conflicting-values", "intra-article", "error",
        loc(JAPAN, 41, _JAPAN_41, "$8,000 – $14,000"),
        "price for knee-osteoarthritis / japan / cultured stated as $8,000 – $14,000 here and "
        "$7,000 – $12,000 at line 20",
        quantity="price",
        related=(loc(JAPAN, 20, _JAPAN_20, "$7,000 – $12,000"),),
        fingerprint=fingerprint("CL101", "knee-osteoarthritis/japan/cultured", "8000-14000"),
    )
    cross = Finding(
        "CL201", "cross-article-conflict", "cross-article", "warning",
        loc(MEXICO, 13, _MEXICO_13, "$5,500 – $9,000"),
        "price for knee-osteoarthritis / mexico / donor-expanded stated as $5,500 – $9,000 here and "
        f"$4,500 – $8,000 in {JAPAN}:62",
        quantity="price",
        related=(loc(JAPAN, 62, _JAPAN_62, "$4,500 – $8,000"),),
        fingerprint=fingerprint("CL201", "knee-osteoarthritis/mexico/donor-expanded", "5500-9000"),
    )
    fact = Finding(
        "CL401", "fact-mismatch", "fact", "error",
        loc(JAPAN, 29, _JAPAN_29, "2015"),
        "year Japan's Act on the Safety of Regenerative Medicine took effect stated as 2015; "
        "the fact pack says 2014 (jp-asrm-effective-year)",
        quantity="year", fact_id="jp-asrm-effective-year",
        fingerprint=fingerprint("CL401", "jp-asrm-effective-year", "2015"),
    )
    risky = Finding(
        "CL501", "risky-claim", "claim-risk", "warning",
        loc(JAPAN, 54, _JAPAN_54, "cures arthritis"),
        "promises a cure (\"cures arthritis\"); medical advertising may not promise outcomes",
        fingerprint=fingerprint("CL501", "cure", "cures arthritis"),
        fix=Fix("may ease arthritis pain", safe=False, description="Replace the cure with a hedged claim"),
    )
    metadata = Finding(
        "CL302", "foreign-metadata", "metadata", "warning",
        loc(KOREA, 6, _KOREA_6, "Everything you need to know about IVF with donor eggs in Barcelona, Spain."),
        "overview describes IVF with donor eggs in Barcelona, Spain, not this article "
        "(stem cell therapy for knee osteoarthritis, South Korea)",
        fingerprint=fingerprint("CL302", "overview"),
    )
    debris = Finding(
        "CL601", "text-debris", "artifact", "info",
        loc(MEXICO, 40, _MEXICO_40, "<script>track('price|100%')</script>"),
        DEBRIS_MESSAGE,
        fingerprint=fingerprint("CL601", "script"),
    )
    return [conflict, fact, risky, cross, debris, metadata]


@pytest.fixture
def findings() -> list[Finding]:
    return build_findings()


@pytest.fixture
def tool_version() -> str:
    return TOOL_VERSION


@pytest.fixture
def rules() -> list[RuleMeta]:
    return list(RULES)


@pytest.fixture
def golden():
    """Compare a rendered report with tests/report/golden/<name>.txt;
    CLAIMLINT_UPDATE_GOLDEN=1 rewrites the file instead."""
    def check(name: str, text: str) -> None:
        path = GOLDEN / f"{name}.txt"
        if os.environ.get("CLAIMLINT_UPDATE_GOLDEN") == "1":
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(text.encode("utf-8"))
            return
        assert path.exists(), f"{path} is missing: run CLAIMLINT_UPDATE_GOLDEN=1 pytest tests/report"
        expected = path.read_bytes().decode("utf-8")
        assert text == expected, (f"{name} output differs from {path}; if the change is intended, "
                                  "rewrite it with CLAIMLINT_UPDATE_GOLDEN=1 pytest tests/report")
    return check
