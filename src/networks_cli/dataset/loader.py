"""Finding, reading, parsing and validating a dataset file: the only module that parses TOML or builds the models.

Every failure becomes a `DataError` whose lines say where (file, line and column, or the record's
dotted path) and what is wrong.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from networks_cli.errors import DataError, escaped, shown_path

if TYPE_CHECKING:
    from networks_cli.dataset.models import Dataset

BUNDLED_NAME = "networks.toml"
# A dataset larger than this is refused before parsing, so memory stays bounded. A file is read up to
# this many bytes plus one, whatever its size claims to be (a pipe, or /proc, claims 0).
MAX_FILE_BYTES = 256 * 1024 * 1024
# For tests only: a smaller limit, so that refusing an endless pipe does not read 256 MiB first.
MAX_FILE_BYTES_ENV = "NETWORKS_MAX_FILE_BYTES"
# A file with more errors than this reports the first ones and how many more there are.
MAX_ERRORS = 1000
_READ_CHUNK = 1024 * 1024


def bundled_dataset_path() -> Path:
    """The dataset that ships with the tool.

    A wheel carries it inside the package (`networks_cli/_data/`); an editable install imports the
    package from `src/`, where that folder does not exist, so fall back to the checkout's `data/`.
    """
    # Next to this module rather than through importlib.resources: the package is never imported
    # from a zip, and importlib.resources costs several milliseconds of imports on every run.
    package = Path(__file__).resolve().parents[1]  # this module is networks_cli/dataset/loader.py
    packaged = package / "_data" / BUNDLED_NAME
    if packaged.is_file():
        return packaged
    return package.parents[1] / "data" / BUNDLED_NAME


def dataset_file(path: str | os.PathLike[str] | None = None) -> Path:
    """The dataset file a command or the library means: the path given, else the bundled dataset."""
    return Path(path) if path is not None else bundled_dataset_path()


def read_dataset_text(path: Path) -> str:
    return decode_dataset(read_dataset_bytes(path), shown_path(path))


def _max_file_bytes() -> int:
    override = os.environ.get(MAX_FILE_BYTES_ENV, "")
    return int(override) if override.isdigit() else MAX_FILE_BYTES


def _too_large(limit: int) -> str:
    if limit % (1024 * 1024) == 0:
        return f"file is larger than the {limit // (1024 * 1024)} MiB limit"
    return f"file is larger than the limit of {limit} bytes"


def _unreadable(where: str, error: OSError) -> DataError:
    """Why a file cannot be read, in the words every command uses, whether opening or reading failed."""
    if isinstance(error, FileNotFoundError):
        return DataError(where, ["no such file"])
    if isinstance(error, PermissionError):
        return DataError(where, ["permission denied"])
    if isinstance(error, IsADirectoryError):
        return DataError(where, ["is a directory, not a dataset file"])
    return DataError(where, [error.strerror or "cannot be read"])


def read_dataset_bytes(path: Path) -> bytes:
    """The bytes of a regular file or of a pipe (`--data <(…)`), never more than the limit plus one.

    Devices (`/dev/zero`, a terminal) and sockets are refused: they are not files, and a read of one
    may never end.
    """
    import stat

    where = shown_path(path)
    limit = _max_file_bytes()
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    except OSError as error:
        raise _unreadable(where, error) from None
    try:
        mode = os.fstat(descriptor).st_mode
        if stat.S_ISDIR(mode):
            raise DataError(where, ["is a directory, not a dataset file"])
        if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
            raise DataError(where, ["is a device, not a dataset file"])
        if not (stat.S_ISREG(mode) or stat.S_ISFIFO(mode)):
            raise DataError(where, ["is not a regular file or a pipe"])
        if stat.S_ISREG(mode) and os.fstat(descriptor).st_size > limit:
            raise DataError(where, [_too_large(limit)])
        chunks: list[bytes] = []
        total = 0
        while total <= limit:
            chunk = os.read(descriptor, min(_READ_CHUNK, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > limit:
            raise DataError(where, [_too_large(limit)])
    except OSError as error:
        raise _unreadable(where, error) from None
    finally:
        os.close(descriptor)
    return b"".join(chunks)


def decode_dataset(data: bytes, where: str) -> str:
    if data.startswith(b"\xef\xbb\xbf"):  # a UTF-8 byte order mark, as some Windows editors write
        data = data[3:]
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
    except ValueError:
        # Python refuses to convert a decimal integer of more than 4,300 digits (CVE-2020-10735).
        import re

        match = re.search(r"(?<![0-9A-Za-z_.])[0-9][0-9_]{4300,}", text)
        line = f"line {text.count(chr(10), 0, match.start()) + 1}: " if match else ""
        raise DataError(where, [f"{line}integer is too long (more than 4300 digits)"]) from None


def _record_path(raw: Any, loc: tuple[int | str, ...]) -> str:
    """Turn Pydantic's location into `networks[nereus].members[12].role`, naming records by id."""
    parts: list[str] = []
    node = raw
    for key in loc:
        if isinstance(key, int):
            item = node[key] if isinstance(node, list) and key < len(node) else None
            record_id = item.get("id") if isinstance(item, dict) else None
            label = record_id if isinstance(record_id, str) and record_id else str(key)
            parts.append(f"[{escaped(label)}]")
            node = item
        else:
            parts.append(f".{escaped(key)}" if parts else escaped(key))
            node = node.get(key) if isinstance(node, dict) else None
    return "".join(parts)


def validate(raw: dict[str, Any], where: str, *, check_references: bool = True) -> Dataset:
    """The dataset, or a DataError listing its problems: at most MAX_ERRORS lines, then how many more.
    Without `check_references` (an overlay, whose references resolve against the atlas too), only
    each record is checked.

    Each top-level list is validated a slice of records at a time, so that a file of a million bad
    records holds one slice's errors at a time (Pydantic keeps every error of a call), not gigabytes.
    The cross-record checks run once every record is valid, as Pydantic would run them.
    """
    from pydantic import ValidationError

    from networks_cli.dataset.models import Dataset

    problems: list[str] = []
    found = 0
    parts: dict[str, Any] = {}

    def report(errors: Any, prefix: tuple[int | str, ...], start: int = 0) -> None:
        nonlocal found
        for item in errors:
            loc = item["loc"]
            if start and loc and isinstance(loc[0], int):
                item["loc"] = (loc[0] + start, *loc[1:])
            lines, count = _problems(raw, [item], prefix)
            problems.extend(lines[: MAX_ERRORS - len(problems)])
            found += count

    try:
        for name, field in Dataset.model_fields.items():
            if name not in raw:
                if field.is_required():
                    report([{"loc": (), "msg": "Field required", "type": "missing"}], (name,))
                continue
            value = raw[name]
            adapter = _adapter(field.annotation, tuple(field.metadata))
            if isinstance(value, list):
                slices = [(start, value[start : start + _SLICE]) for start in range(0, len(value), _SLICE)]
            else:
                slices = [(0, value)]
            validated: list[Any] = []
            for start, part in slices:
                try:
                    result = adapter.validate_python(part)
                except ValidationError as error:
                    if len(problems) < MAX_ERRORS:
                        report(error.errors(include_url=False), (name,), start)
                    else:
                        found += error.error_count()  # past the limit: only count
                    continue
                if not found:
                    validated.append(result)
            if not found:
                parts[name] = (
                    [record for part in validated for record in part] if isinstance(value, list) else validated[0]
                )
        unknown = [key for key in raw if key not in Dataset.model_fields]
        report([{"loc": (key,), "msg": "", "type": "extra_forbidden"} for key in unknown], ())
        if not found:
            dataset = Dataset.model_construct(**parts)
            validators = Dataset.__pydantic_decorators__.model_validators.values() if check_references else ()
            for decorator in validators:
                try:
                    getattr(dataset, decorator.cls_var_name)()
                except ValueError as error:
                    report([{"loc": (), "msg": str(error), "type": "value_error"}], ())
    except RecursionError:
        raise DataError(where, ["records are nested too deeply"]) from None
    if not found:
        return dataset
    if found > len(problems):
        problems.append(f"… and {found - len(problems)} more errors")
    raise DataError(where, problems)


# Records validated per call: small enough that one call's errors stay small, large enough that the
# calls cost nothing next to the validation itself.
_SLICE = 500


def _adapter(annotation: Any, metadata: tuple[Any, ...]) -> Any:
    from typing import Annotated

    from pydantic import TypeAdapter

    return TypeAdapter(Annotated[(annotation, *metadata)] if metadata else annotation)


def _problems(raw: Any, errors: Any, prefix: tuple[int | str, ...]) -> tuple[list[str], int]:
    """The first MAX_ERRORS problem lines of Pydantic's errors, and how many lines there are in all."""
    problems: list[str] = []
    found = 0
    for item in errors:
        record = _record_path(raw, (*prefix, *item["loc"]))
        message = plain_message(item, (*prefix, *item["loc"]))
        for line in message.splitlines():
            found += 1
            if len(problems) < MAX_ERRORS:
                problems.append(f"{record}: {line}" if record else line)
    return problems, found


_ID_PATTERN = "^[a-z0-9]+(?:-[a-z0-9]+)*$"


def _example_id(value: object) -> str:
    from networks_cli.dataset.names import fold

    slug = "-".join(fold(str(value)).split()) if isinstance(value, str) else ""
    return slug or "lower-saxony"


def _shown_value(value: object) -> str:
    try:
        text = repr(value)
    except ValueError:  # an integer too long to write in decimal (CVE-2020-10735's limit): hex has none
        text = hex(value) if isinstance(value, int) else type(value).__name__
    return escaped(text if len(text) <= 60 else text[:59] + "…")


def plain_message(item: Any, loc: tuple[int | str, ...] = ()) -> str:
    """Pydantic's error in plain words: what is wrong with the field, and what would be right.

    `item` is one of Pydantic's error dicts (type, loc, msg, input, ctx); the record path is added by
    the caller, whose full location (`loc`) names the field. Types not translated here keep
    Pydantic's own words.
    """
    kind = item["type"]
    ctx = item.get("ctx") or {}
    value = item.get("input")
    field = next((str(key) for key in reversed(loc or item["loc"]) if isinstance(key, str)), "value")
    given = _shown_value(value)
    if kind == "extra_forbidden":
        return "unknown field (not part of the dataset format; see docs/dataset-format.md)"
    if kind == "missing":
        return f"{field!r} is required but missing"
    if kind == "string_pattern_mismatch":
        pattern = ctx.get("pattern", "")
        if pattern == _ID_PATTERN:
            what = "id" if field == "id" else f"{field} (an id)"
            example = _example_id(value)
            return f"{what} {given} must be lower-case letters, digits and hyphens, e.g. {example!r}"
        if pattern == "^[A-Z]{2}$":
            example = value.upper() if isinstance(value, str) and len(value) == 2 and value.isalpha() else "PL"
            return f"{field} {given} must be a two-letter country code in capitals, e.g. {example!r}"
        if pattern.startswith("^[A-Z]{2}[0-9A-Z]"):
            return f"{field} {given} must be a NUTS code: two capital letters and up to three more, e.g. 'PL21'"
        if pattern == r"^\d{4}$":
            return f"{field} {given} must be a four-digit year, e.g. '2024'"
        return f"{field} {given} does not have the required form (the pattern {pattern})"
    if kind == "literal_error":
        return f"{field} {given} is not one of the allowed values: {ctx.get('expected', '')}"
    if kind in ("bool_type", "bool_parsing"):
        return f"{field} must be true or false, without quotes, not {given}"
    if kind in ("int_type", "int_parsing", "int_from_float"):
        example = value if isinstance(value, str) and value.strip().isdigit() else "5"
        return f"{field} must be a whole number without quotes (e.g. {field} = {example}), not {given}"
    if kind == "string_type":
        return f'{field} must be text in quotes (e.g. {field} = "…"), not {given}'
    if kind == "string_too_long":
        length = f"{len(value)} characters" if isinstance(value, str) else "too long"
        return f"{field} is too long ({length}): at most {ctx.get('max_length')} characters"
    if kind == "string_too_short":
        return f"{field} must not be empty"
    if kind == "too_short":
        return f"{field} must have at least {ctx.get('min_length')} item(s)"
    if kind == "too_long":
        return f"{field} has too many items: at most {ctx.get('max_length')}"
    if kind in ("less_than_equal", "less_than"):
        return f"{field} must be at most {ctx.get('le', ctx.get('lt'))}, not {given}"
    if kind in ("greater_than_equal", "greater_than"):
        return f"{field} must be at least {ctx.get('ge', ctx.get('gt'))}, not {given}"
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return f"{field} must be a table ([{field}] or {{ … }}), not {type(value).__name__}"
    if kind == "list_type":
        return f"{field} must be a list ([[{field}]] tables or [ … ]), not {type(value).__name__}"
    message = str(item["msg"]).removeprefix("Value error, ")
    if kind == "value_error" and (loc or item["loc"]):
        if message.startswith("must be a date"):
            return f"{field} {given} {message}, e.g. '2019-09'"
        if message.endswith("is not a date on the calendar"):
            return f"{field} {message}: give a real month (01-12) and day, e.g. '2019-09-30'"
    return message


def load_dataset(path: str | os.PathLike[str] | None = None) -> Dataset:
    """Read, parse and validate a dataset; the bundled one when no path is given."""
    file = dataset_file(path)
    return dataset_from_bytes(read_dataset_bytes(file), shown_path(file))


def dataset_from_bytes(data: bytes, where: str) -> Dataset:
    raw = parse_toml(decode_dataset(data, where), where)
    return validate(raw, where)


def bundled_dataset_version() -> str:
    """The bundled dataset's version, read without parsing or validating the whole file."""
    import re

    text = bundled_dataset_path().read_text(encoding="utf-8")
    match = re.search(r'^version\s*=\s*"([^"]+)"', text, re.MULTILINE)
    return match.group(1) if match else "of unknown version"


# ------------------------------------------------------------------ overlays (`--with FILE`, issue #22)

# Where each record of a merged dataset came from, when not from the atlas: ("network", id),
# ("region", id), ("organisation", id), ("source", id), ("theme", id) and ("membership",
# "network/member") → the overlay's name (its file name).
Origins = dict[tuple[str, str], str]
# An overlay's network that names an atlas network by id and gives only these adds members to it.
EXTENSION_FIELDS = frozenset({"id", "members"})
_KINDS = (("theme", "themes"), ("source", "sources"), ("region", "regions"), ("organisation", "organisations"))


def overlay_name(path: Path) -> str:
    """What answers call an overlay's records: its file name (a path would differ between directories
    while the cache, keyed on the absolute path, stays the same)."""
    return os.path.basename(os.path.abspath(path)) or str(path)


def overlay_from_bytes(data: bytes, where: str, atlas: Dataset) -> tuple[Dataset, set[str]]:
    """An overlay's records, validated one by one (its references are checked by `merge_overlay`,
    against the atlas and itself), and the ids of the atlas networks it adds members to.

    An overlay is a dataset file whose `[dataset]` table may be left out. A network in it with the id
    of an atlas network and nothing but `id` and `members` adds those members to the atlas's network;
    any other record whose id the atlas already uses is a conflict, refused with what to do instead.
    """
    raw = parse_toml(decode_dataset(data, where), where)
    raw.setdefault("dataset", {"title": where})
    atlas_networks = {network.id: network for network in atlas.networks}
    extended: set[str] = set()
    problems: list[str] = []
    networks = raw.get("networks")
    for entry in networks if isinstance(networks, list) else []:
        network_id = entry.get("id") if isinstance(entry, dict) else None
        if not isinstance(network_id, str) or network_id not in atlas_networks:
            continue
        if set(entry) <= EXTENSION_FIELDS:
            extended.add(network_id)
            entry["name"] = atlas_networks[network_id].name  # validated as a network, then only its members are kept
        else:
            problems.append(
                f"networks[{escaped(network_id)}]: network {network_id!r} is already in the atlas; an overlay adds "
                "records, it cannot redefine one (to add members to it, give only its id and members)"
            )
    for kind, plural in _KINDS:
        records = raw.get(plural)
        known = {record.id for record in getattr(atlas, plural)}
        for entry in records if isinstance(records, list) else []:
            record_id = entry.get("id") if isinstance(entry, dict) else None
            if isinstance(record_id, str) and record_id in known:
                problems.append(
                    f"{plural}[{escaped(record_id)}]: {kind} {record_id!r} is already in the atlas; "
                    f"an overlay cannot redefine it (use the atlas's {kind} by its id, or give yours another id)"
                )
    if problems:
        raise DataError(where, problems)
    return validate(raw, where, check_references=False), extended


def merge_overlay(
    atlas: Dataset, overlay: Dataset, extended: set[str], name: str, where: str, origins: Origins
) -> Dataset:
    """The atlas with an overlay's records added (its members of atlas networks appended to them), every
    reference checked against both; `origins` gains the overlay's records. A DataError says, under the
    overlay's name, what does not resolve."""
    from networks_cli.dataset.models import Dataset

    added = {network.id: network.members for network in overlay.networks if network.id in extended}
    networks = [
        network.model_copy(update={"members": [*network.members, *added[network.id]]})
        if network.id in added
        else network
        for network in atlas.networks
    ]
    new_networks = [network for network in overlay.networks if network.id not in extended]
    for network in overlay.networks:
        if network.id not in extended:
            origins[("network", network.id)] = name
        for member in network.members:
            origins[("membership", f"{network.id}/{member.member_id}")] = name
    for kind, plural in _KINDS:
        for record in getattr(overlay, plural):
            origins[(kind, record.id)] = name
    merged = Dataset.model_construct(
        dataset=atlas.dataset,
        themes=[*atlas.themes, *overlay.themes],
        sources=[*atlas.sources, *overlay.sources],
        networks=[*networks, *new_networks],
        regions=[*atlas.regions, *overlay.regions],
        organisations=[*atlas.organisations, *overlay.organisations],
    )
    try:
        for decorator in Dataset.__pydantic_decorators__.model_validators.values():
            getattr(merged, decorator.cls_var_name)()  # the cross-record checks, as `validate` runs them
    except ValueError as error:
        offsets = {network.id: len(network.members) for network in atlas.networks if network.id in added}
        raise DataError(where, [_overlay_position(line, offsets) for line in str(error).splitlines()]) from None
    return merged


def _overlay_position(problem: str, offsets: dict[str, int]) -> str:
    """A problem of the merged dataset as the overlay's author finds it: an added member's position
    counted in the overlay's list, not after the atlas's members."""
    import re

    def renumbered(match: re.Match[str]) -> str:
        network, index = match.group(1), int(match.group(2))
        offset = offsets.get(network)
        return match.group(0) if offset is None else f"networks[{network}].members[{index - offset}]"

    return re.sub(r"networks\[([a-z0-9-]+)\]\.members\[(\d+)\]", renumbered, problem)


def dataset_with_overlays(atlas: Dataset, overlays: list[tuple[Path, bytes]]) -> tuple[Dataset, Origins]:
    """The atlas with each overlay added in turn (a later one may use an earlier one's ids)."""
    origins: Origins = {}
    merged = atlas
    for path, data in overlays:
        where = shown_path(path)
        overlay, extended = overlay_from_bytes(data, where, merged)
        merged = merge_overlay(merged, overlay, extended, overlay_name(path), where, origins)
    return merged, origins
