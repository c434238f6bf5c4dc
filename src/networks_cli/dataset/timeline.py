"""When a fact was true: partial dates, date bounds, and the two rules built on them.

- **Which member count is the latest.** A count is dated (`2020-11-17`), bounded (`not_before`
  2020-11: true at some time from then on, as an undated page that dates itself), or undated. One
  count is known to be no older than another when its earliest date, compared at the coarser
  precision of the two, is not before the other's latest date. The latest counts are those no other
  count is known to be newer than; where that leaves several, the order cannot be decided and all are
  shown, never one silently.
- **Whether a membership is current.** A membership is confirmed by every source that names the member
  (its source, the source of its joining date, its confirmations and its events); it was last
  confirmed at the latest of their dates or bounds. It is `current` when that is within the dataset's
  window (`current_within_years`, 5 by default) before the dataset's date, `former` when a source gives
  the date it ended, and otherwise `unconfirmed`: nothing says it has ended, nothing recent says it goes on.

Pure functions over the JSON-ready records the store holds: this module imports nothing of the
project, so the store (which derives status when it is built) and the queries can both use it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from networks_cli.dataset.names import Record

_PRECISION = {4: "year", 7: "month", 10: "day"}


def precision(date: str | None) -> str | None:
    """How much of an ISO date is known: "year" (2019), "month" (2019-09) or "day" (2019-09-09)."""
    return _PRECISION.get(len(date)) if date else None


def _at(date: str, length: int) -> str:
    return date[:length]


def no_older(earliest: str, latest: str) -> bool:
    """Is a time known to be on or after `earliest` no older than one known to be on or before `latest`?

    Both are partial dates, compared at the coarser precision of the two: `2020-11` (from November
    2020 on) is no older than `2020-11-17`; `2020-11` is not known to be no older than `2023`.
    """
    length = min(len(earliest), len(latest))
    return _at(earliest, length) >= _at(latest, length)


# ---------------------------------------------------------------- member counts


def count_time(count: Mapping[str, Any], sources: Mapping[str, Mapping[str, Any]]) -> Record:
    """A count's date as known: `{"date", "not_before", "not_before_source"}` (all None: undated).

    A count without a date or bound of its own takes the bound of its source (a page that dates itself).
    """
    if count.get("date"):
        return {"date": count["date"], "not_before": None, "not_before_source": None}
    if count.get("not_before"):
        return {"date": None, "not_before": count["not_before"], "not_before_source": count["source"]}
    bound = (sources.get(count["source"]) or {}).get("not_before")
    return {"date": None, "not_before": bound, "not_before_source": count["source"] if bound else None}


def _earliest(count: Mapping[str, Any]) -> str | None:
    return count.get("date") or count.get("not_before")


def newer_or_same(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    """Is count `a` known to be no older than count `b`? (Counts carry their `count_time` fields.)"""
    earliest = _earliest(a)
    latest = b.get("date")  # a bounded or undated count has no known latest date
    return earliest is not None and latest is not None and no_older(earliest, latest)


def latest_counts(counts: list[Record]) -> list[Record]:
    """The counts of the whole membership that no other is known to be newer than, in file order.

    Among counts that are each no older than the other (the same date as far as both are known), the
    more precise date wins, then the one listed first; undated counts are never the latest.
    """
    series = [count for count in counts if count.get("series", "members") == "members" and _earliest(count)]
    candidates = [
        count
        for count in series
        if not any(newer_or_same(other, count) and not newer_or_same(count, other) for other in series)
    ]
    kept: list[Record] = []
    for count in candidates:
        same = [other for other in kept if newer_or_same(other, count) and newer_or_same(count, other)]
        if not same:
            kept.append(count)
        elif len(_earliest(count) or "") > len(_earliest(same[0]) or ""):
            kept[kept.index(same[0])] = count
    return kept


def chronological(counts: Iterable[Record]) -> list[Record]:
    """Dated and bounded counts, oldest first: by their earliest date (a bare year before its months),
    except that a count known to be newer than another comes after it (`≥ 2020-11` after `2020-11-17`)."""
    from functools import cmp_to_key

    def order(a: Record, b: Record) -> int:
        a_newer, b_newer = newer_or_same(a, b), newer_or_same(b, a)
        if a_newer != b_newer:
            return 1 if a_newer else -1
        return ((_earliest(a) or "") > (_earliest(b) or "")) - ((_earliest(a) or "") < (_earliest(b) or ""))

    return sorted((count for count in counts if _earliest(count)), key=cmp_to_key(order))


# ---------------------------------------------------------------- memberships


def cited_sources(membership: Mapping[str, Any]) -> list[str]:
    """Every source that names the member: its source, its joining date's, its confirmations', its events'."""
    cited = [membership.get("source"), membership.get("since_source")]
    cited += [item["source"] for item in membership.get("confirmations", [])]
    cited += [item["source"] for item in membership.get("events", [])]
    return list(dict.fromkeys(source for source in cited if source))


def confirming_sources(membership: Mapping[str, Any]) -> list[str]:
    """The sources whose date may confirm the member: its own source, its joining date's, and the
    confirmations that quote their source. A confirmation without a quote cannot be checked by a
    reader, so it confirms nothing (it is still cited)."""
    confirming = [membership.get("source"), membership.get("since_source")]
    confirming += [item["source"] for item in membership.get("confirmations", []) if item.get("quote")]
    confirming += [item["source"] for item in membership.get("events", []) if not item.get("approximate")]
    return list(dict.fromkeys(source for source in confirming if source))


def last_confirmed(membership: Mapping[str, Any], sources: Mapping[str, Mapping[str, Any]]) -> Record | None:
    """The latest date at which a source names the member: `{"date", "bound", "source"}`, where
    `bound` is "on" for a dated source and "not before" for an undated one that dates itself.

    None when no source that confirms the member (`confirming_sources`) is dated at all. An
    approximate joining year or event ("about 2013") is no dated confirmation: it never counts.
    """
    best: Record | None = None
    for source_id in confirming_sources(membership):
        source = sources.get(source_id) or {}
        if source.get("date"):
            candidate = {"date": source["date"], "bound": "on", "source": source_id}
        elif source.get("not_before"):
            candidate = {"date": source["not_before"], "bound": "not before", "source": source_id}
        else:
            continue
        if best is None or _later(candidate, best):
            best = candidate
    # A dated event, and the joining date, say the member was in at that date, whatever the source's date.
    dated = [(event["date"], event["source"]) for event in membership.get("events", []) if not event.get("approximate")]
    if membership.get("since") and not membership.get("since_approx"):
        dated.append((membership["since"], membership.get("since_source") or membership.get("source")))
    for date, source_id in dated:
        candidate = {"date": date, "bound": "on", "source": source_id}
        if best is None or _later(candidate, best):
            best = candidate
    return best


def _later(a: Record, b: Record) -> bool:
    # Later start wins; on the same start, a dated source beats a bound, then the more precise date.
    key_a = (_start(a["date"]), a["bound"] == "on", len(a["date"]))
    key_b = (_start(b["date"]), b["bound"] == "on", len(b["date"]))
    return key_a > key_b


def _start(date: str) -> str:
    return date + "-01-01"[len(date) - 4 :] if len(date) < 10 else date


STATUSES = ("current", "former", "unconfirmed")


def status(membership: Mapping[str, Any], confirmed: Record | None, dataset_date: str | None, window: int) -> str:
    """`former` if a source dates its end; `current` if last confirmed within `window` years of the
    dataset's date (year by year: with a 2026 dataset and 5 years, 2021 or later); else `unconfirmed`.

    A dataset without a date cannot say what is recent: its dated memberships are all current.
    """
    until = membership.get("until")
    if until and (dataset_date is None or until[:4] <= dataset_date[:4]):
        return "former"
    if confirmed is None:
        return "unconfirmed"
    if dataset_date is None:
        return "current"
    return "current" if int(confirmed["date"][:4]) >= int(dataset_date[:4]) - window else "unconfirmed"
