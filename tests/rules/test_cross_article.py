from claimlint.rules import cross_article

from .helpers import check_docstring_examples


def test_docstring_examples(lint):
    check_docstring_examples(cross_article, lint)
