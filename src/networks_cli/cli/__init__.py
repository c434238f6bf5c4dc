"""The command line: Typer wiring over the library (`networks_cli.atlas`), and the one error boundary."""

from networks_cli.cli.app import app, main

__all__ = ["app", "main"]
