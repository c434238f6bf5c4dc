"""`partners REGION --basis projects|all`: partners found through shared projects, beside shared networks.

The networks' answer (`discovery.partners`) is computed first, unlimited; this adds, for every region of
the same NUTS level whose organisations share projects with the region's, the projects and the
organisations on both sides, and ranks: by shared projects (`projects`), or by shared networks and
then shared projects (`all`). Regions outside the dataset are named by their NUTS code and label.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from networks_cli.dataset.names import Record, fold, starts_words
from networks_cli.dataset.store import Store
from networks_cli.projects.home import ECOSYSTEM_NOTE
from networks_cli.projects.store import require_projects

if TYPE_CHECKING:
    from networks_cli.contract import PartnersAnswer, ProjectPartnersAnswer

BASES = ("networks", "projects", "all")


def project_partners(
    store: Store, answer: PartnersAnswer, basis: str, countries: tuple[str, ...], limit: int | None
) -> ProjectPartnersAnswer:
    projects = require_projects()
    try:
        code = answer["region"]["nuts"]
        shared = projects.shared_projects(code) if code else []
        source = projects.source()
    finally:
        projects.close()
    by_nuts: dict[str, Record] = {}
    for partner in cast("list[Record]", answer["partners"]):
        by_nuts[partner["region"]["nuts"] or f"id:{partner['region']['id']}"] = dict(partner) | {"projects": None}
    dataset_regions = {region["nuts"]["code"]: region for region in store.regions() if region.get("nuts")}
    for found in shared:
        if countries and found["country"] not in countries:
            continue
        entry = by_nuts.get(found["nuts"])
        if entry is None:
            region = dataset_regions.get(found["nuts"])
            brief = (
                {"id": region["id"], "name": region["name"], "country": region["country"], "nuts": found["nuts"]}
                if region
                else {"id": None, "name": found["name"], "country": found["country"], "nuts": found["nuts"]}
            )
            entry = {"region": brief, "shared": [], "count": 0, "memberships": []}
            by_nuts[found["nuts"]] = entry
        entry["projects"] = {"count": found["count"], "ids": found["ids"], "shared": found["shared"]}
    partners = list(by_nuts.values())
    if basis == "projects":
        partners = [p for p in partners if p["projects"]]
        partners.sort(key=lambda p: (-_projects(p), -p["count"], fold(p["region"]["name"])))
    else:
        partners.sort(key=lambda p: (-p["count"], -_projects(p), fold(p["region"]["name"])))
    if limit is not None:
        partners = partners[:limit]
    return cast(
        "ProjectPartnersAnswer",
        dict(answer) | {"partners": partners, "basis": basis, "note": ECOSYSTEM_NOTE, "source": source},
    )


def _projects(partner: dict[str, Any]) -> int:
    return int(partner["projects"]["count"]) if partner["projects"] else 0


def projects_on_topics(topics: list[list[str]]) -> dict[str, dict[str, str]]:
    """For each topic (its folded words), the imported projects whose title or topics match it (the
    ranking's rule, `starts_words`): topic → {project id: its acronym, or its id}."""
    if not topics:
        return {}
    projects = require_projects()
    try:
        found: dict[str, dict[str, str]] = {}
        for words in topics:
            rows = projects.topic_candidates(words[0])
            found[" ".join(words)] = {
                project: acronym or project
                for project, acronym, title, codes in rows
                if starts_words(words, title) or starts_words(words, codes)
            }
        return found
    finally:
        projects.close()
