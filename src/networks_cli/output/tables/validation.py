"""The table of `validate`: each problem on a line, then the verdict."""

from __future__ import annotations

from typing import TYPE_CHECKING

from networks_cli.output.formats import Terminal
from networks_cli.output.phrases import counted
from networks_cli.output.tables.grid import text

if TYPE_CHECKING:
    from rich.console import RenderableType

    from networks_cli.answers.validation import Report


def validate_table(report: Report, strict: bool, terminal: Terminal) -> list[RenderableType]:
    out: list[RenderableType] = [text(f"{report.path}: error: {message}", "red") for message in report.errors]
    out += [text(f"{report.path}: warning: {message}", "yellow") for message in report.warnings]
    out += [text(f"{report.path}: note: {message}", "dim") for message in report.notes]
    if not report.valid:
        out.append(text(f"{report.path}: invalid: {counted(len(report.errors), 'error')}", "bold red"))
        return out
    # The counts' keys are plural nouns (`networks`, `memberships`): one is said in the singular.
    sizes = ", ".join(counted(n, what.removesuffix("s"), what) for what, n in report.counts.items())
    verdict = "valid" if not (strict and report.warnings) else "valid, but --strict fails on warnings"
    notes = f", {counted(len(report.notes), 'note')}" if report.notes else ""
    out.append(text(f"{report.path}: {verdict}: {counted(len(report.warnings), 'warning')}{notes} ({sizes})", "bold"))
    return out
