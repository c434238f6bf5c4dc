"""An `Atlas` shared between threads (issue #19.7): every method may be called from any thread; calls
are serialised, so the answers are those of one thread, and nothing raises."""

from __future__ import annotations

import json
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from networks_cli import Atlas
from tests.conftest import MINIMAL, WriteDataset

QUESTIONS: list[tuple[str, Callable[[Atlas], object]]] = [
    ("region", lambda atlas: atlas.region("Małopolska").as_dict()),
    ("network", lambda atlas: atlas.network("nereus").as_dict()),
    ("search", lambda atlas: atlas.search("space").as_dict()),
    ("partners", lambda atlas: atlas.partners("Małopolska", limit=5).as_dict()),
    ("list", lambda atlas: atlas.list_networks().as_dict()),
    ("lookup", lambda atlas: atlas.get_region("Lombardy")),
    ("regions", lambda atlas: atlas.regions(countries="PL").as_dict()),
    ("cite", lambda atlas: atlas.cite("nereus").as_dict()),
]


@pytest.mark.parametrize("cache", [True, False], ids=["cached", "in-memory"])
def test_eight_threads_share_one_atlas(cache: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NETWORKS_CACHE_DIR", str(tmp_path / "cache"))
    with Atlas.open(cache=cache) as atlas:
        expected = {name: json.dumps(ask(atlas), sort_keys=True) for name, ask in QUESTIONS}

        def call(number: int) -> tuple[str, str]:
            name, ask = QUESTIONS[number % len(QUESTIONS)]
            return name, json.dumps(ask(atlas), sort_keys=True)

        with ThreadPoolExecutor(max_workers=8) as pool:
            answers = list(pool.map(call, range(200)))
    assert len(answers) == 200
    for name, answer in answers:
        assert answer == expected[name], name


def test_an_atlas_opened_in_one_thread_answers_in_another(write_dataset: WriteDataset) -> None:
    atlas = Atlas.open(write_dataset(MINIMAL))
    with ThreadPoolExecutor(max_workers=1) as pool:
        assert pool.submit(lambda: atlas.network("net").as_dict()["name"]).result() == "Test Network"
    atlas.close()
