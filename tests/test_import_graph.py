"""No import cycle inside natolab: each concept has one owner, in its layer.

The layers run paths -> data -> countries / editions -> metrics -> narrative / charts
-> reports; a lower layer that imported a higher one (even late, inside a function)
would tie them into one knot that can only be understood, tested and changed whole.
The graph is read from the source with ``ast``, so function-level imports count too.
"""

from __future__ import annotations

import ast
from pathlib import Path

from natolab.paths import PACKAGE_DIR

PACKAGE = "natolab"


def _module_name(file: Path) -> str:
    parts = [PACKAGE, *file.relative_to(PACKAGE_DIR).with_suffix("").parts]
    return ".".join(parts[:-1]) if parts[-1] == "__init__" else ".".join(parts)


def _modules() -> dict[str, Path]:
    """Every module of the package by dotted name (packages by their ``__init__``)."""
    return {_module_name(file): file for file in sorted(PACKAGE_DIR.rglob("*.py"))}


def _runs(target: str, importer: str, known: dict[str, Path], *, named: bool) -> set[str]:
    """The natolab modules an import of ``target`` runs: ``target`` and the packages above it.

    The root package is left out (every module is inside it and its ``__init__`` imports
    nothing of natolab's). So are the importer's own packages, unless ``named`` (the
    importer uses ``target`` itself): Python runs them before the importer whatever it
    imports, so that edge is the language's, not a dependency.
    """
    parts = target.split(".")
    chain = {".".join(parts[:n]) for n in range(2, len(parts) + 1)}
    own = {".".join(importer.split(".")[:n]) for n in range(2, importer.count(".") + 1)}
    return ((chain - own) | ({target} if named else set())) & known.keys()


def _imported(module: str, file: Path, known: dict[str, Path]) -> set[str]:
    """The natolab modules ``module`` imports anywhere in its source, function bodies included."""
    is_package = file.name == "__init__.py"
    found: set[str] = set()
    for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"), str(file))):
        if isinstance(node, ast.Import):
            imports = [(alias.name, True) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: resolved against this module's package
                package = module.split(".")
                base = package[: len(package) - node.level + (1 if is_package else 0)]
                origin = ".".join([*base, *([node.module] if node.module else [])])
            else:
                origin = node.module or ""
            # `from natolab import data` imports the module natolab.data (and runs natolab);
            # `from natolab.x import f` uses natolab.x itself.
            submodules = [f"{origin}.{alias.name}" for alias in node.names if f"{origin}.{alias.name}" in known]
            imports = [(origin, len(submodules) < len(node.names)), *((sub, True) for sub in submodules)]
        else:
            continue
        for target, named in imports:
            if target == PACKAGE or target.startswith(PACKAGE + "."):
                found |= _runs(target, module, known, named=named)
    return found - {module}


def import_graph() -> dict[str, set[str]]:
    """natolab module -> the natolab modules it imports."""
    known = _modules()
    return {module: _imported(module, file, known) for module, file in known.items()}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every strongly connected group of more than one module (Tarjan), each as one cycle through it."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[set[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for succ in sorted(graph.get(node, ())):
            if succ not in index:
                visit(succ)
                low[node] = min(low[node], low[succ])
            elif succ in on_stack:
                low[node] = min(low[node], index[succ])
        if low[node] == index[node]:
            group = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.add(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(group)

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return [_cycle_through(group, graph) for group in groups]


def _cycle_through(group: set[str], graph: dict[str, set[str]]) -> list[str]:
    """One concrete cycle inside a strongly connected ``group``, from its first module back to it."""
    start = min(group)
    paths = {start: [start]}
    queue = [start]
    while queue:
        node = queue.pop(0)
        for succ in sorted(graph[node] & group):
            if succ == start:
                return [*paths[node], start]
            if succ not in paths:
                paths[succ] = [*paths[node], succ]
                queue.append(succ)
    raise AssertionError(f"no cycle through {start}")  # unreachable for a strongly connected group


def test_the_graph_sees_late_and_relative_imports(tmp_path: Path) -> None:
    known = {"natolab.a": tmp_path / "a.py", "natolab.b": tmp_path / "b.py",
             "natolab.c": tmp_path / "c" / "__init__.py", "natolab.c.d": tmp_path / "c" / "d.py"}
    source = "def f():\n    from natolab import b\n    from .c.d import x\n"
    known["natolab.a"].write_text(source, encoding="utf-8")
    assert _imported("natolab.a", known["natolab.a"], known) == {"natolab.b", "natolab.c", "natolab.c.d"}


def test_a_module_depends_on_its_own_package_only_for_what_the_package_defines(tmp_path: Path) -> None:
    package = tmp_path / "c"
    package.mkdir()
    known = {"natolab.c": package / "__init__.py", "natolab.c.d": package / "d.py", "natolab.c.e": package / "e.py"}
    known["natolab.c.d"].write_text("from natolab.c import e\n", encoding="utf-8")
    assert _imported("natolab.c.d", known["natolab.c.d"], known) == {"natolab.c.e"}
    known["natolab.c.d"].write_text("from natolab.c import helper\n", encoding="utf-8")
    assert _imported("natolab.c.d", known["natolab.c.d"], known) == {"natolab.c"}


def test_cycles_are_named() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert cycles(graph) == [["a", "b", "c", "a"]]


def test_no_import_cycle_inside_natolab() -> None:
    found = cycles(import_graph())
    assert not found, "import cycles inside natolab:\n" + "\n".join(" -> ".join(c) for c in found)
