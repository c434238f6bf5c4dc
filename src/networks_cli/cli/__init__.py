"""The command line: Typer wiring over the library (`networks_cli.atlas`), and the one error boundary.

`app.py` holds the app, the `command` decorator and the boundary; `options.py` the shared options;
`commands/` the commands, one module per family. Importing this package registers no command:
`app.every_command()` gives the app with all of them (what tests and tools drive), and the installed
entry point (`app.main`) registers only the family of the command asked.
"""
