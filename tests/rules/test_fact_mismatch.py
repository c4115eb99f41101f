from claimlint.rules import fact_mismatch

from .helpers import check_docstring_examples


def test_docstring_examples(lint):
    check_docstring_examples(fact_mismatch, lint)
