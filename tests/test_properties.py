"""Property tests: random valid datasets round-trip; random damage gives a clean error, never a crash."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from networks_cli.answers.queries import member_order
from networks_cli.dataset.loader import load_dataset
from networks_cli.errors import DataError
from tests.conftest import BUNDLED, MINIMAL, Invoke

IDS = st.from_regex(r"[a-z0-9]{1,8}(-[a-z0-9]{1,4}){0,2}", fullmatch=True)
# Any text a person might type, markup and control characters included; never only blanks.
NAMES = st.text(min_size=1, max_size=30).filter(lambda text: text.strip() != "")
DATES = st.one_of(
    st.integers(1950, 2030).map(str),
    st.tuples(st.integers(1950, 2030), st.integers(1, 12)).map(lambda ym: f"{ym[0]}-{ym[1]:02d}"),
    st.dates().map(lambda day: f"{day:%Y-%m-%d}").filter(lambda text: len(text) == 10),
)
ROLES = st.sampled_from(["lead partner", "partner", "full member", "associate member", "member", "observer"])
STATUSES = st.sampled_from(["current", "historical", "unknown"])
COUNTRIES = st.sampled_from(["PL", "IT", "FI", "GR", "GB"])


def _without_none(record: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in record.items() if value is not None}


@st.composite
def datasets(draw: st.DrawFn) -> dict[str, Any]:
    ids = draw(st.lists(IDS, min_size=4, max_size=14, unique=True))
    sources, ids = ids[:1] + draw(st.lists(st.sampled_from(ids[1:]), max_size=1, unique=True)), ids[1:]
    ids = [i for i in ids if i not in sources]
    split = draw(st.integers(1, max(1, len(ids) - 2)))
    regions, rest = ids[:split], ids[split:]
    organisations, networks = rest[: len(rest) // 2], rest[len(rest) // 2 :] or ["net"]
    members = regions + organisations
    return {
        "dataset": _without_none({"title": draw(NAMES), "version": draw(st.none() | NAMES)}),
        "sources": [
            _without_none({"id": s, "url": "https://example.org/", "date": draw(st.none() | DATES)}) for s in sources
        ],
        "regions": [
            _without_none(
                {
                    "id": r,
                    "name": draw(NAMES),
                    "country": draw(st.none() | COUNTRIES),
                    "names": draw(st.lists(NAMES, max_size=2)),
                }
            )
            for r in regions
        ],
        "organisations": [
            {"id": o, "name": draw(NAMES), "region": draw(st.sampled_from(regions)), "source": sources[0]}
            for o in organisations
        ],
        "networks": [
            {
                "id": n,
                "name": draw(NAMES),
                "member_counts": [
                    _without_none(
                        {
                            "count": draw(st.integers(0, 500)),
                            "counted": draw(NAMES),
                            "source": sources[-1],
                            "date": draw(st.none() | DATES),
                        }
                    )
                    for _ in range(draw(st.integers(0, 2)))
                ],
                "members": [
                    _without_none(
                        {
                            ("organisation" if m in organisations else "region"): m,
                            "role": draw(ROLES),
                            "status": draw(STATUSES),
                            "source": draw(st.none() | st.sampled_from(sources)),
                            "since": draw(st.none() | DATES),
                        }
                    )
                    for m in draw(st.lists(st.sampled_from(members), max_size=len(members), unique=True))
                ],
            }
            for n in networks
        ],
    }


PROPERTY_SETTINGS = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)  # `cli` keeps no state


@PROPERTY_SETTINGS
@given(datasets())
def test_a_valid_dataset_round_trips_through_load_and_json(cli: Invoke, data: dict[str, Any]) -> None:
    with tempfile.TemporaryDirectory() as directory:
        first = Path(directory) / "first.toml"
        first.write_text(tomli_w.dumps(data), encoding="utf-8")
        loaded = load_dataset(first)
        # Dump the loaded dataset as JSON-ready data, write it again, load it again: nothing changes.
        second = Path(directory) / "second.toml"
        second.write_text(tomli_w.dumps(loaded.model_dump(mode="json", exclude_none=True)), encoding="utf-8")
        assert load_dataset(second) == loaded
        # The CLI's JSON says what the file says.
        listing = cli("list", "--json", "--data", str(first))
        assert listing.exit_code == 0, listing.stderr
        assert [n["id"] for n in listing.json()] == [n["id"] for n in data["networks"]]
        network = data["networks"][0]
        shown = cli("show", network["id"], "--json", "--data", str(first)).json()
        # Every member, in `show`'s documented order (role, status, name), not the file's.
        assert sorted(m["id"] for m in shown["members"]) == sorted(
            m.get("region") or m.get("organisation") for m in network["members"]
        )
        assert shown["members"] == sorted(shown["members"], key=member_order)
        region = loaded.regions[0]
        found = cli("region", region.id, "--json", "--data", str(second))
        assert found.exit_code == 0, found.stderr
        assert found.json()["region"]["name"] == region.name


def _mutate(text: bytes, edits: list[tuple[int, int, int, bytes]]) -> bytes:
    for kind, position, length, payload in edits:
        at = position % (len(text) + 1)
        if kind == 0:  # delete
            text = text[:at] + text[at + length :]
        elif kind == 1:  # insert
            text = text[:at] + payload + text[at:]
        elif kind == 2:  # overwrite
            text = text[:at] + payload + text[at + len(payload) :]
        else:  # truncate
            text = text[:at]
    return text


EDITS = st.lists(
    st.tuples(
        st.integers(0, 3),
        st.integers(0, 200_000),
        st.integers(0, 40),
        st.sampled_from([b"[", b"]", b"=", b'"', b"\n", b"#", b"{", b"[[networks]]\n", b"\xff", b"\x00", b"x", b"1"])
        | st.binary(max_size=6),
    ),
    min_size=1,
    max_size=4,
)


@PROPERTY_SETTINGS
@given(st.sampled_from([MINIMAL.encode(), BUNDLED.read_bytes()]), EDITS)
def test_a_damaged_file_loads_or_fails_cleanly(
    cli: Invoke, original: bytes, edits: list[tuple[int, int, int, bytes]]
) -> None:
    damaged = _mutate(original, edits)
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "damaged.toml"
        path.write_bytes(damaged)
        problems: list[str] = []
        try:
            load_dataset(path)
        except DataError as error:
            problems = error.problems
        expected = 4 if problems else 0
        run = cli("list", "--json", "--data", str(path))  # CliRunner re-raises anything unexpected
        assert run.exit_code == expected
        assert "Traceback" not in run.stderr
        if expected:
            assert run.stdout == ""
            assert all(line.startswith(f"networks: {path}: ") for line in run.stderr.splitlines())


def _fold_by_the_letter(text: str) -> str:
    """`fold` as it was before its fast paths (ASCII; Latin letters with accents): every character
    through Unicode's tables."""
    import unicodedata

    from networks_cli.dataset.names import _ARTICLES, _UNDECOMPOSABLE

    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(_UNDECOMPOSABLE))
    plain = "".join(" " if not ch.isalnum() else ch for ch in decomposed if not unicodedata.combining(ch))
    words = plain.split()
    if len(words) > 1 and words[0] in _ARTICLES:
        words = words[1:]
    return " ".join(words)


@given(
    st.one_of(
        st.text(alphabet=st.characters(max_codepoint=127)),
        st.text(alphabet=st.characters(max_codepoint=0x24F)),  # Latin with accents: "Małopolska", "Île"
        st.text(),
    )
)
def test_fold_has_one_meaning_whatever_the_path(text: str) -> None:
    from networks_cli.dataset.names import fold

    assert fold(text) == _fold_by_the_letter(text)


def test_fold_keeps_the_grapheme_joiner_as_the_letter_by_letter_fold_does() -> None:
    """U+034F sits in the combining marks block but has combining class 0: a review found the accent
    fast path dropping it ('xy') where the letter-by-letter fold makes a space ('x y')."""
    from networks_cli.dataset.names import fold

    for text in ("x\u034fy", "é\u034fa", "Małopolska\u034f"):
        assert fold(text) == _fold_by_the_letter(text)
