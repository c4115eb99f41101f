from claimlint.rules import success_rate

from .helpers import check_docstring_examples


def test_docstring_examples(lint):
    check_docstring_examples(success_rate, lint)


def test_the_ceiling_follows_the_treatment(lint):
    """A rate plausible for dental implants is not for IVF, nor for stem cells."""
    text = ("# Treatments abroad\n\nDental implants in Budapest have a 97% success rate.\n\n"
            "IVF in Prague has an 80% success rate.\n\n"
            "Stem cell therapy in Panama has a 93% success rate.\n")
    flagged = [f.location.text for f in lint({"a.md": text}) if f.rule == "CL402"]
    assert flagged == ["80%", "93%"]
