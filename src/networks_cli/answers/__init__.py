"""The questions: the dataset's store (and imported projects) in, the JSON contract's dicts out.

Never Typer, never Rich, never `output/`.
"""
