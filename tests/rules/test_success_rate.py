from claimlint.rules import success_rate

from .helpers import check_docstring_examples


def test_docstring_examples(lint):
    check_docstring_examples(success_rate, lint)
