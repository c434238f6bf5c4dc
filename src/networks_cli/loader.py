"""Finding, reading, parsing and validating a dataset: the only module that touches files.

Every failure becomes a `DataError` whose lines say where (file, line and column, or the record's
dotted path) and what is wrong.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from networks_cli.errors import DataError

if TYPE_CHECKING:
    from networks_cli.models import Dataset

BUNDLED_NAME = "networks.toml"
# A dataset larger than this is refused before parsing, so memory stays bounded.
MAX_FILE_BYTES = 256 * 1024 * 1024


def bundled_dataset_path() -> Path:
    """The dataset that ships with the tool.

    A wheel carries it inside the package (`networks_cli/_data/`); an editable install imports the
    package from `src/`, where that folder does not exist, so fall back to the checkout's `data/`.
    """
    # Next to this module rather than through importlib.resources: the package is never imported
    # from a zip, and importlib.resources costs several milliseconds of imports on every run.
    here = Path(__file__).resolve().parent
    packaged = here / "_data" / BUNDLED_NAME
    if packaged.is_file():
        return packaged
    return here.parents[1] / "data" / BUNDLED_NAME


def dataset_file(path: str | os.PathLike[str] | None = None) -> Path:
    """The dataset file a command or the library means: the path given, else the bundled dataset."""
    return Path(path) if path is not None else bundled_dataset_path()


def read_dataset_text(path: Path) -> str:
    return decode_dataset(read_dataset_bytes(path), str(path))


def read_dataset_bytes(path: Path) -> bytes:
    where = str(path)
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise DataError(where, ["is a directory, not a dataset file"])
        if size > MAX_FILE_BYTES:
            limit = MAX_FILE_BYTES // (1024 * 1024)
            raise DataError(where, [f"file is larger than the {limit} MiB limit"])
        data = path.read_bytes()
    except FileNotFoundError:
        raise DataError(where, ["no such file"]) from None
    except PermissionError:
        raise DataError(where, ["permission denied"]) from None
    except IsADirectoryError:
        raise DataError(where, ["is a directory, not a dataset file"]) from None
    except OSError as error:
        raise DataError(where, [error.strerror or "cannot be read"]) from None
    return data


def decode_dataset(data: bytes, where: str) -> str:
    if not data.strip():
        raise DataError(where, ["file is empty"])
    if b"\x00" in data:
        raise DataError(where, ["is a binary file, not TOML text"])
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise DataError(where, [f"line {line}: not valid UTF-8 (TOML files must be UTF-8)"]) from None


def parse_toml(text: str, where: str) -> dict[str, Any]:
    import tomli

    try:
        return tomli.loads(text)
    except tomli.TOMLDecodeError as error:
        raise DataError(where, [f"line {error.lineno}, column {error.colno}: TOML syntax error: {error.msg}"]) from None
    except RecursionError:
        raise DataError(where, ["arrays or tables are nested too deeply"]) from None


def _record_path(raw: Any, loc: tuple[int | str, ...]) -> str:
    """Turn Pydantic's location into `networks[nereus].members[12].role`, naming records by id."""
    parts: list[str] = []
    node = raw
    for key in loc:
        if isinstance(key, int):
            item = node[key] if isinstance(node, list) and key < len(node) else None
            record_id = item.get("id") if isinstance(item, dict) else None
            label = record_id if isinstance(record_id, str) and record_id else str(key)
            parts.append(f"[{label}]")
            node = item
        else:
            parts.append(f".{key}" if parts else key)
            node = node.get(key) if isinstance(node, dict) else None
    return "".join(parts)


def validate(raw: dict[str, Any], where: str) -> Dataset:
    from pydantic import ValidationError

    from networks_cli.models import Dataset

    try:
        return Dataset.model_validate(raw)
    except ValidationError as error:
        problems: list[str] = []
        for item in error.errors(include_url=False):
            record = _record_path(raw, item["loc"])
            message = item["msg"].removeprefix("Value error, ")
            if item["type"] == "extra_forbidden":
                message = "unknown field (not part of the dataset format)"
            for line in message.splitlines():
                problems.append(f"{record}: {line}" if record else line)
        raise DataError(where, problems) from None
    except RecursionError:
        raise DataError(where, ["records are nested too deeply"]) from None


def load_dataset(path: str | os.PathLike[str] | None = None) -> Dataset:
    """Read, parse and validate a dataset; the bundled one when no path is given."""
    file = dataset_file(path)
    return dataset_from_bytes(read_dataset_bytes(file), str(file))


def dataset_from_bytes(data: bytes, where: str) -> Dataset:
    raw = parse_toml(decode_dataset(data, where), where)
    return validate(raw, where)


def bundled_dataset_version() -> str:
    """The bundled dataset's version, read without parsing or validating the whole file."""
    import re

    text = bundled_dataset_path().read_text(encoding="utf-8")
    match = re.search(r'^version\s*=\s*"([^"]+)"', text, re.MULTILINE)
    return match.group(1) if match else "of unknown version"
