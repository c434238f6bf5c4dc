"""The examples of README.md and docs/*.md: found, run as a reader would run them, and compared with the page.

A page's examples are of two kinds (docs/development.md, "Tested documentation", says how to write them):

- a ```console block: each `$ COMMAND` line is run by bash, and the lines after it, up to the next `$`,
  are what it prints (stdout and stderr as a terminal shows them). A last line `...` means the output
  goes on: only the lines above it are compared.
- a ```python block: the code is run as a script; a ```text block right after it is what it prints.

Every example runs with a fresh home directory of its own, in `~/work` (holding `data/`, the bundled
dataset, by a link), with an empty data home (no imported projects), on a pseudo-terminal of WIDTH
columns without colour, in a fixed environment; all examples share one query cache, made fresh for each
run. What differs from run to run is written as a fixed stand-in: the home directory as `~`, the cache
as `~/.cache`, and a timestamp of the run itself as STAND_IN_TIME; colour codes are dropped (`networks`
writes none under NO_COLOR, as tests/test_terminal.py checks, but older jq does). A block that needs state first runs
the shell commands of an HTML comment just before it: `<!-- setup: COMMANDS -->` (`$REPO` is the
checkout). tests/test_docs.py compares; scripts/regenerate_docs.py rewrites the outputs.
"""

from __future__ import annotations

import difflib
import fcntl
import os
import pty
import re
import select
import shutil
import struct
import subprocess
import sys
import tempfile
import termios
import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WIDTH = 100  # the terminal width every example is run at, and so the width of the tables on the pages
TIMEOUT_SECONDS = 60
MORE = "..."  # an output's last line: the output goes on, and the page shows only its first lines
STAND_IN_TIME = "2026-01-01T00:00:00+00:00"
_COLOUR = re.compile(r"\x1b\[[0-9;]*m")  # jq before 1.7.1 colours on a terminal even with NO_COLOR
_TIMESTAMP = re.compile(r"\b\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:[+-]\d\d:\d\d|Z)?")
NETWORKS = shutil.which("networks") or str(Path(sys.executable).with_name("networks"))

_FENCE = re.compile(r"^```([\w+-]*)\s*$")
_SETUP = re.compile(r"<!--\s*setup:(.*?)-->", re.DOTALL)


def pages() -> list[Path]:
    """The pages whose examples are run: the README and every page of docs/."""
    return [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]


@dataclass
class Command:
    """One `$` line of a console block (or a Python block's script) and the lines the page shows it print."""

    text: str
    output_start: int  # index in the page's lines of the first output line
    output_end: int  # index just past the last output line (`...` included)
    shown: list[str]
    has_output_block: bool = True  # False for a Python block with no ```text block after it

    @property
    def truncated(self) -> bool:
        return bool(self.shown) and self.shown[-1] == MORE


@dataclass
class Example:
    page: Path
    line: int  # 1-based line of the block's opening fence
    kind: str  # "console" or "python"
    setup: str | None
    commands: list[Command] = field(default_factory=list)

    @property
    def name(self) -> str:
        return f"{self.page.relative_to(ROOT)}:{self.line}"


def _blocks(lines: list[str]) -> list[tuple[str, int, int]]:
    """Every fenced block: its info string, the index of its opening fence and of its closing fence."""
    blocks: list[tuple[str, int, int]] = []
    index = 0
    while index < len(lines):
        opening = _FENCE.match(lines[index])
        if opening is None:
            index += 1
            continue
        end = index + 1
        while end < len(lines) and lines[end].rstrip() != "```":
            end += 1
        blocks.append((opening.group(1), index, end))
        index = end + 1
    return blocks


def _setup_before(lines: list[str], fence: int) -> str | None:
    """The commands of a `<!-- setup: … -->` comment ending on the last non-blank line before a block."""
    index = fence - 1
    while index >= 0 and not lines[index].strip():
        index -= 1
    if index < 0 or not lines[index].rstrip().endswith("-->"):
        return None
    start = index
    while start > 0 and "<!--" not in lines[start]:
        start -= 1
    match = _SETUP.search("\n".join(lines[start : index + 1]))
    return match.group(1).strip() if match else None


def examples(page: Path) -> list[Example]:
    """The examples of one page, in page order."""
    lines = page.read_text(encoding="utf-8").split("\n")
    blocks = _blocks(lines)
    found: list[Example] = []
    for position, (info, fence, end) in enumerate(blocks):
        setup = _setup_before(lines, fence)
        if info == "console":
            example = Example(page, fence + 1, "console", setup)
            index = fence + 1
            while index < end:
                if not lines[index].startswith("$ "):
                    index += 1  # text before the first prompt: not an example (there should be none)
                    continue
                command = lines[index][2:]
                while command.endswith("\\") and index + 1 < end:
                    index += 1
                    command = command[:-1] + "\n" + lines[index]
                start = index + 1
                stop = start
                while stop < end and not lines[stop].startswith("$ "):
                    stop += 1
                example.commands.append(Command(command, start, stop, lines[start:stop]))
                index = stop
            if example.commands:
                found.append(example)
        elif info == "python":
            example = Example(page, fence + 1, "python", setup)
            script = "\n".join(lines[fence + 1 : end]) + "\n"
            following = blocks[position + 1] if position + 1 < len(blocks) else None
            if following and following[0] == "text" and not any(s.strip() for s in lines[end + 1 : following[1]]):
                _, text_fence, text_end = following
                example.commands.append(Command(script, text_fence + 1, text_end, lines[text_fence + 1 : text_end]))
            else:
                example.commands.append(Command(script, end, end, [], has_output_block=False))
            found.append(example)
    return found


def all_examples() -> list[Example]:
    return [example for page in pages() for example in examples(page)]


def environment(cache: Path, home: Path) -> dict[str, str]:
    """The fixed environment of every example: nothing of the user's shell, settings or caches leaks in."""
    path = os.pathsep.join(dict.fromkeys([str(Path(NETWORKS).parent), str(Path(sys.executable).parent), os.defpath]))
    return {
        "PATH": path,
        "HOME": str(home),
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
        "TZ": "UTC",
        "TERM": "xterm",
        "COLUMNS": str(WIDTH),
        "LINES": "40",
        "NO_COLOR": "1",
        "NETWORKS_PAGER": "cat",  # the page shows the whole answer, as a reader with --no-pager sees it
        "PYTHONHASHSEED": "0",
        "PYTHONDONTWRITEBYTECODE": "1",
        "XDG_CACHE_HOME": str(cache),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "REPO": str(ROOT),
    }


def _in_terminal(argv: list[str], cwd: Path, env: dict[str, str]) -> str:
    """Run a command with stdin, stdout and stderr on a pseudo-terminal of WIDTH columns; what it shows."""
    primary, secondary = pty.openpty()
    fcntl.ioctl(secondary, termios.TIOCSWINSZ, struct.pack("HHHH", 40, WIDTH, 0, 0))
    process = subprocess.Popen(argv, stdin=secondary, stdout=secondary, stderr=secondary, cwd=cwd, env=env)
    os.close(secondary)
    chunks: list[bytes] = []
    deadline = time.monotonic() + TIMEOUT_SECONDS
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([primary], [], [], 1.0)
            if not ready:
                if process.poll() is not None:
                    break
                continue
            try:
                chunk = os.read(primary, 65536)
            except OSError:  # EIO: every process holding the terminal has closed it
                break
            if not chunk:
                break
            chunks.append(chunk)
        else:
            process.kill()
            raise TimeoutError(f"{argv!r} ran for more than {TIMEOUT_SECONDS} s")
    finally:
        process.wait(timeout=TIMEOUT_SECONDS)
        os.close(primary)
    return b"".join(chunks).decode("utf-8", errors="replace").replace("\r\n", "\n")


def missing_tool(command: Command) -> str | None:
    """A program a command pipes into that this machine lacks (jq), or None."""
    for tool in ("jq",):
        if re.search(rf"(^|\|)\s*{tool}\b", command.text) and shutil.which(tool) is None:
            return tool
    return None


class Runner:
    """Runs examples; all of them share one fresh query cache, so each dataset file is indexed once."""

    def __init__(self, scratch: Path) -> None:
        self.scratch = scratch
        self.cache = scratch / "cache"
        self.cache.mkdir(mode=0o700)
        self.count = 0

    def run(self, example: Example) -> list[list[str]]:
        """What each command of the example prints, as lines (the final newline dropped)."""
        self.count += 1
        home = self.scratch / f"home-{self.count}"
        directory = home / "work"
        directory.mkdir(mode=0o700, parents=True)
        (directory / "data").symlink_to(ROOT / "data", target_is_directory=True)
        env = environment(self.cache, home)
        started = time.time()
        if example.setup:
            done = subprocess.run(
                ["bash", "-c", "set -e\n" + example.setup],
                cwd=directory,
                env=env,
                capture_output=True,
                text=True,
                timeout=TIMEOUT_SECONDS,
                check=False,
            )
            if done.returncode != 0:
                raise RuntimeError(f"{example.name}: its setup failed ({done.returncode}): {done.stderr.strip()}")
        outputs: list[list[str]] = []
        for command in example.commands:
            if example.kind == "python":
                script = directory / "example.py"
                script.write_text(command.text, encoding="utf-8")
                printed = _in_terminal([sys.executable, str(script.name)], directory, env)
            else:
                printed = _in_terminal(["bash", "-c", command.text], directory, env)
            printed = _stand_ins(printed, {str(self.cache): "~/.cache", str(home): "~"}, started)
            outputs.append(printed.removesuffix("\n").split("\n") if printed else [])
        return outputs


def _stand_ins(printed: str, paths: dict[str, str], started: float) -> str:
    """The output with what differs between runs (these directories, the time of the run) written fixed."""
    printed = _as_the_screen_shows(_COLOUR.sub("", printed))
    for path, stand_in in paths.items():
        printed = printed.replace(path, stand_in)

    def now_or_stamp(match: re.Match[str]) -> str:
        try:
            moment = datetime.fromisoformat(match.group(0)).timestamp()
        except ValueError:
            return match.group(0)
        return STAND_IN_TIME if started - 5 <= moment <= time.time() + 5 else match.group(0)

    return _TIMESTAMP.sub(now_or_stamp, printed)


def _as_the_screen_shows(printed: str) -> str:
    """The text as the terminal's screen is left by it: a carriage return goes back to the line's start
    and `ESC [K` erases to its end, so that a progress line redrawn in place and cleared (`import`)
    leaves nothing, as on the screen."""
    if "\r" not in printed:
        return printed
    lines: list[str] = []
    for line in printed.split("\n"):
        screen: list[str] = []
        cursor = 0
        for part in re.split(r"(\r|\x1b\[K)", line):
            if part == "\r":
                cursor = 0
            elif part == "\x1b[K":
                del screen[cursor:]
            else:
                screen[cursor : cursor + len(part)] = part
                cursor += len(part)
        lines.append("".join(screen))
    return "\n".join(lines)


def as_shown(command: Command, output: list[str]) -> list[str]:
    """The output as the page would show it: cut to the lines shown, with `...`, when the page cuts it."""
    if command.truncated:
        kept = len(command.shown) - 1
        if len(output) > kept:
            return [*output[:kept], MORE]
    return output


def difference(example: Example, outputs: list[list[str]]) -> str:
    """Empty when every command prints what the page shows; else a diff per command that does not."""
    report: list[str] = []
    for command, output in zip(example.commands, outputs, strict=True):
        shown = as_shown(command, output)
        if shown != command.shown:
            title = command.text.split("\n")[0] if example.kind == "console" else "the Python example"
            diff = difflib.unified_diff(command.shown, shown, "the page", "the output", lineterm="", n=2)
            report.append(f"{example.name}: $ {title}\n" + "\n".join(diff))
    return "\n\n".join(report)


def regenerate(page: Path, runner: Runner) -> tuple[str, str]:
    """The page's text now, and with every example's output replaced by what it prints."""
    text = page.read_text(encoding="utf-8")
    lines = text.split("\n")
    replacements: list[tuple[int, int, list[str]]] = []
    for example in examples(page):
        for command, output in zip(example.commands, runner.run(example), strict=True):
            if not command.has_output_block:
                if output:
                    raise RuntimeError(f"{example.name}: it prints, but no ```text block after it shows what")
                continue
            replacements.append((command.output_start, command.output_end, as_shown(command, output)))
    for start, end, shown in sorted(replacements, reverse=True):
        lines[start:end] = shown
    return text, with_commands_table("\n".join(lines))


def scratch_directory() -> tempfile.TemporaryDirectory[str]:
    return tempfile.TemporaryDirectory(prefix="networks-docs-")


COMMANDS_TABLE_START = "<!-- the commands table: generated from the app by scripts/regenerate_docs.py -->"
COMMANDS_TABLE_END = "<!-- end of the commands table -->"


def commands_table(with_options: bool = True) -> list[str]:
    """The table of every command, its arguments and its own options (the shared ones are in
    output.md), and what it answers (the first paragraph of its help), read from the app itself: a
    new command or flag is in the docs as soon as the page is regenerated, and stale until it is.
    Without `with_options`, the README's glance: each command and what it answers."""
    from typer.main import get_command

    from networks_cli.cli.app import every_command

    app = every_command()
    from networks_cli.cli.options import SHARED_PANEL

    group = get_command(app)
    rows = (
        ["| command | its own options | answers |", "| --- | --- | --- |"]
        if with_options
        else ["| command | answers |", "| --- | --- |"]
    )
    for name, command in group.commands.items():  # type: ignore[attr-defined]
        if command.hidden:
            continue
        arguments: list[str] = []
        options: list[str] = []
        for parameter in command.params:
            if getattr(parameter, "rich_help_panel", None) == SHARED_PANEL or parameter.name == "help":
                continue
            if parameter.param_type_name == "argument":
                shown = (parameter.name or "").upper() + ("…" if parameter.nargs == -1 else "")
                arguments.append(shown if parameter.required else f"[{shown}]")
            else:
                long = max(parameter.opts, key=len)
                flag = getattr(parameter, "is_flag", False)
                choices = getattr(parameter.type, "choices", None)
                named = (parameter.metavar or parameter.name or "").strip("<>").upper()
                value = "" if flag else f" {'|'.join(map(str, choices))}" if choices else f" {named}"
                options.append(f"`{long}{value}`")
        summary = " ".join((command.help or "").strip().split("\n\n")[0].split())
        usage = " ".join(["networks", name, *arguments])
        cells = [f"`{usage}`", ", ".join(options) or "—", summary] if with_options else [f"`{usage}`", summary]
        rows.append("| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |")
    return rows


GLANCE_START = "<!-- the commands at a glance: generated from the app by scripts/regenerate_docs.py -->"


def with_commands_table(text: str) -> str:
    """The page with its generated commands table (between the markers) rebuilt, the whole one (the
    manual's) or the glance (the README's); unchanged without them."""
    for start, with_options in ((COMMANDS_TABLE_START, True), (GLANCE_START, False)):
        if start not in text:
            continue
        before, rest = text.split(start, 1)
        _, after = rest.split(COMMANDS_TABLE_END, 1)
        table = "\n".join(commands_table(with_options))
        text = f"{before}{start}\n{table}\n{COMMANDS_TABLE_END}{after}"
    return text
