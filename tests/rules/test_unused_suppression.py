from claimlint.rules import unused_suppression

from .helpers import check_docstring_examples


def test_docstring_examples(lint):
    check_docstring_examples(unused_suppression, lint)
