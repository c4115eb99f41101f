from claimlint.rules import repeated_title

from .helpers import check_docstring_examples


def test_docstring_examples(lint):
    check_docstring_examples(repeated_title, lint)
