"""The package's shape: no import cycles between framing's modules, no private names
imported across modules, and the command stays light to import."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "framing"


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _modules() -> dict[str, ast.Module]:
    return {_module_name(p): ast.parse(p.read_text("utf-8")) for p in sorted(PACKAGE.rglob("*.py"))}


def _packages() -> set[str]:
    return {_module_name(p) for p in PACKAGE.rglob("__init__.py")}


def _imports(tree: ast.Module, top_level_only: bool):
    """(imported module, names) for each import; top_level_only skips imports inside functions.
    Imports under `if TYPE_CHECKING:` are for type hints only and never run: always skipped."""
    skipped = {
        id(inner) for node in ast.walk(tree)
        if isinstance(node, ast.If) and getattr(node.test, "id", None) == "TYPE_CHECKING"
        for inner in ast.walk(node)
    }
    nodes = tree.body if top_level_only else list(ast.walk(tree))
    for node in nodes:
        if id(node) in skipped:
            continue
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module, [alias.name for alias in node.names]
        elif isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, []


def find_cycles(graph: dict[str, set[str]]) -> list[str]:
    """Each back edge of a depth-first walk, as the path that closes the loop."""
    cycles: list[str] = []
    state: dict[str, int] = {}

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for target in sorted(graph[node]):
            if state.get(target) == 1:
                cycles.append(" -> ".join(path[path.index(target):] + [target]))
            elif target not in state:
                visit(target, path + [target])
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node, [node])
    return cycles


def test_no_import_cycles_between_modules():
    modules = _modules()
    packages = _packages()
    graph: dict[str, set[str]] = {}
    for name, tree in modules.items():
        targets = set()
        # Imports inside functions count too: a module that needs another at call time and is
        # needed by it at load time is still a knot (lexicon <-> actors was one).
        for module, names in _imports(tree, top_level_only=False):
            if module.startswith("framing"):
                # `from framing.lexicon import load_lexicon` needs framing.lexicon; `from framing
                # import __version__` needs only the package's __init__.
                targets.add(module)
                targets.update(f"{module}.{n}" for n in names if f"{module}.{n}" in modules)
        # A package's __init__ re-exports its own modules (framing.__getattr__, framing.lexicon):
        # that is the package's face, not a dependency its modules could loop through.
        inner = name + "." if name in packages else None
        graph[name] = {t for t in targets if t in modules and t != name and not (inner and t.startswith(inner))}
    cycles = find_cycles(graph)
    assert cycles == [], f"import cycles: {cycles}"


def test_no_private_names_cross_modules():
    offenders = []
    for name, tree in _modules().items():
        for module, names in _imports(tree, top_level_only=False):
            if module.startswith("framing") and module != name:
                offenders += [f"{name} imports {module}.{n}" for n in names if n.startswith("_") and n != "__version__"]
    assert offenders == []


def test_checks_find_what_they_look_for(tmp_path):
    """The two checks above, on a tiny tree that breaks both rules."""
    tree = ast.parse("from framing.a import _hidden\n")
    assert list(_imports(tree, top_level_only=True)) == [("framing.a", ["_hidden"])]
    nested = ast.parse("def f():\n    from framing.b import thing\nif TYPE_CHECKING:\n    from framing.c import C\n")
    assert list(_imports(nested, top_level_only=True)) == []
    assert list(_imports(nested, top_level_only=False)) == [("framing.b", ["thing"])]
    assert find_cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a -> b -> c -> a"]
    assert find_cycles({"a": {"b", "c"}, "b": {"c"}, "c": set()}) == []
    assert "framing.lexicon" in _packages() and "framing.lexicon.parse" not in _packages()
