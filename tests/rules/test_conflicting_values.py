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


def _cl101_lines(lint, *sentences):
    text = "# Dental implants in Hungary\n\n" + "".join(f"{s}\n\n" for s in sentences)
    return sorted(f.location.line for f in lint({"a.md": text}) if f.rule == "CL101")


def test_a_bound_agrees_with_a_value_that_keeps_it(lint):
    assert _cl101_lines(lint, "Implant success rates in Hungary exceed 97%.",
                        "In Budapest implants have a 98% success rate.") == []
    assert _cl101_lines(lint, "A single implant in Hungary costs under €1,000.",
                        "A single implant in Budapest costs €750 – €950.") == []


def test_a_bound_disagrees_with_a_value_that_breaks_it(lint):
    assert _cl101_lines(lint, "A single implant in Hungary costs under €1,000.",
                        "A single implant in Budapest costs €1,200.") == [3, 5]


def test_a_stated_starting_price_must_match_the_range_start(lint):
    """'from €650' says the cheapest is €650; a range starting at €750 disagrees."""
    assert _cl101_lines(lint, "A single implant in Hungary costs from €650.",
                        "A single implant in Budapest costs €750 – €950.") == [3, 5]


def test_each_side_effect_has_its_own_duration(lint):
    assert _cl101_lines(lint, "After a hair transplant in Turkey, redness fades in 7-10 days.",
                        "After a hair transplant in Turkey, shedding starts after 2-4 weeks.") == []
    assert _cl101_lines(lint, "After a hair transplant in Turkey, redness fades in 7-10 days.",
                        "After a hair transplant in Turkey, redness clears within 5-7 days.") == [3, 5]


def test_rows_of_a_price_table_name_different_items(lint):
    table = ("| Treatment | Budapest |\n|---|---|\n| Abutment | €150 – €250 |\n"
             "| Bone graft | €300 – €500 |\n| Sinus lift | €600 – €900 |")
    assert _cl101_lines(lint, "Dental implants in Budapest cost less.", table) == []


def test_the_same_unknown_item_is_still_compared(lint):
    assert _cl101_lines(lint, "- Bone graft: €300 – €500 in Budapest",
                        "| Treatment | Budapest |\n|---|---|\n| Bone graft | €350 – €550 |") == [3, 7]


def test_a_duration_measured_only_by_its_heading_is_not_compared(lint):
    text = ("# Hair transplant in Turkey\n\n## Recovery timeline\n\n"
            "Day one is hard; after 5 days it is easy.\n\nAfter 3 months it is forgotten.\n")
    assert [f for f in lint({"a.md": text}) if f.rule == "CL101"] == []


def test_counts_of_different_things_are_not_compared(lint):
    assert _cl101_lines(lint, "A hair transplant in Turkey moves 3,000 grafts.",
                        "Most patients in Turkey need one session for their grafts.") == []
