"""Errors that name the file (and line) they come from, for one-line reports."""

from __future__ import annotations


class FramingError(Exception):
    """An error a user can act on; rendered as a single line, never a traceback."""

    def __init__(self, message: str, path: str | None = None, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line

    def __str__(self) -> str:
        where = ""
        if self.path is not None:
            where = f"{self.path}:{self.line}: " if self.line else f"{self.path}: "
        return f"{where}{self.message}"


class InputError(FramingError):
    """A document (or a row of a corpus) that could not be read."""


class LexiconError(FramingError):
    """A lexicon file that is missing, malformed or inconsistent."""
