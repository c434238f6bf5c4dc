"""networks: an offline atlas of Europe's interregional cooperation networks."""

__version__ = "0.3.0"
