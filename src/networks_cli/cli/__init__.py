"""The command line: Typer wiring over the library (`networks_cli.atlas`), and the one error boundary.

`app.py` holds the app, the `command` decorator and the boundary; `options.py` the shared options;
`commands/` the commands, one module per family (importing it registers them on the app).
"""

from networks_cli.cli import commands
from networks_cli.cli.app import app, main

__all__ = ["app", "commands", "main"]
