"""Maps and reports (issue #23), from the library: what they place, what they escape, what they hold."""

from __future__ import annotations

import itertools
import json
import tomllib
import xml.etree.ElementTree as ElementTree
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from networks_cli import Atlas
from networks_cli.errors import DataError, NotFoundError
from networks_cli.output.svg_map import load_tiles

SVG = "{http://www.w3.org/2000/svg}"

EVIL = """\
[dataset]
title = "Test <b>dataset</b>"
updated = "2026-11-01"

[[sources]]
id = "src"
url = "https://example.org/"
date = "2025"

[[sources]]
id = "bad"
url = "javascript:alert(1)"
title = "<img src=x onerror=alert(1)>"
date = "2024"

[[regions]]
id = "evil"
name = "<script>alert(1)</script> Land"
country = "PL"
nuts = { code = "PL21", version = "2024", level = 2, label = "Małopolskie", source = "src" }

[[regions]]
id = "bavaria"
name = "Bayern"
country = "DE"
nuts = { code = "DE2", version = "2024", level = 1, label = "Bayern", source = "src" }

[[regions]]
id = "krakow"
name = "Kraków"
country = "PL"
nuts = { code = "PL213", version = "2024", level = 3, label = "Miasto Kraków", source = "src" }

[[regions]]
id = "nowhere"
name = "Nowhere"
country = "PL"

[[organisations]]
id = "org"
name = "Org & <i>Co</i>"
region = "krakow"
source = "src"

[[networks]]
id = "net"
name = "Net </td><script>x</script>"

[[networks.member_counts]]
count = 5
counted = "members"
date = "2020"
source = "src"

[[networks.member_counts]]
count = 7
counted = "members"
date = "2024"
source = "src"

[[networks.members]]
region = "evil"
role = "member"
since = "2019"
quote = "<script>q</script>"
source = "src"

[[networks.members]]
region = "bavaria"
role = "full member"
quote = "Bavaria is a member"
source = "bad"

[[networks.members]]
organisation = "org"
role = "partner"
quote = "Org takes part"
source = "src"

[[networks.members]]
region = "nowhere"
role = "member"
quote = "Nowhere is a member"
source = "src"

[[networks]]
id = "other"
name = "Other"

[[networks.members]]
region = "evil"
role = "member"
since = "2021"
quote = "evil"
source = "src"

[[networks.members]]
region = "bavaria"
role = "member"
quote = "bavaria"
source = "src"
"""

# The bundled dataset's `[dataset] updated`, as the report must state it.
BUNDLED_UPDATED = tomllib.loads((Path(__file__).resolve().parents[1] / "data" / "networks.toml").read_text("utf-8"))[
    "dataset"
]["updated"]


@pytest.fixture(scope="module")
def atlas() -> Atlas:
    return Atlas.open()


@pytest.fixture(scope="module")
def evil(tmp_path_factory: pytest.TempPathFactory) -> Atlas:
    path = tmp_path_factory.mktemp("evil") / "evil.toml"
    path.write_text(EVIL, encoding="utf-8")
    return Atlas.open(path, cache=False)


class Page(HTMLParser):
    """The tags, attributes and text of a page, as a browser's parser sees them."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


# ---------------------------------------------------------------- the map


def test_a_networks_members_are_placed_in_their_nuts_2_squares(evil: Atlas) -> None:
    answer = evil.map("net").as_dict()
    areas = {area["nuts"]: area for area in answer["areas"]}
    # A NUTS 1 member covers its NUTS 2 units; a NUTS 3 organisation's region goes to its NUTS 2 square.
    assert {code for code in areas if code.startswith("DE")} == {f"DE2{i}" for i in range(1, 8)}
    assert sorted(areas["PL21"]["regions"]) == ["evil", "krakow"]
    assert any(member.startswith("Org & <i>Co</i>") for member in areas["PL21"]["members"])
    assert answer["unplaced"] == ["Nowhere (member, current)"]
    assert answer["states"] == ["current"]


def test_a_regions_map_shades_its_partners(atlas: Atlas) -> None:
    answer = atlas.map("Małopolska").as_dict()
    areas = {area["nuts"]: area for area in answer["areas"]}
    assert areas["PL21"]["state"] == "subject"
    catalonia = areas["ES51"]
    assert catalonia["state"] == "partner"
    assert catalonia["score"] == 1.0
    assert all(0 < (area["score"] or 0) <= 1 for area in answer["areas"] if area["state"] == "partner")


def test_the_svg_has_a_square_for_every_region_and_colours_the_members(atlas: Atlas) -> None:
    answer = atlas.map("vanguard").as_dict()
    root = ElementTree.fromstring(atlas.map("vanguard").svg())
    tiles = root.find(f"{SVG}g[@class='tiles']")
    assert tiles is not None
    squares = tiles.findall(f".//{SVG}rect")
    assert len(squares) == len(load_tiles())
    coloured = tiles.findall(f"{SVG}g[@class='area']")
    assert len(coloured) == len(answer["areas"]) > 0
    assert root.find(f"{SVG}title") is not None
    assert root.find(f"{SVG}desc") is not None
    # Every coloured square carries its state's symbol: colour is not the only sign.
    assert all(group.find(f"{SVG}text") is not None for group in coloured)


def test_the_map_by_role_numbers_the_roles(atlas: Atlas) -> None:
    answer = atlas.map("nereus", by="role").as_dict()
    assert answer["by"] == "role"
    assert "full member" in answer["states"]
    text = atlas.map("nereus", by="role").text()
    assert "1 " + answer["states"][0] in text


def test_the_text_map_is_the_grid_with_symbols(atlas: Atlas) -> None:
    plain = atlas.map("vanguard").text(color=False)
    coloured = atlas.map("vanguard").text(color=True)
    assert "\x1b[" not in plain
    assert "\x1b[" in coloured
    grid = plain.split("\n\n")[0].splitlines()
    assert len(grid) == max(tile.row for tile in load_tiles()) + 1
    assert "●" in plain
    assert "? unconfirmed" in plain


def test_the_map_escapes_names(evil: Atlas) -> None:
    svg = evil.map("net").svg()
    ElementTree.fromstring(svg)  # well-formed: nothing from the data became markup
    assert "<script>" not in svg
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in svg


def test_an_unknown_subject_answers_as_everywhere(atlas: Atlas) -> None:
    with pytest.raises(NotFoundError, match="no network or region matches 'Atlantiss'"):
        atlas.map("Atlantiss")


GEOJSON = {
    "type": "FeatureCollection",
    "features": [
        {
            "type": "Feature",
            "properties": {"NUTS_ID": "PL21", "NAME_LATN": "Małopolskie"},
            "geometry": {
                "type": "Polygon",
                "coordinates": [[[19, 49.5], [21, 49.5], [21, 50.5], [19, 50.5], [19, 49.5]]],
            },
        },
        {
            "type": "Feature",
            "properties": {"NUTS_ID": "PL22"},
            "geometry": {
                "type": "MultiPolygon",
                "coordinates": [[[[18, 50], [19, 50], [19, 51], [18, 51], [18, 50]]]],
            },
        },
    ],
}
TOPOJSON = {
    "type": "Topology",
    "transform": {"scale": [0.001, 0.001], "translate": [19, 49.5]},
    "objects": {
        "nuts": {
            "type": "GeometryCollection",
            "geometries": [{"type": "Polygon", "properties": {"nuts_id": "PL21"}, "arcs": [[0]]}],
        }
    },
    "arcs": [[[0, 0], [2000, 0], [0, 1000], [-2000, 0], [0, -1000]]],
}


@pytest.mark.parametrize("document", [GEOJSON, TOPOJSON], ids=["geojson", "topojson"])
def test_a_geometry_file_draws_real_boundaries_joined_on_the_nuts_code(
    atlas: Atlas, tmp_path: Path, document: dict[str, object]
) -> None:
    path = tmp_path / "nuts.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    svg = atlas.map("Małopolska", geometry=path).svg()
    root = ElementTree.fromstring(svg)
    shapes = root.find(f"{SVG}g[@class='shapes']")
    assert shapes is not None
    subject = shapes.find(f"{SVG}path[@data-nuts='PL21']")
    assert subject is not None
    assert subject.get("data-state") == "subject"
    assert root.find(f"{SVG}g[@class='tiles']") is None


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("not json", "not GeoJSON or TopoJSON: not JSON"),
        ("[1, 2]", "not GeoJSON or TopoJSON: the file holds no JSON object"),
        ('{"type": "Point", "coordinates": [1, 2]}', "its type is 'Point'"),
        (
            '{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"name": "x"}, '
            '"geometry": {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 0]]]}}]}',
            "no feature has a NUTS code",
        ),
        (
            '{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"NUTS_ID": "PL21"}, '
            '"geometry": {"type": "Polygon", "coordinates": [[["a"]]]}}]}',
            "a feature's geometry cannot be read",
        ),
    ],
    ids=["not-json", "not-object", "not-features", "no-ids", "bad-coordinates"],
)
def test_a_bad_geometry_file_is_one_data_error(atlas: Atlas, tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(DataError) as raised:
        atlas.map("vanguard", geometry=path)
    assert len(raised.value.lines) == 1
    assert message in raised.value.lines[0]


# ---------------------------------------------------------------- the report


def test_a_region_report_is_made_of_the_commands_answers(atlas: Atlas) -> None:
    report = atlas.report("Małopolska").as_dict()
    assert report["type"] == "region"
    assert report["profile"] == atlas.region("Małopolska").as_dict()
    assert report["partners"]["partners"] == atlas.partners("Małopolska", limit=10).as_dict()
    assert report["map"] == atlas.map("Małopolska").as_dict()
    assert report["dataset"]["updated"] == BUNDLED_UPDATED
    assert {row["id"] for row in report["completeness"]} == {n["id"] for n in report["profile"]["networks"]}
    # Joined by each year: counts only dated memberships, never more than the networks it is in.
    assert report["timeline"]
    assert all(0 < row["count"] <= len(report["profile"]["networks"]) for row in report["timeline"])


def test_a_network_report_is_made_of_the_commands_answers(atlas: Atlas) -> None:
    report = atlas.report("nereus").as_dict()
    assert report["type"] == "network"
    assert report["profile"] == atlas.network("nereus").as_dict()
    assert report["history"] == atlas.history("nereus").as_dict()
    assert report["map"] == atlas.map("nereus").as_dict()


def test_the_report_fetches_nothing_and_escapes_the_data(evil: Atlas) -> None:
    for subject in ("net", "evil"):
        html = evil.report(subject).html()
        page = Page(html)
        tags = {tag for tag, _ in page.tags}
        assert not tags & {"script", "link", "img", "iframe", "object", "embed", "base", "form", "video", "audio"}
        assert "url(" not in html
        assert "@import" not in html
        for _, attributes in page.tags:
            assert not (attributes.keys() & {"src", "srcset", "onerror", "onload", "style"})
            href = attributes.get("href")
            assert href is None or href.startswith(("#", "https://", "http://")), href
        text = "".join(page.text)
        assert "<script>alert(1)</script> Land" in text
        assert "Org & <i>Co</i>" in text or subject == "evil"
        csp = next(a for tag, a in page.tags if tag == "meta" and a.get("http-equiv") == "Content-Security-Policy")
        assert "default-src 'none'" in (csp["content"] or "")
    # A source whose address is not http(s) is shown as text, never linked.
    assert "javascript:alert(1)" not in [a.get("href") for _, a in Page(evil.report("net").html()).tags]


def test_the_report_is_accessible_in_its_structure(atlas: Atlas) -> None:
    for subject in ("Małopolska", "nereus"):
        page = Page(atlas.report(subject).html())
        levels = [int(tag[1]) for tag, _ in page.tags if tag in ("h1", "h2", "h3", "h4")]
        assert levels[0] == 1
        assert levels.count(1) == 1
        assert all(b - a <= 1 for a, b in itertools.pairwise(levels))
        tags = [tag for tag, _ in page.tags]
        assert tags.count("table") == tags.count("thead")
        assert "th" in tags
        svgs = [a for tag, a in page.tags if tag == "svg"]
        assert len(svgs) >= 2
        assert all(a.get("role") == "img" and a.get("aria-labelledby") for a in svgs)
        assert ("html", {"lang": "en"}) in page.tags


def test_the_report_prints_on_a4_and_says_when_the_data_was_compiled(atlas: Atlas) -> None:
    html = atlas.report("Małopolska").html()
    assert "@page{size:A4" in html
    assert "@media print" in html
    assert f"compiled on {BUNDLED_UPDATED}" in html
    assert "How complete the member lists are" in html


def test_the_partners_section_shows_a_score_and_reasons_when_the_ranking_gives_them(atlas: Atlas) -> None:
    from networks_cli.results import ReportResult

    report: dict[str, Any] = dict(atlas.report("Małopolska").as_dict())
    partners: dict[str, Any] = dict(report["partners"])
    part = {"kind": "sub-group", "network": None, "list": None, "weight": 1.5, "evidence": "both lead <pilots>"}
    partners["partners"] = [dict(partner) | {"score": 0.75, "why": [part]} for partner in partners["partners"]]
    report["partners"] = partners
    html = ReportResult(report).html()
    assert '<th scope="col">score</th>' in html
    assert "0.75" in html
    assert "both lead &lt;pilots&gt;; shares " in html  # the terminal's short reason, escaped
    assert "sub-group; " not in html  # not a dump of the parts' fields
    markdown = ReportResult(report).markdown()
    assert "| score | why |" in markdown


def test_the_markdown_report_escapes_markup(evil: Atlas) -> None:
    markdown = evil.report("net").markdown()
    assert markdown.startswith("# Net \\</td\\>\\<script\\>x\\</script\\>\n")
    assert "| \\<script\\>alert\\(1\\)\\</script\\> Land |" in markdown
    assert "javascript:" not in markdown.replace("javascript:alert\\(1\\)", "")


def test_an_unknown_report_subject_suggests(atlas: Atlas) -> None:
    with pytest.raises(NotFoundError) as raised:
        atlas.report("nereuss")
    assert "no network or region matches 'nereuss'" in str(raised.value)
    assert "nereus" in str(raised.value).lower()
