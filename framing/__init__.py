"""framing: measure media bias and framing in news text.

The data flow is text -> Document -> detectors -> findings -> scores -> renderers;
each step is importable on its own. Heavy libraries load only when a step needs them.
"""

__version__ = "0.1.0"

from framing import _accelerated

_accelerated.install()  # compiled hot-path modules, when the install built them (framing/_accelerated.py)

__all__ = ["__version__", "Analyzer", "Document", "analyze_text"]


def __getattr__(name):
    # Lazy re-exports keep `import framing` (and `framing --help`) fast.
    if name == "Analyzer":
        from framing.pipeline import Analyzer

        return Analyzer
    if name == "Document":
        from framing.document import Document

        return Document
    if name == "analyze_text":
        from framing.pipeline import analyze_text

        return analyze_text
    raise AttributeError(name)
