from claimlint.rules import missing_metadata

from .helpers import check_docstring_examples


def test_docstring_examples(lint):
    check_docstring_examples(missing_metadata, lint)
