"""How an answer is written: formats, views, and (under `tables/`, the only place Rich is imported) tables."""
