"""claimlint: a content-consistency linter for medical marketing articles."""

__version__ = "0.1.0"
