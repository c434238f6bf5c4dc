"""Every example of README.md and docs/*.md prints what the page shows (tests/docs_examples.py runs them).

When an output changes on purpose, `python scripts/regenerate_docs.py` rewrites the pages from the real
output; read the diff before committing it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import Invoke
from tests.docs_examples import ROOT, Example, Runner, all_examples, difference, missing_tool, pages, scratch_directory

EXAMPLES = all_examples()


@pytest.fixture(scope="module")
def runner() -> Iterator[Runner]:
    with scratch_directory() as scratch:
        yield Runner(Path(scratch))


@pytest.mark.parametrize("example", EXAMPLES, ids=[example.name for example in EXAMPLES])
def test_the_example_prints_what_the_page_shows(example: Example, runner: Runner) -> None:
    for command in example.commands:
        tool = missing_tool(command)
        if tool:
            pytest.skip(f"{tool} is not installed")
    diff = difference(example, runner.run(example))
    assert not diff, f"{diff}\n\nIf the new output is right: python scripts/regenerate_docs.py"


def test_the_pages_have_examples_of_every_kind() -> None:
    kinds = {example.kind for example in EXAMPLES}
    assert kinds == {"console", "python"}
    assert sum(len(example.commands) for example in EXAMPLES) >= 60


def test_no_prompt_hides_in_a_block_that_is_not_run() -> None:
    """A `$ networks` line outside a console block would never be checked: there is none."""
    hidden: list[str] = []
    for page in pages():
        inside: str | None = None
        for number, line in enumerate(page.read_text(encoding="utf-8").split("\n"), 1):
            fence = re.match(r"^```([\w+-]*)\s*$", line)
            if fence:
                inside = None if inside is not None else fence.group(1)
            elif inside not in (None, "console") and line.startswith("$ "):
                hidden.append(f"{page.relative_to(ROOT)}:{number}: {line}")
    assert hidden == []


# Pages another branch of issue #20 adds; the README and the index link to them already.
PAGES_OF_OTHER_BRANCHES: set[str] = set()  # pages linked before their branch lands


def _anchors(page: Path) -> set[str]:
    """GitHub's anchors of a page's headings: lower case, punctuation dropped, spaces as hyphens."""
    text = re.sub(r"```.*?```", "", page.read_text(encoding="utf-8"), flags=re.DOTALL)
    headings = re.findall(r"^#+ (.+)$", text, re.MULTILINE)
    return {re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-") for heading in headings}


def test_every_link_between_the_pages_leads_somewhere() -> None:
    broken: list[str] = []
    for page in pages():
        text = re.sub(r"```.*?```", "", page.read_text(encoding="utf-8"), flags=re.DOTALL)
        for target in re.findall(r"\]\(([^)\s]+)\)", text):
            if re.match(r"[a-z]+:", target):
                continue  # an address on the web: not checked offline
            path, _, anchor = target.partition("#")
            linked = (page.parent / path).resolve() if path else page
            name = linked.relative_to(ROOT).as_posix() if linked.is_relative_to(ROOT) else str(linked)
            if not linked.exists():
                if name not in PAGES_OF_OTHER_BRANCHES:
                    broken.append(f"{page.relative_to(ROOT)}: {target} (no such file)")
            elif anchor and linked.suffix == ".md" and anchor not in _anchors(linked):
                broken.append(f"{page.relative_to(ROOT)}: {target} (no such heading)")
    assert broken == []


def _command_names() -> list[str]:
    from networks_cli.cli.app import every_command

    app = every_command()

    return sorted(str(command.name) for command in app.registered_commands)


@pytest.mark.parametrize("name", _command_names())
def test_every_commands_help_names_its_page_of_the_manual(name: str, cli: Invoke) -> None:
    text = " ".join(cli(name, "--help", env={"COLUMNS": "200"}).stdout.split())
    pointer = re.search(r"See (docs/[a-z-]+\.md) for more\.", text)
    assert pointer is not None, f"`networks {name} --help` names no page of docs/ (give its @command a docs=)"
    page = pointer.group(1)
    assert (ROOT / page).exists() or page in PAGES_OF_OTHER_BRANCHES, f"{page} does not exist"
    assert "README: section" not in text


def test_the_main_help_points_to_the_manual(cli: Invoke) -> None:
    text = " ".join(cli("--help", env={"COLUMNS": "200"}).stdout.split())
    assert "docs/commands.md" in text


def test_the_commands_table_lists_every_command_and_its_own_flags() -> None:
    """docs/commands.md's table is generated from the app (issue #22: every flag each command takes)."""
    from tests.docs_examples import COMMANDS_TABLE_START, with_commands_table

    page = (ROOT / "docs" / "commands.md").read_text(encoding="utf-8")
    assert COMMANDS_TABLE_START in page
    assert with_commands_table(page) == page, "the table is stale: python scripts/regenerate_docs.py"
    assert "`--topic TOPIC`" in page
    assert "`networks graph`" in page
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert with_commands_table(readme) == readme, "the README's glance is stale: python scripts/regenerate_docs.py"
    assert "`networks report SUBJECT`" in readme
