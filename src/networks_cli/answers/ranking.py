"""`partners REGION`: whom a region should call, scored from evidence a user would accept, and explained.

A candidate's score is the sum of the parts listed in its `why`, each part one kind of evidence:

- `shared network`: a network both regions take part in, worth more the smaller (more telling) the
  network, the surer both memberships (current, unconfirmed, former) and the stronger both roles;
- `sub-group`: a list of a shared network (a Vanguard pilot, a working group) whose texts name both
  regions, worth more when either leads it;
- `activity`: how many networks the candidate is in (the strongest single predictor on the
  leave-one-network-out evaluation, `benchmarks/ranking.py`);
- `topic`: with topics, the candidate's networks, lists, roles and facts that match them;
- `projects` (added by `answers.projects` with `--basis all`): co-participation in EU projects.

Candidates are every region that takes part in a network, not only those sharing one ("new contacts",
marked `new_contact`); `shared_only` keeps today's candidates. The order is the score, then the
number of shared networks, then the name: deterministic. `sort="shared"` gives 0.3.0's order
(most shared networks first, then the name), with the scores still shown.

The weights are the constants below, in this one place; they were chosen on the evaluation and then
fixed (docs/partners.md has the table). Everything is read from the store's columns except the
documents of the region's own networks (their lists and facts) and, with a topic, the networks'.
"""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from networks_cli.answers.discovery import (
    Scope,
    _counts_for_region,
    _networks_in_scope,
    partners_answer,
    presence,
)
from networks_cli.answers.queries import resolve_region
from networks_cli.dataset.names import Record, fold, starts_words, topic_words
from networks_cli.dataset.store import Store
from networks_cli.errors import NotFoundError, UsageError

if TYPE_CHECKING:
    from networks_cli.contract import PartnersAnswer

# ------------------------------------------------------------------ the weights (the one place)

# A shared network is worth SHARED / its member regions: an 11-region consortium says far more than a
# 200-region association, where being listed together says little. Kept small beside ACTIVITY: on the
# leave-one-network-out evaluation a larger SHARED (10, 30) or 1/log2(size) lowered MRR (0.65-0.64).
SHARED = 3.0
SIZE_POWER = 1.0
# How sure a membership is (for a shared network): a current one counts whole; one no source has
# confirmed lately (but not known to have ended) a little less; one that ended still says the two
# once worked together. Steeper factors (0.7, 0.3) cost MRR on the evaluation.
STATUS_FACTOR = {"current": 1.0, "unconfirmed": 0.9, "former": 0.6}
# How strongly a member takes part: leading a network says more about the partners it works with
# than being listed once. Roles not named here count 1.
ROLE_FACTOR = {
    "lead partner": 1.5,
    "lead region": 1.5,
    "co-lead region": 1.4,
    "founding member": 1.2,
    "full member": 1.0,
    "member": 1.0,
    "partner": 1.0,
    "associate member": 0.8,
    "associated region": 0.8,
    "supporting member": 0.7,
    "observer": 0.6,
    "participant": 0.8,
    "label winner": 0.7,
    "special mention": 0.5,
}
# Taking part only through an organisation that does not stand for the region: the region's people
# are there, but the region is not (the count rule ignores it; the evaluation says it still tells).
# The same factor in activity. On the 751-membership atlas (2026-12-04) 0.6 gave recall@10/MRR
# 0.347/0.691 against 0.347/0.690 for 0.5 (the value chosen on the 746-membership atlas, which the
# grown data put a hair under the "most networks" baseline's 0.6904), 0.65-0.7 0.347/0.691 and 0.8
# 0.346/0.691; 0 (such networks not counted) leaves a region known only through its university with
# no activity at all.
ORGANISATION_ONLY = 0.6
# A sub-group both are named in (a pilot, a working group) is a closer tie than the network itself.
# Few sub-groups name their members yet, so the evaluation cannot tell its weight (3 cost 0.01 MRR):
# kept at one network's worth of activity, enough to lift a co-lead among equals and to be shown.
SUBGROUP = 1.0
# Either leading the sub-group: the leads are whom the others call; both leading it (co-leads of one
# pilot), once more: the closest tie a list can show, and the reason a user should read first.
SUBGROUP_LEAD = 1.5
# Activity: ACTIVITY * the networks the candidate is in, each whole (any status, any way of taking
# part). Alone, this is the "most networks" baseline, which beats the count rule two to one; linear,
# not a logarithm or a square root, and unweighted by status: each alternative lowered MRR.
ACTIVITY = 3.0
# Topic fit multiplies: with a topic, the candidate's best match (a network, list or fact of it that
# matches a topic, of strength MATCH_STRENGTH x how it takes part) adds TOPIC x that strength x the rest
# of its score. A user who asks for "hydrogen" wants the hydrogen regions first, and an added weight
# small enough not to hurt the evaluation could not lift the Hydrogen Valleys leads above regions in
# twice as many networks. On the evaluation with the held-out network's first theme as the topic,
# multiplying raised recall@10/MRR from 0.333/0.691 (adding 1) to 0.365/0.696 (TOPIC 3; 2 gave
# 0.363/0.695, 5 gave 0.366/0.696); adding 30 reached 0.366 recall but lowered MRR to 0.689.
# Only the best match counts (TOPIC_CAP): regions in many networks of a theme are not the closer partners.
TOPIC = 3.0
TOPIC_CAP = 1
# Where a topic word matched: a network's name says most, its description or a theme less, a theme's
# description least ("hydrogen" is in the energy theme's description, so every energy network
# matches weakly).
# A shared EU project whose title or topics match (`--basis all`, after an import) says as much as a
# network named for the topic: the two work together on it. A theme's description 0.1: at 0.2, the
# energy theme's mention of hydrogen put Västra Götaland (ERRIN) above Gävleborg, which a Vanguard
# fact names in the Hydrogen pilot, for `--topic hydrogen --country SE`; the evaluation cannot tell
# the two apart (0.347/0.691 and 0.366/0.696 both).
MATCH_STRENGTH = {
    "name": 1.0,
    "list": 1.0,
    "project": 1.0,
    "fact": 0.8,
    "theme": 0.6,
    "description": 0.5,
    "theme description": 0.1,
}
# Shared EU projects (after `networks import cordis`, with `--basis all`): PROJECTS x log2(1 + the
# projects shared). Working in one consortium is the closest tie the atlas can see: one shared project is
# worth one network of activity, and a logarithm because large regions share hundreds of projects, which
# would drown every other part. Not evaluated (the bundled data has no projects): docs/partners.md.
PROJECTS = 3.0
# At most this many new contacts (regions sharing no network) are answered, unless `--limit` asks for
# more: each is a suggestion ranked by activity, and beyond the first screens they say nothing.
NEW_CONTACTS = 25
# A network whose listed members are fewer than this share of its declared count is flagged.
COVERAGE_WARNING = 0.5

SORTS = ("score", "shared")


# ------------------------------------------------------------------ topics


def _network_match(network: Record, words: list[str], themes: dict[str, Record]) -> tuple[str, str] | None:
    """The best place a topic matches a network: (strength key, the matched text), or None."""
    names = [network["name"], network.get("full_name"), network.get("acronym"), *network.get("aliases", [])]
    for name in names:
        if starts_words(words, name):
            return "name", str(name)
    for theme_id in network.get("themes", []):
        theme = themes.get(theme_id, {})
        if starts_words(words, theme_id) or starts_words(words, theme.get("name")):
            return "theme", f"theme {theme.get('name', theme_id)}"
    for text in ((network.get("description") or {}).get("text"), network.get("focus")):
        if starts_words(words, text):
            return "description", str(text)
    for theme_id in network.get("themes", []):
        if starts_words(words, themes.get(theme_id, {}).get("description")):
            return "theme description", f"theme {themes[theme_id]['name']}"
    return None


def topic_vocabulary(store: Store) -> list[str]:
    """The words topics can match (folded): for suggesting close ones when a topic matches nothing."""
    texts: list[str] = []
    for theme in store.themes():
        texts += [theme["id"], theme["name"], theme.get("description") or ""]
    for network in store.networks():
        texts += [network["name"], network.get("full_name") or "", (network.get("description") or {}).get("text", "")]
        texts += [item["title"] for item in network.get("lists", [])]
        texts += [entry for item in network.get("lists", []) for entry in item["items"]]
        texts += [fact["text"] for fact in network.get("facts", [])]
    return sorted({word for text in texts for word in fold(text).split() if len(word) > 3 and word.isalpha()})


def check_topics(
    store: Store, topics: Iterable[str], found_elsewhere: Iterable[str] = (), looked_in: str = "the atlas"
) -> None:
    """Raise `NotFoundError` (with close words of the atlas) for a topic that matches nothing at all.
    `found_elsewhere`: topics (their folded words, joined by spaces) known to match something outside
    the atlas, such as imported projects."""
    themes = {theme["id"]: theme for theme in store.themes()}
    networks = store.networks()
    elsewhere = set(found_elsewhere)
    for topic in topics:
        words = topic_words(topic)
        if not words:
            raise UsageError("give some words as the topic")
        found = " ".join(words) in elsewhere or any(_network_match(network, words, themes) for network in networks)
        found = found or any(
            starts_words(words, text)
            for network in networks
            for text in [
                *(item["title"] for item in network.get("lists", [])),
                *(entry for item in network.get("lists", []) for entry in item["items"]),
                *(fact["text"] for fact in network.get("facts", [])),
            ]
        )
        if not found:
            vocabulary = topic_vocabulary(store)
            close = difflib.get_close_matches(words[-1], vocabulary, n=5, cutoff=0.6)
            raise NotFoundError("topic", topic, close, f"nothing in {looked_in} matches it")


# ------------------------------------------------------------------ naming regions in free text


_CLAUSE = re.compile(r"[;.]\s|\n")
_LEAD = re.compile(r"\b(co-?lead\w*|lead\w*|led|coordinat\w*|chair\w*)\b", re.IGNORECASE)
_MAX_NAME_WORDS = 4


class RegionNames:
    """Finds the regions a text names, by any of their names (folded, whole words). The names are read
    at the first text asked about: a quarter of a second at 100,000 memberships, often not needed."""

    def __init__(self, store: Store | None) -> None:
        self._store = store
        self._by_key: dict[str, set[str]] | None = None if store is not None else {}
        self._named: dict[str, set[str]] = {}

    @classmethod
    def empty(cls) -> RegionNames:
        return cls(None)

    @property
    def by_key(self) -> dict[str, set[str]]:
        if self._by_key is None:
            assert self._store is not None
            self._by_key = {}
            for key, region_id, _ in self._store.names("region"):
                # Codes and ids ("pl21", "lombardy") are names too; keys of three letters or fewer are
                # not safe to look for in prose ("ile", "nord").
                if len(key) > 3:
                    self._by_key.setdefault(key, set()).add(region_id)
        return self._by_key

    def named(self, text: str) -> set[str]:
        # The same facts are read for every sub-group they name: each text is looked through once.
        found = self._named.get(text)
        if found is None:
            by_key = self.by_key
            words = fold(text).split()
            found = set()
            for start in range(len(words)):
                for size in range(1, min(_MAX_NAME_WORDS, len(words) - start) + 1):
                    regions = by_key.get(" ".join(words[start : start + size]))
                    if regions:
                        found |= regions
            self._named[text] = found
        return found


def _clauses(text: str) -> list[str]:
    return [clause for clause in _CLAUSE.split(text) if clause.strip()]


def _title_key(title: str) -> str:
    """A list's title without its parenthesis ("Working groups (2019)" → "working groups")."""
    return fold(re.sub(r"\([^)]*\)", " ", title))


def subgroups(
    network: Record, members: list[Record], member_region: list[str], names: RegionNames
) -> dict[str, dict[str, bool]]:
    """Sub-group title → region id → whether it leads it, for the network's lists (and their items).

    A region is in a sub-group when its own membership's note, quote or events name the sub-group, or
    when the list's own note or quote, or a fact of the network naming the sub-group, names the region;
    it leads it when that clause says it leads (leads, co-leads, led by, coordinates, chairs)."""
    found: dict[str, dict[str, bool]] = {}
    facts = [fact["text"] + " " + (fact.get("quote") or "") for fact in network.get("facts", [])]
    # Each text folded once per network, not once per sub-group (folding was nine tenths of the time).
    folded_facts = [(fact, f" {fold(fact)} ") for fact in facts]
    member_clauses = [
        (
            region_id,
            [
                (clause, f" {fold(clause)} ")
                for clause in _clauses(
                    " ".join(
                        [membership.get("note") or "", membership.get("quote") or ""]
                        + [event["event"] for event in membership.get("events", [])]
                    )
                )
            ],
        )
        for membership, region_id in zip(members, member_region, strict=True)
    ]
    for item in network.get("lists", []):
        one_item = len(item["items"]) == 1
        units = [(item["title"], _title_key(item["title"]))] if one_item else []
        if not one_item:  # a one-item list is its item ("Hydrogen pilot": "Hydrogen"): one sub-group
            units += [(f"{item['title']}: {entry}", fold(entry)) for entry in item["items"] if len(fold(entry)) > 3]
        for label, key in units:
            if not key:
                continue
            in_unit: dict[str, bool] = {}
            padded_key = f" {key} "
            for region_id, clauses in member_clauses:
                for clause, folded in clauses:
                    if padded_key in folded:
                        in_unit[region_id] = in_unit.get(region_id, False) or bool(_LEAD.search(clause))
            shared_texts = [item.get("note") or "", item.get("quote") or ""] if one_item else []
            shared_texts += [fact for fact, folded in folded_facts if padded_key in folded]
            for text in shared_texts:
                for clause in _clauses(text):
                    for region_id in names.named(clause):
                        in_unit[region_id] = in_unit.get(region_id, False) or bool(_LEAD.search(clause))
            # A "sub-group" naming most of the members is the membership itself, not a closer tie.
            if in_unit and len(in_unit) <= max(3, len(set(member_region)) // 2):
                found[label] = in_unit
    return found


# ------------------------------------------------------------------ the score


def _part(kind: str, weight: float, evidence: str, network: str | None = None, list_title: str | None = None) -> Record:
    return {
        "kind": kind,
        "network": network,
        "list": list_title,
        "project": None,
        "weight": round(weight, 3),
        "evidence": evidence,
    }


def _cell_factor(cell: Record) -> float:
    through = ORGANISATION_ONLY if cell["through"] == "organisation only" else 1.0
    return STATUS_FACTOR.get(cell["status"], 1.0) * ROLE_FACTOR.get(cell["role"], 1.0) * through


def _coverage(network: Record, regions: int) -> str | None:
    """'AER: 60 of 260 or about 230 members listed' when the listed members are far fewer than declared:
    the phrase `coverage`, `show` and `list` give, for a list known to be partial."""
    from networks_cli.answers.queries import list_coverage

    coverage = list_coverage(network)
    counts = coverage["declared_counts"]
    if coverage["partial"] is not True or not counts or coverage["listed"] >= COVERAGE_WARNING * min(counts):
        return None
    return f"{network.get('acronym') or network['name']}: {coverage['phrase']}"


def ranked_partners(
    store: Store,
    query: str,
    scope: Scope,
    limit: int | None = None,
    *,
    topics: Iterable[str] = (),
    shared_only: bool = False,
    sort: str = "score",
    topic_rule: bool = True,
) -> PartnersAnswer:
    """The partners of a region, best first by score (or by shared networks with `sort="shared"`), each
    with `score`, `why`, `new_contact` and `caveats`, beside the fields `discovery.partners` gives.

    Every region active in the networks in scope is scored, but only from columns (`Store.activity`,
    `Store.region_briefs`) and the cells of the region's own networks; the records, memberships and
    evidence are read for the partners answered only: a 100,000-membership atlas ranks in a fraction of
    a second."""
    if sort not in SORTS:
        raise UsageError(f"invalid sort {sort!r}: choose one of {', '.join(SORTS)}")
    asked = [words for words in (topic_words(topic) for topic in topics) if words]
    region = resolve_region(store, query)
    region_id = region["id"]
    narrowed = bool(scope.networks or scope.themes)
    # The networks' records are read only where they are needed: to narrow the scope by theme, to
    # match a topic, and (below) for the region's own networks; otherwise their names, from columns.
    networks = _networks_in_scope(store, scope) if narrowed or asked else []
    headings = [(n["id"], n["name"]) for n in networks] if networks or narrowed else store.network_headings()
    in_scope = {network_id: i for i, (network_id, _) in enumerate(headings)}
    names = dict(headings)
    scope_ids = list(in_scope) if narrowed else None
    mine = presence(store, scope_ids, [region_id] if region_id else []).get(region_id or "", {})
    own = {n: cell for n, cell in mine.items() if n in in_scope and _counts_for_region(cell, scope.current_only)}
    sizes = store.network_region_counts(own)
    own_docs = {n["id"]: n for n in networks if n["id"] in own} if networks else store.networks_by_id(own)
    region_names = RegionNames(store)  # read only if a list or a topic needs regions found in free text
    groups: dict[str, dict[str, dict[str, bool]]] = {}
    for network_id, document in own_docs.items():
        if document.get("lists"):
            rows = [(m, r) for _, r, m in store.memberships_in_network(network_id)]
            groups[network_id] = subgroups(document, [m for m, _ in rows], [r for _, r in rows], region_names)
    topic_parts = _topic_parts(store, networks, asked, region_names, scope.current_only) if asked else {}
    table = presence(store, list(own)) if own else {}  # the cells of the networks the region is in
    activity = store.activity(scope_ids)
    briefs = store.region_briefs()
    found: list[Record] = []
    # Regions that share nothing and match no topic have one part, activity: kept as (score, id, count,
    # current) and made into answers only if they are among those answered (12,000 of them at 100,000).
    plain: list[tuple[float, str, int, int, int]] = []
    for other, (taking_part, current, through_others, current_through_others) in activity.items():
        if other == region_id or other not in briefs:
            continue
        if scope.countries and briefs[other][1] not in scope.countries:
            continue
        count = current if scope.current_only else taking_part
        indirect = current_through_others if scope.current_only else through_others
        if not count:
            continue
        # Their cells in the networks the region is in (`own` is in scope already).
        counted = {
            n: cell
            for n, cell in table.get(other, {}).items()
            if n in own and (not scope.current_only or cell["status"] == "current")
        }
        shared = sorted(
            (n for n in counted if _counts_for_region(counted[n], scope.current_only)), key=in_scope.__getitem__
        )
        # A network filter asks for partners in those networks: no new contacts then. (A region in no
        # network still gets them, ranked by activity and marked: on the evaluation, answering nothing
        # there cost a quarter of the recall.)
        if not shared and (shared_only or scope.networks):
            continue
        if not counted and other not in topic_parts:
            plain.append((_activity_weight(count, indirect), other, count, current, indirect))
            continue
        why: list[Record] = []
        for n in counted:
            weight = SHARED * _cell_factor(own[n]) * _cell_factor(counted[n]) / max(sizes.get(n, 2), 2) ** SIZE_POWER
            why.append(_part("shared network", weight, _shared_evidence(names[n], own[n], counted[n], sizes.get(n)), n))
        for n, by_title in groups.items():
            if n not in counted:
                continue
            for title, leads in by_title.items():
                if other in leads and region_id in leads:
                    lead = leads[other] or leads[region_id]
                    both = leads[other] and leads[region_id]
                    weight = SUBGROUP * (SUBGROUP_LEAD if lead else 1.0) * (SUBGROUP_LEAD if both else 1.0)
                    evidence = _subgroup_evidence(title, names[n], leads[other], leads[region_id])
                    why.append(_part("sub-group", weight, evidence, n, title))
        why.append(_activity_part(count, current, indirect))
        rest = sum(part["weight"] for part in why)
        for part in sorted(topic_parts.get(other, []), key=lambda part: -part["weight"])[:TOPIC_CAP]:
            # The part's strength, times the rest of the score: a topic match multiplies (see TOPIC).
            why.append(part | {"weight": round(part["weight"] * TOPIC * rest, 3)})
        found.append(_candidate(briefs[other], other, shared, counted, why))
    # The best of the plain ones (by score, then name), as many as can be answered; the rest cannot be.
    plain.sort(key=lambda item: (-item[0], fold(briefs[item[1]][0]), item[1]))
    for _, other, count, current, indirect in plain[: max(NEW_CONTACTS, limit or 0)]:
        found.append(_candidate(briefs[other], other, [], {}, [_activity_part(count, current, indirect)]))
    notes: list[str] = []
    # With `topic_rule` off (`--basis all`), the rule is applied after the projects are added, whose
    # titles may match the topic too (`with_projects`).
    if topic_rule and (note := no_topic_match(found, scope.countries, asked)):
        found, notes = [], [note]
    if sort == "shared":
        found.sort(key=lambda p: (-p["count"], fold(p["region"]["name"]), str(p["region"]["id"])))
    else:
        found.sort(key=lambda p: (-p["score"], fold(p["region"]["name"]), str(p["region"]["id"])))
    found = _fewer_new_contacts(found, limit)
    if limit is not None:
        found = found[:limit]
    caveat = {n: _coverage(document, sizes.get(n, 0)) for n, document in own_docs.items()}
    for partner in found:  # what only the partners answered need
        counted = partner.pop("counted")
        partner["memberships"] = [
            {"network": n, "network_name": names[n], "role": counted[n]["role"], "status": counted[n]["status"]}
            | {"through": counted[n]["through"], "organisation": counted[n]["organisation"]}
            | {"own_role": own[n]["role"], "own_status": own[n]["status"]}
            for n in partner["shared"]
        ]
        partner["why"].sort(key=lambda part: -part["weight"])  # heaviest part first
        partner["caveats"] = [text for n in partner["shared"] if (text := caveat.get(n))]
    return partners_answer(store, region, own, names, found, scope, notes, sort)


def no_topic_match(partners: list[Record], countries: tuple[str, ...], asked: list[list[str]]) -> str | None:
    """The note for a topic that matches the atlas but no candidate of these countries, whose answer is
    then empty, as for a region with no partners; None otherwise. Without a country filter, a topic
    that no candidate matches leaves the ranking as it is without one."""
    if not countries or not asked or any(part["kind"] == "topic" for p in partners for part in p["why"]):
        return None
    topics_asked = " or ".join(repr(" ".join(words)) for words in asked)
    return f"no region in {', '.join(countries)} takes part in anything that matches {topics_asked}"


def _activity_weight(networks: int, through_others: int) -> float:
    """ACTIVITY a network; one it takes part in only through organisations that do not stand for it,
    ORGANISATION_ONLY of that (as for a shared network)."""
    return ACTIVITY * (networks - through_others + ORGANISATION_ONLY * through_others)


def _activity_part(networks: int, current: int, through_others: int) -> Record:
    evidence = f"{networks} network{'' if networks == 1 else 's'} in all, {current} current"
    if through_others:
        evidence += f", {through_others} only through organisations"
    return _part("activity", _activity_weight(networks, through_others), evidence)


def _candidate(
    brief: tuple[str, str | None, str | None],
    region_id: str,
    shared: list[str],
    counted: dict[str, Record],
    why: list[Record],
) -> Record:
    name, country, nuts = brief
    return {
        "region": {"id": region_id, "name": name, "country": country, "nuts": nuts},
        "shared": shared,
        "count": len(shared),
        "counted": counted,  # their cells, for `memberships` (then dropped)
        "score": round(sum(part["weight"] for part in why), 3),
        "why": why,
        "new_contact": not shared,
        "caveats": [],
    }


def _fewer_new_contacts(found: list[Record], limit: int | None) -> list[Record]:
    """Every region that shares a network, and the best NEW_CONTACTS of the others (or `limit`, when
    it asks for more), each in its place: a region that shares nothing is a suggestion, and a list of
    every region active anywhere (12,000 at 100,000 memberships) says nothing more than its head."""
    allowed = max(NEW_CONTACTS, limit or 0)
    kept: list[Record] = []
    for partner in found:
        if partner["new_contact"]:
            if allowed == 0:
                continue
            allowed -= 1
        kept.append(partner)
    return kept


def with_projects(
    answer: Record,
    sort: str,
    limit: int | None,
    shared_only: bool,
    on_topic: dict[str, dict[str, str]] | None = None,
    in_networks: bool = False,
) -> Record:
    """`partners --basis all`: the ranked answer with the shared projects `answers.projects` added to it,
    folded into each partner's score as a `project` part, ordered again and cut to `limit`. A region
    found through projects only has that part alone (it shares no network: `new_contact`).

    With topics, `on_topic` (topic → the imported projects matching it) makes a shared project on the
    topic a topic part of strength MATCH_STRENGTH["project"]; the best topic part still multiplies the
    rest of the score (now with the project part in it), as in `ranked_partners`."""
    partners: list[Record] = answer["partners"]
    for partner in partners:
        for key, empty in (("score", 0.0), ("why", []), ("new_contact", not partner["count"]), ("caveats", [])):
            partner.setdefault(key, empty)
        projects = partner.get("projects")
        if not projects:
            continue
        base = [part for part in partner["why"] if part["kind"] != "topic"]
        before = sum(part["weight"] for part in base)
        # Each topic part's strength, recovered from its weight (strength x TOPIC x the rest).
        topics = [
            (part["weight"] / (TOPIC * before) if before else 0.0, part)
            for part in partner["why"]
            if part["kind"] == "topic"
        ]
        weight = PROJECTS * math.log2(1 + projects["count"])
        project_part = _part("project", weight, _projects_evidence(projects))
        project_part["project"] = projects["ids"][0] if projects["ids"] else None
        base.append(project_part)
        for topic, matching in (on_topic or {}).items():
            shared = [project for project in projects["ids"] if project in matching]
            if shared:
                evidence = _projects_on_topic_evidence(shared, matching, topic)
                topic_part = _part("topic", 0.0, evidence) | {"project": shared[0]}
                topics.append((MATCH_STRENGTH["project"], topic_part))
        rest = sum(item["weight"] for item in base)
        best = sorted(topics, key=lambda item: -item[0])[:TOPIC_CAP]
        why = base + [part | {"weight": round(strength * TOPIC * rest, 3)} for strength, part in best]
        partner["why"] = sorted(why, key=lambda item: -item["weight"])
        partner["score"] = round(sum(item["weight"] for item in why), 3)
    if in_networks:  # `--network`: partners in those networks, as without projects (no new contacts)
        partners = [partner for partner in partners if partner["count"]]
    elif shared_only:
        partners = [partner for partner in partners if partner["count"] or partner.get("projects")]
    if sort == "shared":  # the order of 0.3.0: shared networks, then shared projects
        partners.sort(key=lambda p: (-p["count"], -_project_count(p), fold(p["region"]["name"])))
    else:
        partners.sort(key=lambda p: (-p["score"], -p["count"], fold(p["region"]["name"])))
    return answer | {"partners": partners[:limit] if limit is not None else partners}


def _projects_on_topic_evidence(shared: list[str], matching: dict[str, str], topic: str) -> str:
    names = [matching[project] for project in shared[:3]]
    more = len(shared) - len(names)
    shown = ", ".join(names) + (f" and {more} more" if more > 0 else "")
    count = len(shared)
    return f"{count} shared EU project{'' if count == 1 else 's'} on {topic!r} ({shown})"


def _project_count(partner: Record) -> int:
    return int(partner["projects"]["count"]) if partner.get("projects") else 0


def _projects_evidence(projects: Record) -> str:
    names = [item["acronym"] or item["id"] for item in projects["shared"][:3]]
    more = projects["count"] - len(names)
    shown = ", ".join(names) + (f" and {more} more" if more > 0 else "")
    return f"{projects['count']} shared EU project{'' if projects['count'] == 1 else 's'} ({shown})"


def _shared_evidence(name: str, own: Record, theirs: Record, size: int | None) -> str:
    """How both take part; a side that is there only through an organisation not standing for it says so
    (the part counts ORGANISATION_ONLY of a network, and the Shared column leaves it out)."""
    members = f", {size} member regions" if size else ""

    def side(cell: Record) -> str:
        only = (
            f"only through {cell['organisation'] or 'an organisation'}, "
            if cell["through"] == "organisation only"
            else ""
        )
        return f"{only}{cell['role']}, {cell['status']}"

    return f"both in {name} ({side(theirs)}; you: {side(own)}{members})"


def _subgroup_evidence(title: str, network: str, they_lead: bool, you_lead: bool) -> str:
    if they_lead and you_lead:
        return f"co-leads {title} ({network}) with you"
    if they_lead:
        return f"leads {title} ({network}), which you are in"
    if you_lead:
        return f"in {title} ({network}), which you lead"
    return f"both in {title} ({network})"


def _topic_parts(
    store: Store, networks: list[Record], topics: list[list[str]], names: RegionNames, current_only: bool
) -> dict[str, list[Record]]:
    """Region id → its topic parts: networks, lists and facts that match a topic and that it is in."""
    themes = {theme["id"]: theme for theme in store.themes()}
    # Each network matched once per topic (texts are long: folding them is most of the time).
    matches = {n["id"]: [_network_match(n, words, themes) for words in topics] for n in networks}
    matching = [n for n, found in matches.items() if any(found)]
    table = presence(store, matching) if matching else {}  # only the matching networks' members
    by_network: dict[str, list[str]] = {}
    for other, cells in table.items():
        for n, cell in cells.items():
            if not current_only or cell["status"] == "current":
                by_network.setdefault(n, []).append(other)
    parts: dict[str, list[Record]] = {}
    for network in networks:
        n = network["id"]
        members = by_network.get(n, [])
        if not members:
            continue
        for words, match in zip(topics, matches[n], strict=True):
            topic = " ".join(words)
            if match is not None:
                strength, text = match
                for other in members:
                    cell = table[other][n]
                    weight = MATCH_STRENGTH[strength] * _cell_factor(cell)  # a strength: `TOPIC` applies it
                    evidence = f"{cell['role']} of {network['name']}, which matches {topic!r} ({strength})"
                    parts.setdefault(other, []).append(_part("topic", weight, evidence, n))
            mentioned: dict[str, tuple[str, str, bool]] = {}
            for item in network.get("lists", []):
                texts = [item["title"], *item["items"]]
                if any(starts_words(words, text) for text in texts):
                    for text in [item.get("note") or "", item.get("quote") or ""]:
                        for clause in _clauses(text):
                            for other in names.named(clause):
                                mentioned.setdefault(other, ("list", item["title"], bool(_LEAD.search(clause))))
            for fact in network.get("facts", []):
                if starts_words(words, fact["text"]):
                    for clause in _clauses(fact["text"]):
                        for other in names.named(clause):
                            mentioned.setdefault(other, ("fact", fact["text"], bool(_LEAD.search(clause))))
            for other, (kind, text, lead) in mentioned.items():
                weight = MATCH_STRENGTH[kind] * (SUBGROUP_LEAD if lead else 1.0)
                role = "leads" if lead else "named in"
                title = text if kind == "list" else None
                evidence = f"{role} {text if kind == 'list' else 'a fact'} of {network['name']}, on {topic!r}"
                parts.setdefault(other, []).append(_part("topic", weight, evidence, n, title))
    return parts
