from claimlint.rules import foreign_metadata

from .helpers import check_docstring_examples


def test_docstring_examples(lint):
    check_docstring_examples(foreign_metadata, lint)
