from claimlint.rules import markup_debris

from .helpers import check_docstring_examples


def test_docstring_examples(lint):
    check_docstring_examples(markup_debris, lint)
