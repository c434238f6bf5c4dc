"""The pieces every HTML page of the tool is made of: its styles and Content-Security-Policy, escaped
text, links made only of http(s) addresses, tables with headers, statuses in words, the numbered
sources, and the page itself. The report's sections (`report_html`) are built of these only, so the
rules of the page (nothing fetched, everything escaped) are kept in one place.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from typing import TYPE_CHECKING, Any

from networks_cli.output.phrases import latest_phrase, share_phrase

if TYPE_CHECKING:
    from networks_cli.dataset.names import Record


STYLE = """
:root{--ink:#1f2328;--muted:#57606a;--line:#d0d7de;--accent:#2a4d9c;--paper:#fff}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0 auto;max-width:1100px;padding:16px 20px 48px;color:var(--ink);background:var(--paper);
font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",Arial,sans-serif}
h1{font-size:1.9rem;line-height:1.2;margin:.4em 0 .2em}
h2{font-size:1.35rem;margin:1.8em 0 .5em;padding-bottom:.2em;border-bottom:2px solid var(--line)}
h3{font-size:1.1rem;margin:1.3em 0 .4em}
p.lead{color:var(--muted);margin:.2em 0 1em}
a{color:var(--accent);overflow-wrap:anywhere}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.3em 1em;margin:0}
dl.facts dt{font-weight:600}
dl.facts dd{margin:0;overflow-wrap:anywhere}
.table-wrap{overflow-x:auto}
table{border-collapse:collapse;width:100%;margin:.4em 0 1em;font-size:.95rem}
caption{text-align:left;color:var(--muted);padding:.2em 0;caption-side:top}
th,td{border-bottom:1px solid var(--line);padding:.4em .5em;text-align:left;vertical-align:top}
th{background:#f6f8fa;font-weight:600}
td.number,th.number{text-align:right;font-variant-numeric:tabular-nums}
blockquote,.quote{margin:.2em 0;color:var(--muted);font-style:italic;overflow-wrap:anywhere}
.status{font-weight:600;white-space:nowrap}
td[data-label="since"],td[data-label="last confirmed"]{white-space:nowrap}
.status-current::before{content:"● "}
.status-unconfirmed::before{content:"? "}
.status-former::before{content:"\\d7 "}
figure{margin:1em 0}
figure svg{max-width:100%;height:auto;display:block}
figcaption{color:var(--muted);font-size:.9rem;margin-top:.3em}
.note{color:var(--muted);font-size:.92rem}
ol.sources li{margin:.4em 0;overflow-wrap:anywhere}
footer{margin-top:3em;color:var(--muted);font-size:.9rem;border-top:1px solid var(--line);padding-top:.8em}
@media (max-width:640px){
body{padding:12px 14px 40px;font-size:15px}
h1{font-size:1.5rem}
dl.facts{grid-template-columns:1fr}
dl.facts dd{margin-bottom:.4em}
table.cards caption{display:block;width:100%}
table.cards thead{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
table.cards,table.cards tbody,table.cards tr,table.cards td{display:block;width:100%}
table.cards tr{border:1px solid var(--line);border-radius:6px;margin:.6em 0;padding:.3em .5em}
table.cards td{border:0;padding:.15em 0}
table.cards td::before{content:attr(data-label) ": ";font-weight:600;font-style:normal;color:var(--ink)}
table.cards td.number{text-align:left}
table.cards td:empty{display:none}
}
@page{size:A4;margin:16mm 14mm}
@media print{
body{max-width:none;padding:0;font-size:10pt}
h2{break-after:avoid}
h3{break-after:avoid}
tr,figure,li{break-inside:avoid}
.table-wrap{overflow:visible}
a{color:inherit;text-decoration:none}
a.source-link::after{content:" <" attr(href) ">";font-size:.85em;color:var(--muted)}
}
"""

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"


def text(value: Any) -> str:
    """Data as HTML text: escaped, None as an empty string."""
    return "" if value is None else escape(str(value), quote=True)


def link(url: str | None, label: str | None = None) -> str:
    """A link, only to an http(s) address; anything else stays text."""
    if not url:
        return text(label)
    if not url.lower().startswith(("http://", "https://")):
        return text(label or url)
    return f'<a class="source-link" href="{text(url)}">{text(label or url)}</a>'


def table(
    columns: Sequence[str], rows: Sequence[Sequence[str]], caption: str | None = None, numbers: Sequence[int] = ()
) -> str:
    """A table with headers (`scope="col"`); each cell labelled for the phone layout. Cells are HTML."""
    kind = [' class="number"' if i in numbers else "" for i in range(len(columns))]
    head = "".join(f'<th scope="col"{kind[i]}>{text(column)}</th>' for i, column in enumerate(columns))
    body = "".join(
        "<tr>"
        + "".join(f'<td data-label="{text(columns[i])}"{kind[i]}>{value}</td>' for i, value in enumerate(row))
        + "</tr>"
        for row in rows
    )
    caption_html = f"<caption>{text(caption)}</caption>" if caption else ""
    return (
        f'<div class="table-wrap"><table class="cards">{caption_html}<thead><tr>{head}</tr></thead>'
        f"<tbody>{body}</tbody></table></div>"
    )


def status(value: str | None) -> str:
    if not value:
        return ""
    return f'<span class="status status-{text(value)}">{text(value)}</span>'


def confirmed(value: Record | None) -> str:
    return text((value or {}).get("date"))


def evidence(record: Record, sources: dict[str, Record]) -> str:
    """The source's words and a link to the source (by its number in the list of sources)."""
    parts = []
    if record.get("quote"):
        parts.append(f'<span class="quote">“{text(record["quote"])}”</span>')
    source = record.get("source")
    if source:
        number = sources.get(source, {}).get("number")
        label = f"source {number}" if number else f"source {source}"
        parts.append(f'<a href="#source-{text(source)}">{text(label)}</a>')
    return " ".join(parts)


def numbered(sources: list[Record]) -> dict[str, Record]:
    return {source["id"]: source | {"number": i + 1} for i, source in enumerate(sources)}


def sources_section(sources: list[Record]) -> str:
    if not sources:
        return '<h2 id="sources">Sources</h2><p>No source is cited.</p>'
    items = []
    for source in sources:
        described = ", ".join(text(value) for value in (source.get("title"), source.get("publisher")) if value) or text(
            source["id"]
        )
        date = f" ({text(source['date'])})" if source.get("date") else " (undated)"
        address = f"<br>{link(source['url'])}" if source.get("url") else ""
        items.append(
            f'<li id="source-{text(source["id"])}">{described}{date} '
            f'<span class="note">[{text(source["id"])}]</span>{address}</li>'
        )
    return (
        '<h2 id="sources">Sources</h2><p class="note">Every statement above names one of these; each quote is the '
        f'source\'s own words.</p><ol class="sources">{"".join(items)}</ol>'
    )


def completeness_section(rows: list[Record]) -> str:
    if not rows:
        return ""
    shown = []
    for row in rows:
        # The same words as `list` and `coverage`: counts no source orders side by side, ≥ 100 %.
        declared = latest_phrase(row) if row["latest_counts"] else "no dated count"
        shown.append(
            [text(row["name"]), str(row["listed"]), str(row["current"]), text(declared), share_phrase(row["coverage"])]
        )
    return (
        '<h2 id="completeness">How complete the member lists are</h2>'
        '<p class="note">The lists hold the members a source names; a network may have more. “Declared” is the '
        "latest member count a source gives for the network (several, side by side, when no source says which is "
        "the latest).</p>"
        + table(["network", "listed", "current", "declared", "listed of declared"], shown, numbers=(1, 2, 3, 4))
    )


def page(title: str, lead: str, dataset: Record, sections: list[str]) -> str:
    compiled = dataset.get("updated") or "an unstated date"
    version = f", version {text(dataset['version'])}" if dataset.get("version") else ""
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{text(title)}</title><style>{STYLE}</style></head><body>"
        f'<header><h1>{text(title)}</h1><p class="lead">{lead}</p>'
        f'<p class="note">From the dataset “{text(dataset.get("title"))}”{version}, compiled on {text(compiled)}. '
        "Memberships are what the cited sources state; a status says how recently a source confirmed one.</p>"
        "</header><main>"
        + "".join(sections)
        + f"</main><footer>Made by {text(dataset.get('tool'))} from the sources listed above; it opens offline and "
        "fetches nothing.</footer></body></html>\n"
    )
