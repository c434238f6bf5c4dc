"""The commands, one module per family, as `networks --help` lists them; importing this registers them.

Registration order is the order of the headings in `networks --help`: the questions first.
"""

# isort: off
from networks_cli.cli.commands import questions
from networks_cli.cli.commands import pictures
from networks_cli.cli.commands import data, projects

# isort: on

__all__ = ["data", "pictures", "projects", "questions"]
