"""How good is `partners`? Leave one network out, and see whether the ranking finds its members again.

    python benchmarks/ranking.py                  # the bundled dataset
    python benchmarks/ranking.py --data grown.toml

For every network with at least 4 member regions (a region itself, or an organisation standing for
it): drop that network, and its parent and its parts (a commission and its association say the same
thing), from a copy of the dataset; ask each of its member regions for partners; and count how many
of the network's other member regions come in the top 10 (recall@10) and how high the first of them
comes (reciprocal rank, averaged: MRR). A ranking that knows whom a region works with finds the
partners of a network the dataset no longer holds.

Rankings compared:
- "count (today's rule)": shared networks counted, most first, ties by name (`--sort shared`);
- "most networks": every region by how many networks it is in, whatever the question (no
  personalisation: the baseline to beat);
- "score": `answers.ranking`, the default order of `partners`.
The "topic" rows give the held-out network's first theme as the topic: `--theme` for the count rule
(its only way to hear a topic), the networks of that theme for "most networks", `--topic` for the score.

The store is built once per held-out network, in memory, and the library is called directly, so the
whole run takes seconds. Averages are over queries (one per member region of each held-out network).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from networks_cli.answers.discovery import Scope, partners, presence
from networks_cli.answers.ranking import ranked_partners
from networks_cli.dataset.loader import load_dataset
from networks_cli.dataset.models import Dataset, Network
from networks_cli.dataset.names import fold
from networks_cli.dataset.store import Store, memory_store

K = 10  # recall@K: a user reads the first screen of partners, about ten
MIN_MEMBERS = 4  # a network of 2 or 3 regions leaves 1 or 2 to find: too noisy to say anything

# (store, region id, topic or None) -> region ids, best first
Ranker = Callable[[Store, str, str | None], list[str]]


def member_regions(network: Network, organisation_region: dict[str, str]) -> list[str]:
    """The regions that are members of the network themselves or through an organisation standing for
    them (as `partners` counts them), in file order, once each."""
    found: list[str] = []
    for member in network.members:
        if member.region is not None:
            found.append(member.region)
        elif member.represents_region and member.organisation is not None:
            found.append(organisation_region[member.organisation])
    return list(dict.fromkeys(found))


def held_out(dataset: Dataset, network: Network) -> Dataset:
    """A copy of the dataset without the network, its parent and its parts."""
    related = {network.id, *([network.part_of] if network.part_of else [])}
    related |= {other.id for other in dataset.networks if other.part_of == network.id}
    return dataset.model_copy(update={"networks": [n for n in dataset.networks if n.id not in related]})


# ------------------------------------------------------------------ the rankings


def by_count(store: Store, region: str, topic: str | None) -> list[str]:
    scope = Scope(themes=(topic,) if topic else ())
    return [partner["region"]["id"] or "" for partner in partners(store, region, scope)["partners"]]


def by_most_networks(store: Store, region: str, topic: str | None) -> list[str]:
    themed = {n["id"] for n in store.networks() if topic in n.get("themes", [])} if topic else None
    table = presence(store, themed)
    names = {r["id"]: fold(r["name"]) for r in store.regions()}
    # Every network a region takes part in, in any way: its organisations' too (the issue's baseline).
    counted = {other: len(cells) for other, cells in table.items() if other != region}
    return sorted(counted, key=lambda other: (-counted[other], names[other], other))


def by_score(store: Store, region: str, topic: str | None) -> list[str]:
    answer = ranked_partners(store, region, Scope(), topics=(topic,) if topic else ())
    return [partner["region"]["id"] or "" for partner in answer["partners"]]


RANKINGS: dict[str, Ranker] = {"count (today's rule)": by_count, "most networks": by_most_networks, "score": by_score}


# ------------------------------------------------------------------ the evaluation


@dataclass(frozen=True)
class Query:
    network: str
    region: str
    others: frozenset[str]
    topic: str | None


def queries(dataset: Dataset) -> Iterator[tuple[Dataset, list[Query]]]:
    """For every held-out network: the dataset without it, and one query per member region."""
    organisation_region = {o.id: o.region for o in dataset.organisations}
    for network in dataset.networks:
        members = member_regions(network, organisation_region)
        if len(members) < MIN_MEMBERS:
            continue
        topic = network.themes[0] if network.themes else None
        yield (
            held_out(dataset, network),
            [Query(network.id, region, frozenset(members) - {region}, topic) for region in members],
        )


def recall_and_reciprocal_rank(ranked: Sequence[str], others: frozenset[str], k: int = K) -> tuple[float, float]:
    """(share of what the first k could hold of `others` that they do hold, 1 / position of the first
    of `others`, or 0 when none comes). A network of 100 regions cannot have 99 partners in a top 10:
    recall@k is out of min(k, |others|), so that 1.0 means a perfect first page."""
    recall = len(set(ranked[:k]) & others) / min(k, len(others))
    first = next((position for position, region in enumerate(ranked, 1) if region in others), None)
    return recall, (1.0 / first if first else 0.0)


@dataclass
class Row:
    ranking: str
    topic: bool
    recalls: list[float]
    reciprocal_ranks: list[float]
    seconds: float = 0.0

    @property
    def recall(self) -> float:
        return sum(self.recalls) / len(self.recalls) if self.recalls else 0.0

    @property
    def mrr(self) -> float:
        return sum(self.reciprocal_ranks) / len(self.reciprocal_ranks) if self.reciprocal_ranks else 0.0


def evaluate(dataset: Dataset, rankings: dict[str, Ranker] | None = None) -> tuple[list[Row], int, int]:
    """Each ranking without and with the topic: the rows, the networks held out, the queries asked."""
    rankings = rankings if rankings is not None else RANKINGS
    rows = {(name, topic): Row(name, topic, [], []) for topic in (False, True) for name in rankings}
    networks = asked = 0
    for reduced, batch in queries(dataset):
        networks += 1
        store = memory_store(reduced)
        try:
            for query in batch:
                asked += 1
                for (name, topic), row in rows.items():
                    start = time.perf_counter()
                    ranked = rankings[name](store, query.region, query.topic if topic else None)
                    row.seconds += time.perf_counter() - start
                    recall, reciprocal = recall_and_reciprocal_rank(ranked, query.others)
                    row.recalls.append(recall)
                    row.reciprocal_ranks.append(reciprocal)
        finally:
            store.connection.close()
    return list(rows.values()), networks, asked


def table(rows: list[Row], networks: int, asked: int) -> str:
    lines = [
        f"Leave one network out: {networks} networks with at least {MIN_MEMBERS} member regions, {asked} queries.",
        "",
        f"| ranking | topic | recall@{K} | MRR | ms per query |",
        "|---|---|---|---|---|",
    ]
    for row in rows:
        per_query = 1000 * row.seconds / max(len(row.recalls), 1)
        topic = "first theme" if row.topic else "none"
        lines.append(f"| {row.ranking} | {topic} | {row.recall:.3f} | {row.mrr:.3f} | {per_query:.1f} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, help="a dataset file (default: the bundled dataset)")
    args = parser.parse_args(argv)
    dataset = load_dataset(args.data)
    rows, networks, asked = evaluate(dataset)
    print(table(rows, networks, asked))
    return 0


if __name__ == "__main__":
    sys.exit(main())
