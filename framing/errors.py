"""Errors that name the file (and line) they come from, for one-line reports, and the exit
statuses the command maps them to (in one place: the command group's invoke in framing.cli)."""

from __future__ import annotations

from enum import IntEnum


class ExitStatus(IntEnum):
    OK = 0
    FINDINGS = 1  # a check failed, a term is unknown, a lexicon has problems
    USAGE = 2  # bad options, config, input or model
    INTERRUPTED = 130


class FramingError(Exception):
    """An error a user can act on; rendered as a single line, never a traceback."""

    status = ExitStatus.USAGE

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


class ConfigError(FramingError):
    """Settings that cannot be used: a bad option value or config file key."""


class NotFound(FramingError):
    """A rule, category or entry asked for by name that does not exist."""

    status = ExitStatus.FINDINGS
