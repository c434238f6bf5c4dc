"""The layers of README's "Development" section, read from the code: every import goes downwards.

Each module's imports of the package are parsed (ast), at module level and inside functions alike: a
lazy import is still a dependency. Imports under `if TYPE_CHECKING:` are exempt, being types only.
A module may import only modules of a lower layer; a new module must be placed here (and in README).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "networks_cli"

# Bottom first. README's "Development" section describes the same order.
LAYERS: list[set[str]] = [
    # leaves: import nothing of it
    {"errors", "names", "contract", "models", "render", "version", "timeline", "datahome"},
    {"loader", "store", "lookup", "nuts", "countries", "projects"},
    {"cache", "queries", "cordis"},
    {"discovery", "validation", "project_partners", "export"},
    {"tables"},  # Rich, only for tables
    {"project_tables"},  # the tables of imported projects: built from `tables`' pieces
    {"views"},
    {"project_views"},  # the views of imported projects, beside `views`
    {"results"},
    {"atlas"},  # the library's entry
    {"completion"},
    {"cli"},
    {"__main__", "__init__"},
]


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def imports_of(path: Path) -> set[str]:
    """The package's modules a module imports, anywhere in it except under `if TYPE_CHECKING:`."""
    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and _is_type_checking(child):
                for other in child.orelse:
                    visit(other)
                continue
            if isinstance(child, ast.ImportFrom) and child.module is not None:
                if child.module == "networks_cli":
                    found.update(alias.name for alias in child.names)  # `from networks_cli import tables`
                elif child.module.startswith("networks_cli."):
                    found.add(child.module.split(".")[1])
            elif isinstance(child, ast.Import):
                found.update(a.name.split(".")[1] for a in child.names if a.name.startswith("networks_cli."))
            visit(child)

    visit(ast.parse(path.read_text(encoding="utf-8")))
    return found - {path.stem}


def graph() -> dict[str, set[str]]:
    return {path.stem: imports_of(path) for path in sorted(PACKAGE.glob("*.py"))}


def layer_of(module: str) -> int:
    return next(i for i, layer in enumerate(LAYERS) if module in layer)


def test_every_module_has_a_layer() -> None:
    modules = set(graph())
    placed = set().union(*LAYERS)
    assert modules == placed, f"unplaced: {sorted(modules - placed)}; gone: {sorted(placed - modules)}"


@pytest.mark.parametrize("module", sorted(graph()))
def test_imports_go_downwards_only(module: str) -> None:
    upward = sorted(other for other in graph()[module] if layer_of(other) >= layer_of(module))
    assert not upward, f"{module} (layer {layer_of(module)}) imports {upward}, which are not below it"


def test_no_import_circle() -> None:
    edges = graph()
    state: dict[str, int] = {}  # 1: on the current path, 2: done

    def walk(module: str, path: list[str]) -> None:
        state[module] = 1
        for other in sorted(edges.get(module, ())):
            if state.get(other) == 1:
                cycle = [*path[path.index(other) :], other]
                pytest.fail("import circle: " + " -> ".join(cycle))
            if other not in state:
                walk(other, [*path, other])
        state[module] = 2

    for module in sorted(edges):
        if module not in state:
            walk(module, [module])


def test_the_leaves_import_nothing_of_the_package() -> None:
    edges = graph()
    assert all(not edges[module] for module in LAYERS[0])
