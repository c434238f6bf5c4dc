"""The dataset: its format (models), its file (loader), the query store and its cache, reference indexes.

No answers and no output live here: `answers/` asks, `output/` writes.
"""
