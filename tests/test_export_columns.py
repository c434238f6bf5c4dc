"""Exports an analyst can use as they are (issue #22): named, flat columns; CSV that Excel opens; a workbook."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from tests.conftest import Invoke


def _rows(path: Path, encoding: str = "utf-8") -> list[dict[str, str]]:
    with path.open(encoding=encoding, newline="") as file:
        return list(csv.DictReader(file))


def test_memberships_csv_names_every_id_and_carries_country_nuts_and_evidence(
    cli: Invoke, home: Path, tmp_path: Path
) -> None:
    assert cli("export", "--csv", str(tmp_path / "out")).exit_code == 0
    rows = _rows(tmp_path / "out" / "memberships.csv")
    row = next(r for r in rows if r["network"] == "nereus" and r["region"] == "malopolska" and not r["organisation"])
    assert row["network_name"] == "NEREUS Association"  # the network's name in the dataset
    assert row["region_name"] == "Małopolska"
    assert row["country"] == "PL"
    assert row["nuts"] == "PL21"
    assert row["status"] == "current"
    assert row["last_confirmed"]
    assert row["source"] == "malopolska-nereus-2022"
    assert row["quote"]
    organisation = next(r for r in rows if r["organisation"])
    assert organisation["organisation_name"]
    assert organisation["region_name"]


def test_networks_csv_has_no_json_in_its_cells(cli: Invoke, home: Path, tmp_path: Path) -> None:
    assert cli("export", "--csv", str(tmp_path / "out")).exit_code == 0
    for table in ("networks", "regions", "organisations", "memberships", "sources"):
        for row in _rows(tmp_path / "out" / f"{table}.csv"):
            for column, value in row.items():
                assert not value.startswith(("{", "[")), f"{table}.{column}: {value[:60]}"
    founded = [r for r in _rows(tmp_path / "out" / "networks.csv") if r["founded"]]
    assert founded
    assert all(len(r["founded"]) in (4, 7, 10) for r in founded)  # a date: YYYY, YYYY-MM or YYYY-MM-DD
    assert all(r["founded_source"] for r in founded)


def test_the_excel_option_writes_a_byte_order_mark_and_crlf(cli: Invoke, home: Path, tmp_path: Path) -> None:
    result = cli("export", "--csv", str(tmp_path / "excel"), "--excel", "--json")
    assert result.exit_code == 0, result.stderr
    data = (tmp_path / "excel" / "regions.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert b"\r\n" in data
    assert b"\n" not in data.replace(b"\r\n", b"")
    assert "Małopolska".encode() in data
    package = json.loads((tmp_path / "excel" / "datapackage.json").read_text(encoding="utf-8"))
    assert {resource["encoding"] for resource in package["resources"]} == {"utf-8-sig"}
    plain = (tmp_path / "plain").joinpath("regions.csv")
    assert cli("export", "--csv", str(tmp_path / "plain")).exit_code == 0
    assert not plain.read_bytes().startswith(b"\xef\xbb\xbf")


def test_excel_needs_csv(cli: Invoke, tmp_path: Path) -> None:
    result = cli("export", "--sqlite", str(tmp_path / "a.sqlite3"), "--excel")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "--excel" in result.stderr


def test_xlsx_has_a_sheet_per_table_and_the_sources_and_licence(cli: Invoke, home: Path, tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    path = tmp_path / "atlas.xlsx"
    result = cli("export", "--xlsx", str(path), "--json")
    assert result.exit_code == 0, result.stderr
    answer = result.json()
    assert answer["format"] == "xlsx"
    workbook = openpyxl.load_workbook(path, read_only=True)
    assert workbook.sheetnames == ["networks", "regions", "organisations", "memberships", "sources", "about"]
    memberships = workbook["memberships"]
    header = [cell.value for cell in next(memberships.iter_rows(max_row=1))]
    assert header[:3] == ["network", "region", "organisation"]
    assert "region_name" in header
    assert sum(1 for _ in memberships.iter_rows(min_row=2)) == answer["tables"]["memberships"]
    regions = list(workbook["regions"].iter_rows(values_only=True))
    assert any("Małopolska" in row for row in regions)
    about = "\n".join(str(cell) for row in workbook["about"].iter_rows(values_only=True) for cell in row if cell)
    assert "licence" in about.lower()
    assert "memberships" in about
    workbook.close()


def test_xlsx_without_openpyxl_says_how_to_get_it(
    cli: Invoke, home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "openpyxl", None)  # as if it were not installed
    result = cli("export", "--xlsx", str(tmp_path / "atlas.xlsx"))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "networks-cli[excel]" in result.stderr
    assert not (tmp_path / "atlas.xlsx").exists()


def test_xlsx_replaces_only_a_workbook_it_wrote_unless_forced(cli: Invoke, home: Path, tmp_path: Path) -> None:
    pytest.importorskip("openpyxl")
    path = tmp_path / "notes.xlsx"
    path.write_text("someone's notes", encoding="utf-8")
    refused = cli("export", "--xlsx", str(path))
    assert refused.exit_code == 4
    assert refused.stdout == ""
    assert "--force" in refused.stderr
    assert path.read_text(encoding="utf-8") == "someone's notes"
    assert cli("export", "--xlsx", str(path), "--force").exit_code == 0
    assert cli("export", "--xlsx", str(path)).exit_code == 0  # ours now: replaced without asking
    link = tmp_path / "link.xlsx"
    link.symlink_to(path)
    assert cli("export", "--xlsx", str(link), "--force").exit_code == 4
