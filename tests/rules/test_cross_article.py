from claimlint.rules import cross_article

from .helpers import check_docstring_examples


def test_docstring_examples(lint):
    check_docstring_examples(cross_article, lint)


def test_values_read_as_text_and_each_named_once(lint):
    """An HTML entity is shown decoded; one value written two ways is named once."""
    page = ("<html><body><h1>FUE hair transplant in Istanbul</h1>"
            "<p>An FUE package in Istanbul costs $2,000&ndash;$3,500.</p>"
            "<p>Our FUE price in Turkey: $2,000 – $3,500.</p></body></html>")
    guide = "# FUE in Turkey\n\nAn FUE package in Istanbul costs $1,800 – $3,000.\n"
    findings = [f for f in lint({"a.html": page, "b.md": guide}) if f.rule == "CL102"]
    on_guide = next(f for f in findings if f.location.path.endswith("b.md"))
    assert on_guide.message.endswith("is $1,800 – $3,000 here but $2,000 – $3,500 in 1 other article")
    assert "&ndash;" not in " ".join(f.message for f in findings)
