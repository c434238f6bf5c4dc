"""The commands, one module per family, as `networks --help` lists them: importing a family registers its
commands on the app. Which family holds which command, and loading them, is `cli.families`.
"""
