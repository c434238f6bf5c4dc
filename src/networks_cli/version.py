"""The tool's version: a leaf module, so that `cache` (which stamps it on the stores it writes) and
`cli` read it without importing the package's `__init__`, which sits above them (it exposes `Atlas`)."""

__version__ = "0.4.0"
