"""Every command's JSON has exactly the fields and value types of its TypedDict in `contract.py`.

The queries build plain dicts from the store's untyped documents, so mypy alone cannot see a field
added to a query but not to its type: this walks the real output against the types, key for key.
"""

from __future__ import annotations

import types
from typing import Any, Literal, Union, get_args, get_origin, get_type_hints, is_typeddict

import pytest

from networks_cli import contract
from tests.commands import SHAPES
from tests.conftest import Invoke


def mismatches(value: Any, kind: Any, where: str) -> list[str]:
    """Where `value` does not have the type `kind` (empty when it does)."""
    if kind is Any:
        return []
    origin = get_origin(kind)
    if is_typeddict(kind):
        if not isinstance(value, dict):
            return [f"{where}: {type(value).__name__}, not an object"]
        fields = get_type_hints(kind)
        problems = [f"{where}: field {key!r} is not in {kind.__name__}" for key in value.keys() - fields.keys()]
        problems += [f"{where}: field {key!r} of {kind.__name__} is missing" for key in fields.keys() - value.keys()]
        for key in fields.keys() & value.keys():
            problems += mismatches(value[key], fields[key], f"{where}.{key}")
        return problems
    if origin in (Union, types.UnionType):
        options = [mismatches(value, option, where) for option in get_args(kind)]
        return [] if any(not found for found in options) else [f"{where}: {value!r} is not {kind}"]
    if origin is Literal:
        return [] if value in get_args(kind) else [f"{where}: {value!r} is not one of {get_args(kind)}"]
    if origin is list:
        if not isinstance(value, list):
            return [f"{where}: {type(value).__name__}, not a list"]
        return [
            problem for i, item in enumerate(value) for problem in mismatches(item, get_args(kind)[0], f"{where}[{i}]")
        ]
    if origin is dict:
        if not isinstance(value, dict):
            return [f"{where}: {type(value).__name__}, not an object"]
        item_kind = get_args(kind)[1]
        return [problem for key, item in value.items() for problem in mismatches(item, item_kind, f"{where}[{key}]")]
    if kind is type(None):
        return [] if value is None else [f"{where}: {value!r} is not null"]
    if kind is float:
        return [] if isinstance(value, int | float) and not isinstance(value, bool) else [f"{where}: {value!r}"]
    if kind is int:
        return [] if isinstance(value, int) and not isinstance(value, bool) else [f"{where}: {value!r} is not int"]
    return [] if isinstance(value, kind) else [f"{where}: {value!r} is not {kind.__name__}"]


@pytest.mark.parametrize(("query", "kind"), SHAPES, ids=[" ".join(query) for query, _ in SHAPES])
def test_the_json_has_the_contracts_shape(cli: Invoke, query: tuple[str, ...], kind: Any) -> None:
    run = cli(*query, "--json")
    assert run.exit_code == 0, run.stderr
    assert mismatches(run.json(), kind, query[0]) == []


def test_the_checker_sees_a_field_the_type_lacks() -> None:
    theme: dict[str, Any] = {"id": "x", "name": "X", "description": None, "networks": 0, "network_ids": [], "new": 1}
    assert mismatches(theme, contract.ThemeRow, "themes") == ["themes: field 'new' is not in ThemeRow"]
    assert mismatches({**theme, "networks": "0"} | {"new": None}, contract.ThemeRow, "t")[1:] == [
        "t.networks: '0' is not int"
    ]


def test_through_is_one_vocabulary() -> None:
    assert get_args(contract.Through) == ("region", "organisation", "organisation only")
    for shape in (contract.RegionNetwork, contract.Cell, contract.PartnerMembership, contract.OwnNetwork):
        assert get_type_hints(shape)["through"] == contract.Through
