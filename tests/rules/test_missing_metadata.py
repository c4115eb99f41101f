from claimlint.rules import missing_metadata

from .helpers import check_docstring_examples


def test_docstring_examples(lint):
    check_docstring_examples(missing_metadata, lint)


def test_a_label_with_its_value_on_the_next_line_is_filled(lint):
    """A <dt>/<dd> list scraped as text puts the label and its value on separate lines;
    an empty bulleted field followed by another field is still empty."""
    page = ("Dental implants in Budapest\n\nImplants cost less in Hungary.\n\nDetails\n\n"
            "Medically reviewed by\nDr. Anna Kovacs\n"
            "  • Author Name:\n  • Country: Hungary\n"
            "Overview\nWhat dental implants in Budapest cost.\n")
    empty = [f.message for f in lint({"a.txt": page}) if f.rule == "CL301"]
    assert empty == ["metadata field 'Author Name' is empty"]


def test_the_details_block_of_an_html_page_is_metadata(lint):
    page = ("<html><body><h1>Knee OA in Japan</h1><p>Cultured knee therapy in Japan costs $7,000.</p>"
            "<h3>About Article</h3><ul><li>Medically reviewed by:</li><li>Author Name: Ken Sato</li>"
            "</ul><dl><dt>Country</dt><dd>Japan</dd></dl></body></html>")
    assert [f.message for f in lint({"a.html": page}) if f.rule == "CL301"] == [
        "metadata field 'Medically reviewed by' is empty"]
