from claimlint.rules import lost_characters

from .helpers import check_docstring_examples


def test_docstring_examples(lint):
    check_docstring_examples(lost_characters, lint)
