from claimlint.rules import conflicting_values

from .helpers import check_docstring_examples


def test_docstring_examples(lint):
    check_docstring_examples(conflicting_values, lint)


def test_each_side_names_the_other_and_its_own_repeats(lint):
    text = ("# Knee stem cells in Japan\n\n"
            + "Cultured knee therapy in Japan costs $7,000 – $12,000.\n\n" * 2
            + "Cultured knee therapy in Japan costs $8,000 – $12,000.\n")
    findings = sorted((f for f in lint({"a.md": text}) if f.rule == "CL101"),
                      key=lambda f: f.location.line)
    assert [f.location.line for f in findings] == [3, 5, 7]
    first = findings[0]
    assert "but $8,000 – $12,000 at line 7" in first.message and "(and at line 5)" in first.message
    assert [r.line for r in first.related] == [7, 5]
    assert "(and at lines 3, 5)" not in findings[2].message  # the repeats agree with each other
    assert [r.line for r in findings[2].related] == [3, 5]


def test_an_article_repeating_a_conflict_thousands_of_times_keeps_findings_bounded(lint):
    """Each claim still gets its finding, but names a bounded number of related places."""
    lines = [f"Cultured knee therapy in Japan costs ${7 + i % 2},000 – $12,000.\n\n" for i in range(3000)]
    findings = [f for f in lint({"a.md": "# Knee stem cells in Japan\n\n" + "".join(lines)})
                if f.rule == "CL101"]
    assert len(findings) == 3000
    assert max(len(f.related) for f in findings) == 2 * conflicting_values.MAX_RELATED
