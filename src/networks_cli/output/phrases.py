"""The words of the answers: phrases for roles, statuses, dates, counts and evidence, used by the flat
formats and the human tables alike. Plain strings only: no Rich, so that changing a phrase is one edit
here, whatever the format.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from networks_cli.dataset.countries import country_name
from networks_cli.dataset.names import Record

STATUS_LEGEND = (
    "Status (last confirmed): current = a source of the last five years before the dataset's date names the "
    "member; unconfirmed = the latest source naming it is older or undated, and nothing says it ended; "
    "former = a source dates its end. ≥ = an undated source that dates itself to then or later. "
    "[id] = a source, listed under Sources."
)


def counted(number: int, noun: str, plural: str | None = None) -> str:
    """`1 region`, `3 regions`, `1 warning`: the number and its noun, agreeing."""
    return f"{number} {noun if number == 1 else plural or noun + 's'}"


def role_text(part: Record) -> str:
    """A role as one phrase: `full member`, `member (historical)`, `associate member via AGH University`."""
    text = str(part["role"])
    if part["status"] != "current":
        text += f" ({part['status']})"
    if part.get("through") == "organisation":
        text += f" via {part['organisation']}"
    elif part.get("through") == "organisation only":
        text += f" by {part['organisation']} (an organisation of the region, not the region)"
    return text


def roles(memberships: list[Record]) -> list[str]:
    """A region's role in each network it shares: `NETWORK: role`."""
    return [f"{m['network']}: {role_text(m)}" for m in memberships]


def confirmed_phrase(confirmed: Mapping[str, Any] | None) -> str:
    """`2024-12-05`, `≥ 2020-11` (an undated source that dates itself), or `undated`."""
    if not confirmed:
        return "undated"
    return confirmed["date"] if confirmed["bound"] == "on" else f"≥ {confirmed['date']}"


def count_number(count: Record) -> str:
    return (f"{count['qualifier']} " if count["qualifier"] else "") + str(count["count"])


def count_phrase(count: Record | None) -> str:
    if count is None:
        return "unknown"
    return f"{count_number(count)} {count['counted']} ({count_when(count)}) [{count['source']}]"


def count_when(count: Record) -> str:
    """A count's date as known: `2020-11-17`, `not before 2020-11`, or `undated`."""
    if count["date"]:
        return str(count["date"])
    return f"not before {count['not_before']}" if count.get("not_before") else "undated"


def count_year(count: Record) -> str:
    if count["date"]:
        return str(count["date"])[:4]
    return f"≥ {count['not_before'][:4]}" if count.get("not_before") else "undated"


def status_text(membership: Record) -> str:
    """`current (2024)`, `unconfirmed (2015)`, `unconfirmed (≥ 2020)`, `unconfirmed (undated)`."""
    confirmed = membership.get("last_confirmed")
    if not confirmed:
        when = "undated"
    else:
        when = ("≥ " if confirmed["bound"] == "not before" else "") + str(confirmed["date"])[:4]
    return f"{membership['status']} ({when})" if membership.get("status") else "—"


def listed_phrase(network: Record) -> str:
    listed = network["member_count"]
    current = network["members_by_status"]["current"]
    return f"{listed} listed ({current} current)"


def share_phrase(coverage: Record) -> str:
    """The share of a network's members listed: `23 %`, `≥ 100 %`, or `?` when the atlas cannot tell."""
    share = coverage["share"]
    if share is None:
        return "?" if coverage["partial"] is not False else "≥ 100 %"
    return "≥ 100 %" if share >= 1 else f"{round(100 * share)} %"


def coverage_phrase(coverage: Record) -> str:
    """`60 of 260 or about 230 members listed: the list is partial`, and its like for a complete or unknown one."""
    if coverage["partial"] is True:
        return f"{coverage['phrase']}: the list is partial"
    if coverage["partial"] is None and coverage["declared_counts"]:
        return f"{coverage['phrase']}: whether the list is complete is unknown (the counts cannot be ordered)"
    if coverage["partial"] is None:
        return f"{coverage['phrase']}: how complete the list is is unknown"
    return str(coverage["phrase"])


def latest_phrase(network: Record) -> str:
    """The latest count, or the counts that could each be the latest, side by side; `!` when members
    listed as current outnumber it."""
    latest = network["latest_counts"]
    if not latest:
        return "no dated count"
    phrase = " | ".join(f"{count_number(count)} ({count_year(count)})" for count in latest)
    return phrase + (" !" if network.get("count_warning") else "")


def history_phrase(first: Record | None, latest: list[Record], member_count: int) -> str:
    """One line of a network's growth: `members: 10 (2013) → 39 (2023) | 32 (≥ 2020), 41 listed here`."""
    listed = f"{member_count} listed here"
    if not latest:
        return f"members: no dated count; {listed}"
    now = " | ".join(f"{count_number(count)} ({count_year(count)})" for count in latest)
    if first is None or first in latest:
        return f"members: {now}, {listed}"
    return f"members: {count_number(first)} ({count_year(first)}) → {now}, {listed}"


SPARKS = "▁▂▃▄▅▆▇█"


def sparkline(values: list[int]) -> str:
    """The counts as a row of block characters, from zero to the highest, as the history bars are.

    From zero, not from the lowest count: 125 → 130 → 125 is three tall blocks, not a cliff.
    """
    high = max(values, default=0)
    if len(values) < 2 or high <= 0:
        return ""
    return "".join(SPARKS[round(max(value, 0) / high * (len(SPARKS) - 1))] for value in values)


def sourced_phrase(value: Record | None, key: str = "text") -> str | None:
    if value is None:
        return None
    phrase = f"{value[key]} [{value['source']}]"
    return phrase + (f" {value['note']}" if value.get("note") else "")


def since_phrase(record: Record) -> str:
    """When the member joined; for a label, the year it was awarded (a winner is not a member since then)."""
    if record.get("awarded"):
        return f"label {record['awarded']}"
    return (record["since"] or "—") + ("~" if record.get("since_approx") else "")


def evidence_phrase(record: Record) -> str:
    """The quotes behind a membership: its source's, then each confirmation's and dated step's."""
    quotes = [f"“{record['quote']}” [{record['source']}]"] if record.get("quote") else []
    quotes += [f"“{item['quote']}” [{item['source']}]" for item in record.get("confirmations") or [] if item["quote"]]
    quotes += [
        f"{item['date']} {item['event']}: “{item['quote']}” [{item['source']}]"
        for item in record.get("events") or []
        if item["quote"]
    ]
    return " ".join(quotes) or "no quote recorded"


def network_title(entry: Record) -> str:
    """A network as a region's answer names it: `CPMR — Baltic Sea Commission` for a part of a network."""
    parent = entry.get("part_of_name")
    if not parent:
        return str(entry["name"])
    name = str(entry["name"])
    rest = name[len(parent) :].strip(" -\u2013\u2014") if name.startswith(parent) else name
    return f"{parent} — {rest or name}"


def latest_counts_phrase(profile: Record) -> str:
    latest = profile["latest_counts"]
    if not latest:
        return "unknown: no source gives a dated count"
    if len(latest) == 1:
        return count_phrase(latest[0])
    return "one of, in an order no source decides: " + " | ".join(count_phrase(count) for count in latest)


def region_heading(region: Record) -> str:
    nuts = region["nuts"] or "no NUTS code"
    return f"{region['name']} ({nuts}, {country_name(region['country'])})"


ROLE_CODES = {
    "lead partner": "lead",
    "founding member": "founder",
    "full member": "full",
    "member": "member",
    "partner": "partner",
    "associate member": "assoc",
    "observer": "observer",
    "participant": "particip",
    "supporting member": "support",
    "associated region": "assoc reg",
    "lead region": "lead",
    "co-lead region": "co-lead",
    "label winner": "label",
    "special mention": "mention",
}
CELL_LEGEND = (
    "lead = lead partner or lead region, founder = founding member, support = supporting member, "
    "assoc reg = associated region, label = awarded the label, full = full member, assoc = associate member, "
    "particip = participant. ? = unconfirmed (no source of the last five years names it), * = former, "
    "+ = through an organisation that stands for the region, (org) = only an organisation of the region is a member."
)


def cell_code(cell: Record) -> str:
    code = ROLE_CODES.get(cell["role"], str(cell["role"]))
    if cell["through"] == "organisation only":
        return f"({code} org)" if code else "(org)"
    code += {"former": "*", "unconfirmed": "?"}.get(cell["status"], "")
    return code + ("+" if cell["through"] == "organisation" else "")


def scope_phrase(scope: Record) -> str:
    parts = []
    if scope["networks"]:
        parts.append("networks " + ", ".join(scope["networks"]))
    if scope["countries"]:
        parts.append("countries " + ", ".join(scope["countries"]))
    if scope["themes"]:
        parts.append("themes " + ", ".join(scope["themes"]))
    if scope["current_only"]:
        parts.append("current memberships only")
    return ("Filtered to " + "; ".join(parts) + ".") if parts else ""


def partner_evidence(membership: Record) -> str:
    when = f", last confirmed {confirmed_phrase(membership['last_confirmed'])}" if membership["last_confirmed"] else ""
    quote = f"“{membership['quote']}”" if membership["quote"] else "no quote recorded"
    return f"{membership['network']}: {quote} [{membership['source']}{when}]"


def origin_mark(record: Record) -> str:
    """What a table adds to a record an overlay (`--with FILE`) added: " (from mine.toml)"; nothing for the atlas's."""
    origin = record.get("origin")
    return f" (from {origin})" if origin else ""


def reason_phrase(partner: Record) -> str:
    """Why a partner ranks where it does, in a line: "leads Hydrogen pilot (Vanguard Initiative), which you
    are in; shares 3 networks (2 current); 15 networks in all, 5 current" (`--explain` gives every part)."""
    why = partner.get("why") or []
    parts = [part["evidence"] for part in why if part["kind"] in ("sub-group", "topic", "project")][:2]
    count = partner.get("count") or 0
    if count:
        current = sum(1 for membership in partner.get("memberships", []) if membership.get("status") == "current")
        parts.append(f"shares {count} network{'' if count == 1 else 's'} ({current} current)")
    elif partner.get("new_contact"):
        parts.append("new contact: shares no network")
    parts += [part["evidence"] for part in why if part["kind"] == "activity"]
    return "; ".join(parts)
