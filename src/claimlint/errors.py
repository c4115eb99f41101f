"""Errors users can act on, and the exit codes they lead to."""
from __future__ import annotations

EXIT_CLEAN = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2  # usage, configuration, or an input that could not be read


class ClaimlintError(Exception):
    """An error shown to the user as one line, `where: what`, with no traceback."""

    def __init__(self, message: str, where: str = ""):
        super().__init__(message)
        self.message = message
        self.where = where

    def __str__(self) -> str:
        return f"{self.where}: {self.message}" if self.where else self.message


class ConfigError(ClaimlintError):
    """A rule pack, facts file or configuration file is malformed (exit 2)."""


class InputError(ClaimlintError):
    """An input file could not be read; the other files are still checked."""


class InputSkipped(InputError):
    """An input that is not an article (a binary file): skipped with a warning, not an error."""


class Terminated(KeyboardInterrupt):
    """SIGTERM: stop as on Ctrl-C (workers stopped, partial results kept), exit 128 + 15."""

    exit_code = 143
