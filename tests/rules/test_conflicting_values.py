from claimlint.rules import conflicting_values

from .helpers import check_docstring_examples


def test_docstring_examples(lint):
    check_docstring_examples(conflicting_values, lint)
