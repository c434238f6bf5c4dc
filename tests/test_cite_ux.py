"""`networks cite` as a new user reads and pastes it (#22): whole addresses, links, and BibTeX a
shared .bib can hold."""

from __future__ import annotations

from tests.conftest import Invoke
from tests.test_cite import bibtex_entries
from tests.test_terminal import ANSI, in_terminal


def test_cite_on_a_narrow_terminal_never_cuts_an_address(cli: Invoke) -> None:
    urls = [source["url"] for source in cli("cite", "nereus", "--json").json()["sources"] if source["url"]]
    status, out = in_terminal("cite", "nereus", columns=60, env={"NO_COLOR": "1"})
    assert status == 0
    lines = {ANSI.sub("", line).strip() for line in out.splitlines()}
    assert all(url in lines for url in urls)  # each on a line of its own, whole


def test_cite_on_a_colour_terminal_links_each_address(cli: Invoke) -> None:
    url = cli("cite", "nereus", "--json").json()["sources"][0]["url"]
    status, out = in_terminal("cite", "nereus", columns=80, unset=("NO_COLOR",))
    assert status == 0
    assert f"\x1b]8;;{url}\x1b\\" in out


def test_bibtex_keys_are_prefixed_and_fields_are_those_styles_print(cli: Invoke) -> None:
    entries = bibtex_entries(cli("cite", "berry-plus", "--style", "bibtex").stdout)
    kind, key, fields = entries[0]
    assert (kind, key) == ("misc", "networks-dataset")  # the dataset is always cited, first
    sources = cli("cite", "berry-plus", "--json").json()["sources"]
    assert [key for _, key, _ in entries[1:]] == [f"networks-{source['id']}" for source in sources]
    for kind, _, fields in entries[1:]:
        assert kind == "online"
        assert "organization" not in fields
        if "url" in fields:
            assert "urldate" in fields
            assert fields["howpublished"].startswith("\\url{")
