from claimlint.rules import foreign_metadata

from .helpers import check_docstring_examples


def test_docstring_examples(lint):
    check_docstring_examples(foreign_metadata, lint)


def test_a_markdown_details_section_is_compared_with_the_body_not_with_itself(lint):
    page = ("# Knee OA in Japan\n\nCultured knee therapy in Japan costs $7,000.\n\n"
            "## About Article\n\n- Treatment: Knee osteoarthritis\n"
            "- Overview: A guide for Vancouver patients considering a DHI hair transplant in Turkey.\n")
    findings = [f for f in lint({"a.md": page}) if f.rule == "CL302"]
    assert len(findings) == 1 and "'Overview' names treatment hair-transplant" in findings[0].message
