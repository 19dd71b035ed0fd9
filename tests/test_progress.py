"""The progress bar (framing.progress): on a terminal past the threshold only; items pass through."""

from __future__ import annotations

import io

from framing.progress import progress, shown


class Terminal(io.StringIO):
    def isatty(self):
        return True


def test_bar_only_on_a_terminal_and_only_for_long_runs(monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    terminal = Terminal()
    assert list(progress(range(500), after=300, stream=terminal)) == list(range(500))
    assert "documents" in terminal.getvalue()
    short = Terminal()
    assert list(progress(range(300), after=300, stream=short)) == list(range(300))
    assert short.getvalue() == ""
    pipe = io.StringIO()
    assert list(progress(range(500), after=300, stream=pipe)) == list(range(500)) and pipe.getvalue() == ""
    monkeypatch.setenv("CI", "true")
    assert not shown(Terminal())
    monkeypatch.delenv("CI")
    monkeypatch.setenv("TERM", "dumb")
    assert not shown(Terminal())
