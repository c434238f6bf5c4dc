"""The layers of docs/development.md, read from the code: folders, and the rules between them.

Each module's imports of the package are parsed (ast), at module level and inside functions alike: a
lazy import is still a dependency. Imports under `if TYPE_CHECKING:` are exempt, being types only.
A module belongs to the folder it sits in (`dataset`, `projects`, `answers`, `output`, `cli`) or, at
the top of the package, to itself (`atlas`, `results`, `errors`, `contract`, `version`).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "networks_cli"

LEAVES = {"errors", "contract", "version"}

# What each part of the package may import of the others (leaves: anyone may import them).
MAY_IMPORT: dict[str, set[str]] = {
    "errors": set(),
    "contract": set(),
    "version": set(),
    # One rule for the files the tool trusts or writes: the query cache, the data home, exports.
    "files": set(),
    "dataset": {"files"},
    "projects": {"dataset.nuts", "dataset.names", "files"},  # placing organisations in a region; `Record`
    "answers": {"dataset", "projects", "files"},
    # How an answer is written needs names and phrases, never the store, the cache or the answers.
    "output": {"dataset.names", "dataset.countries", "dataset.timeline", "projects.home"},
    "results": {"output"},
    "atlas": {"answers", "dataset", "projects", "results"},
    "cli": {"atlas", "results", "output.formats"},  # one door: the library's public face, never past it
    "__init__": {"atlas"},
    "__main__": {"cli"},
}

# Inside a folder, modules import downwards: bottom first.
ORDER: dict[str, list[set[str]]] = {
    "dataset": [{"names"}, {"timeline", "models"}, {"loader", "store", "nuts", "places", "countries"}, {"cache"}],
    "projects": [{"home"}, {"store"}, {"cordis"}, {"sources"}],
    "answers": [
        {"lookup", "validation", "export", "projects", "completion", "geometry"},
        {"queries", "export_xlsx"},
        {"discovery", "coverage", "report"},
        {"graph", "maps", "ranking"},
    ],
    "output": [
        {"formats", "phrases", "tables", "charts"},
        {"tables.grid", "svg_map", "graph_formats", "html"},
        {
            "tables.networks",
            "tables.regions",
            "tables.discovery",
            "tables.validation",
            "tables.projects",
            "tables.coverage",
        },
        {"views", "cite", "report_html", "report_markdown"},
        {"project_views", "picture_views", "discovery_views", "data_views"},
    ],
    "cli": [
        {"options", "families"},
        {"app"},
        {"commands.questions", "commands.data", "commands.projects", "commands.pictures"},
        {"commands"},
    ],
}

# Third-party packages that only one part of the package may import.
FENCED: dict[str, tuple[str, ...]] = {
    "typer": ("cli.",),
    "click": (),  # Typer vendors it: nobody imports it directly
    "rich": ("output.tables.",),
    "pydantic": ("dataset.models", "dataset.loader"),
    "tomli": ("dataset.loader",),
}


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def module_name(path: Path) -> str:
    """`dataset/cache.py` -> `dataset.cache`; a folder's `__init__.py` is named by its folder."""
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    if parts[-1] == "__init__" and len(parts) > 1:
        parts = parts[:-1]
    return ".".join(parts)


def imports_of(path: Path) -> tuple[set[str], set[str]]:
    """The package's modules and the third-party top-level packages a module imports (run-time only)."""
    ours: set[str] = set()
    theirs: set[str] = set()

    def visit(node: ast.AST) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and _is_type_checking(child):
                for other in child.orelse:
                    visit(other)
                continue
            if isinstance(child, ast.ImportFrom) and child.module is not None and child.level == 0:
                if child.module == "networks_cli":
                    ours.update(alias.name for alias in child.names)
                elif child.module.startswith("networks_cli."):
                    ours.add(child.module.removeprefix("networks_cli."))
                else:
                    theirs.add(child.module.split(".")[0])
            elif isinstance(child, ast.Import):
                for alias in child.names:
                    if alias.name.startswith("networks_cli."):
                        ours.add(alias.name.removeprefix("networks_cli."))
                    else:
                        theirs.add(alias.name.split(".")[0])
            visit(child)

    visit(ast.parse(path.read_text(encoding="utf-8")))
    return ours - {module_name(path)}, theirs


def graph() -> dict[str, set[str]]:
    return {module_name(path): imports_of(path)[0] for path in sorted(PACKAGE.rglob("*.py"))}


def part_of(module: str) -> str:
    return module.split(".")[0]


def allowed(importer: str, imported: str) -> bool:
    if part_of(imported) in LEAVES:
        return True
    rules = MAY_IMPORT[part_of(importer)]
    return any(imported == rule or imported.startswith(rule + ".") for rule in rules)


def rank_in_folder(module: str) -> int:
    folder, _, inner = module.partition(".")
    return next(i for i, level in enumerate(ORDER[folder]) if inner in level)


def test_every_module_has_a_place() -> None:
    for module in graph():
        assert part_of(module) in MAY_IMPORT, f"{module}: a new top-level part; give it its rules here"
        folder, _, inner = module.partition(".")
        if folder in ORDER and inner:
            assert any(inner in level for level in ORDER[folder]), f"{module}: place it in ORDER[{folder!r}]"


@pytest.mark.parametrize("module", sorted(graph()))
def test_imports_follow_the_folder_rules(module: str) -> None:
    wrong = []
    for other in sorted(graph()[module]):
        if part_of(other) == part_of(module) and part_of(module) in ORDER:
            if other == part_of(module):  # the folder's own __init__
                continue
            if module != part_of(module) and rank_in_folder(other) >= rank_in_folder(module):
                wrong.append(f"{other} (not below it in its folder)")
        elif not allowed(module, other):
            wrong.append(other)
    assert not wrong, f"{module} imports {wrong}, which its layer may not"


@pytest.mark.parametrize("package", sorted(FENCED))
def test_fenced_packages_stay_in_their_place(package: str) -> None:
    where = FENCED[package]
    breaches = sorted(
        module_name(path)
        for path in PACKAGE.rglob("*.py")
        if package in imports_of(path)[1] and not module_name(path).startswith(where or ("\0",))
    )
    assert not breaches, f"{package} is imported by {breaches}; only {where or 'nobody'} may"


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
    assert all(not edges[module] for module in LEAVES)


def test_the_rules_catch_a_breach() -> None:
    """The rules are not vacuous: an answer importing a view, or the CLI the store, is refused."""
    assert not allowed("answers.queries", "output.views")
    assert not allowed("cli.app", "projects.store")
    assert not allowed("cli.app", "dataset.store")
    assert not allowed("dataset.store", "answers.queries")
    assert not allowed("output.views", "dataset.cache")
    assert allowed("atlas", "answers.discovery")


def test_the_table_of_command_families_names_what_each_family_registers() -> None:
    """The installed command imports only the family of the command asked (`commands.FAMILIES`): a
    command missing from the table, or under another family, would not be found."""
    from networks_cli.cli.app import every_command
    from networks_cli.cli.families import FAMILIES

    registered: dict[str, list[str]] = {}
    for info in every_command().registered_commands:
        assert info.callback is not None
        family = info.callback.__module__.rsplit(".", 1)[-1]
        registered.setdefault(family, []).append(str(info.name))
    assert registered == {family: list(names) for family, names in FAMILIES.items()}
