"""TOML files with line numbers: tomllib parses, this module says where a key or table sits.

tomllib reports a position only for syntax errors; for TOML that parses but holds a wrong
value (an unknown key, a bad severity) the line is found by searching the text for the key,
as Vale does for its config errors. Lexicons, concept sets and config files all use it.
"""

from __future__ import annotations

import re
import tomllib

from framing.errors import FramingError

_TOML_POSITION = re.compile(r"\(at line (\d+), column \d+\)")


def load_toml(text: str, path: str, error: type[FramingError] = FramingError) -> dict:
    """Parsed TOML, or `error` naming the file and the line tomllib reports."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        found = _TOML_POSITION.search(str(exc))
        message = _TOML_POSITION.sub("", str(exc)).strip()
        if found:
            line = int(found.group(1))
        else:  # "(at end of document)": the last line with text
            line = len(text.rstrip("\n").split("\n")) if "end of document" in message else 1
        raise error(f"invalid TOML: {message}", path, line) from None


class Lines:
    """Finds the line of a table header or of a key below one."""

    def __init__(self, text: str):
        # "\n" alone ends a line, as for tomllib and editors (str.splitlines also breaks at \x0b,
        # \x85, U+2028 and others, which TOML strings and comments may hold).
        self.lines = text.split("\n")

    def headers(self, name: str, array: bool = False) -> list[int]:
        """1-based lines of every `[name]` (or `[[name]]` when `array`) header."""
        dotted = r"\s*\.\s*".join(re.escape(part) for part in name.split("."))
        pattern = re.compile(rf"\s*\[\[\s*{dotted}\s*\]\]" if array else rf"\s*\[\s*{dotted}\s*\](?!\])")
        return [i + 1 for i, line in enumerate(self.lines) if pattern.match(line)]

    def header(self, name: str, default: int = 1) -> int:
        found = self.headers(name)
        return found[0] if found else default

    def key(self, header_line: int, key: str) -> int:
        """The line of `key = ...` in the table whose header is at `header_line` (0: the top
        level), or the header's line when the key is not written there."""
        pattern = re.compile(rf"\s*(?:{re.escape(key)}|\"{re.escape(key)}\")\s*=")
        for number in range(header_line, len(self.lines)):
            line = self.lines[number]
            if line.lstrip().startswith("["):
                break
            if pattern.match(line):
                return number + 1
        return header_line or 1
