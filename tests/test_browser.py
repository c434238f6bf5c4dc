"""The report in a real browser (issue #23): headless Chromium renders it on a phone (390 px) and a
desktop (1280 px), takes screenshots, and fails on a console error, any request besides the page
itself, a page wider than the screen, or an empty map or chart.

Chromium is Debian's `chromium` package; `.ci/run` installs it when it is missing and then requires
this test (NETWORKS_BROWSER_TEST=required, or CI set). Elsewhere, without a browser, it is skipped
with the reason. Set NETWORKS_SCREENSHOTS=DIR to keep the screenshots (docs/img/ is made so).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.chromium import Browser, Page, find_chromium
from tests.test_installed import NETWORKS, base_env

WIDTHS = (390, 1280)
SUBJECTS = {"malopolska": ("report", "Małopolska"), "nereus": ("report", "nereus")}


def _required() -> bool:
    return os.environ.get("NETWORKS_BROWSER_TEST") == "required" or bool(os.environ.get("CI"))


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Page]:
    executable = find_chromium()
    if executable is None:
        if _required():
            pytest.fail("chromium is not installed, and this run requires the browser test (.ci/run installs it)")
        pytest.skip("chromium is not installed (Debian: apt-get install chromium); .ci/run installs it and runs this")
    browser = Browser(executable, tmp_path_factory.mktemp("chromium-profile"))
    try:
        tab = browser.page()
        yield tab
        tab.close()
    finally:
        browser.close()


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The reports as a user makes them: the installed command, `-o FILE`."""
    folder = tmp_path_factory.mktemp("reports")
    written = {}
    for name, command in SUBJECTS.items():
        path = folder / f"{name}.html"
        run = subprocess.run(
            [NETWORKS, *command, "-o", str(path)], env=base_env(), capture_output=True, text=True, timeout=60
        )
        assert run.returncode == 0, run.stderr
        written[name] = path
    return written


# What the page must show, measured in the browser: every square of the map drawn with a size, the
# members' squares among them, and the chart's line with points.
MEASURE = """(() => {
  const box = (element) => { const r = element.getBoundingClientRect(); return [r.width, r.height]; };
  const map = document.querySelector("svg.map");
  const chart = document.querySelector("svg.chart");
  const headings = [...document.querySelectorAll("h1, h2, h3, h4")].map((h) => Number(h.tagName[1]));
  return {
    width: document.documentElement.scrollWidth,
    map: map ? box(map) : null,
    squares: map ? [...map.querySelectorAll("g.tiles rect")].filter((r) => box(r)[0] > 0).length : 0,
    coloured: map ? map.querySelectorAll("g.area").length : 0,
    chart: chart ? box(chart) : null,
    line: chart ? (chart.querySelector("polyline")?.getAttribute("points") || "").trim().split(/\\s+/).length : 0,
    points: chart ? chart.querySelectorAll("circle.point").length : 0,
    headings,
    tablesWithoutHeaders: [...document.querySelectorAll("table")].filter((t) => !t.querySelector("th")).length,
    svgsWithoutText: [...document.querySelectorAll("svg")]
      .filter((s) => !s.querySelector("title") || !s.querySelector("desc")).length,
  };
})()"""


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", sorted(SUBJECTS))
def test_the_report_renders_offline_at_each_width(
    page: Page, reports: dict[str, Path], name: str, width: int, tmp_path: Path
) -> None:
    url = reports[name].as_uri()
    page.open(url, width)
    assert not page.problems, page.problems
    assert page.requests == [url], f"the page requested more than itself: {page.requests}"
    shown = page.evaluate(MEASURE)
    assert shown["width"] <= width, f"wider than the screen: {shown['width']} px at {width} px"
    assert shown["map"], "no map"
    assert shown["map"][0] > 200, shown["map"]
    assert shown["map"][1] > 150, shown["map"]
    assert shown["squares"] >= 300
    assert shown["coloured"] > 0
    assert shown["chart"], "no chart"
    assert shown["chart"][0] > 200, shown["chart"]
    assert shown["chart"][1] > 100, shown["chart"]
    assert shown["line"] >= 2
    assert shown["points"] >= 2
    assert shown["headings"][0] == 1
    assert shown["headings"].count(1) == 1
    assert all(b - a <= 1 for a, b in zip(shown["headings"], shown["headings"][1:], strict=False)), shown["headings"]
    assert shown["tablesWithoutHeaders"] == 0
    assert shown["svgsWithoutText"] == 0
    shot = tmp_path / f"{name}-{width}.png"
    page.screenshot(shot)
    assert shot.stat().st_size > 10_000  # a page with something on it, not a blank
    keep = os.environ.get("NETWORKS_SCREENSHOTS")
    if keep:
        Path(keep).mkdir(parents=True, exist_ok=True)
        shutil.copy(shot, Path(keep) / shot.name)


def test_a_page_that_fetches_is_caught(page: Page, tmp_path: Path) -> None:
    """The checks can fail: a page loading an image from elsewhere and logging an error is refused."""
    bad = tmp_path / "bad.html"
    bad.write_text(
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>x</title></head><body>'
        '<img src="http://127.0.0.1:9/x.png" alt="x"><script>console.error("broken")</script></body></html>',
        encoding="utf-8",
    )
    page.open(bad.as_uri(), 390)
    assert any(url.startswith("http://127.0.0.1:9/") for url in page.requests)
    assert any("broken" in problem for problem in page.problems)
