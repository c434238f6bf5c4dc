"""English short names of the ISO 3166-1 codes of the countries NUTS covers, for display only."""

from __future__ import annotations

COUNTRY_NAMES: dict[str, str] = {
    "AL": "Albania",
    "AT": "Austria",
    "BA": "Bosnia and Herzegovina",
    "BE": "Belgium",
    "BG": "Bulgaria",
    "CH": "Switzerland",
    "CY": "Cyprus",
    "CZ": "Czechia",
    "DE": "Germany",
    "DK": "Denmark",
    "EE": "Estonia",
    "ES": "Spain",
    "FI": "Finland",
    "FR": "France",
    "GB": "United Kingdom",
    "GR": "Greece",
    "HR": "Croatia",
    "HU": "Hungary",
    "IE": "Ireland",
    "IS": "Iceland",
    "IT": "Italy",
    "LI": "Liechtenstein",
    "LT": "Lithuania",
    "LU": "Luxembourg",
    "LV": "Latvia",
    "ME": "Montenegro",
    "MK": "North Macedonia",
    "MT": "Malta",
    "NL": "Netherlands",
    "NO": "Norway",
    "PL": "Poland",
    "PT": "Portugal",
    "RO": "Romania",
    "RS": "Serbia",
    "SE": "Sweden",
    "SI": "Slovenia",
    "SK": "Slovakia",
    "TR": "Türkiye",
    "UA": "Ukraine",
    "XK": "Kosovo",
}
# The codes NUTS uses where ISO 3166 differs.
NUTS_TO_ISO = {"EL": "GR", "UK": "GB"}


def country_name(code: str | None) -> str:
    if code is None:
        return "unknown country"
    return COUNTRY_NAMES.get(code, code)


def country_code(text: str) -> str:
    """The ISO code a user means: `pl`, `PL`, the NUTS spelling `EL`, or a name such as `Poland`."""
    from networks_cli.dataset.names import fold
    from networks_cli.errors import NotFoundError

    code = text.strip().upper()
    code = NUTS_TO_ISO.get(code, code)
    if code in COUNTRY_NAMES:
        return code
    by_name = {fold(name): iso for iso, name in COUNTRY_NAMES.items()}
    if fold(text) in by_name:
        return by_name[fold(text)]
    import difflib

    close = difflib.get_close_matches(fold(text), by_name.keys(), n=3, cutoff=0.7)
    raise NotFoundError("country", text, [COUNTRY_NAMES[by_name[name]] for name in close])
