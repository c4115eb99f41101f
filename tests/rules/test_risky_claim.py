from claimlint.rules import risky_claim

from .helpers import check_docstring_examples


def test_docstring_examples(lint):
    check_docstring_examples(risky_claim, lint)
