from claimlint.rules import risky_claim

from .helpers import check_docstring_examples


def test_docstring_examples(lint):
    check_docstring_examples(risky_claim, lint)


def test_one_finding_where_two_phrases_cover_the_same_words(lint):
    """'100% safe' is both a no-risk promise and an implausible figure: one warning."""
    findings = [f for f in lint({"a.md": "# Knee therapy\n\nThe therapy is 100% safe.\n"})
                if f.rule == "CL401"]
    assert [f.location.text for f in findings] == ["100% safe"]
    assert "no risk" in findings[0].message


def test_separate_phrases_in_one_sentence_are_each_reported(lint):
    text = "# Knee therapy\n\nIt cures arthritis and is 100% safe.\n"
    spans = [f.location.text for f in lint({"a.md": text}) if f.rule == "CL401"]
    assert spans == ["cures", "100% safe"]


def test_guarantees_of_survival_or_pregnancy_are_risky_but_a_question_is_not(lint):
    text = ("# Clinic\n\nOur surgeons guarantee 100% graft survival.\n\n"
            "IVF with guaranteed pregnancy.\n\nAre results guaranteed?\n")
    assert [f.location.text for f in lint({"a.md": text}) if f.rule == "CL401"] == [
        "guarantee 100% graft survival", "guaranteed pregnancy"]


def test_fda_approval_is_risky_only_in_an_article_about_stem_cells(lint):
    lasik = "# LASIK in Seoul\n\nThe excimer laser was approved by the FDA in 1999.\n"
    cells = "# Knee stem cells\n\nOur stem cell therapy is FDA-approved.\n"
    assert [f.rule for f in lint({"lasik.md": lasik}) if f.rule == "CL401"] == []
    assert [f.location.text for f in lint({"cells.md": cells}) if f.rule == "CL401"] == ["FDA-approved"]
