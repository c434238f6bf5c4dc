"""The name vocabulary: how names are folded for comparison, which names each kind of record
answers to, and how near misses are ranked.

A leaf module (it imports nothing of the package): the store needs it to index names when it is
built, the resolver (`lookup`) to read them back, the region index (`nuts`) and validation to compare
them. Keeping it apart from `lookup`, which queries the store, is what keeps `store` and `lookup` out
of an import circle.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Hashable, Iterable
from functools import lru_cache
from typing import Any, TypeVar

# An untyped JSON document: a record as the store keeps it and the presentation reads it. The one
# definition; the shapes the commands and the library return are typed in `contract.py`.
Record = dict[str, Any]
T = TypeVar("T", bound=Hashable)

# Letters that NFKD leaves whole, so stripping combining marks cannot reach them.
_UNDECOMPOSABLE = str.maketrans(
    {"ł": "l", "đ": "d", "ø": "o", "ß": "ss", "æ": "ae", "œ": "oe", "þ": "th", "ð": "d", "\u0131": "i", "ħ": "h"}
)
_ARTICLES = frozenset({"the", "la", "le", "les", "l", "el", "il", "lo", "los", "las", "de", "het", "die", "der", "das"})
_GENERIC_WORDS = frozenset(
    {
        "region",
        "regions",
        "regione",
        "regiao",
        "voivodeship",
        "wojewodztwo",
        "province",
        "provincie",
        "provincia",
        "county",
        "lan",
        "autonomous",
        "community",
        "of",
        "and",
    }
)


_NOT_ASCII_ALNUM = re.compile(r"[^0-9a-z]+")  # for ASCII text, what `str.isalnum` rejects
# NFKD can make capitals of a casefolded letter (U+210C becomes "H"): kept as the loop below keeps them.
_NOT_ASCII_ALNUM_ANY_CASE = re.compile(r"[^0-9A-Za-z]+")
# The combining diacritical marks block, but U+034F (the grapheme joiner), whose combining class is 0:
# the letter-by-letter fold keeps it as a space, not a mark.
_COMBINING_MARKS = re.compile("[\u0300-\u034e\u0350-\u036f]")


@lru_cache(maxsize=16384)  # the same names and notes are folded again and again (partners: 5x faster)
def fold(text: str) -> str:
    """The comparison key of a name: lower case ASCII words separated by single spaces."""
    lowered = text.casefold().translate(_UNDECOMPOSABLE)
    if lowered.isascii():  # most texts: nothing to decompose, and a regex is ten times faster than the loop
        words = _NOT_ASCII_ALNUM.sub(" ", lowered).split()
    else:
        decomposed = unicodedata.normalize("NFKD", lowered)
        stripped = _COMBINING_MARKS.sub("", decomposed)  # Latin accents: ASCII after this, then the regex
        if stripped.isascii():
            words = _NOT_ASCII_ALNUM_ANY_CASE.sub(" ", stripped).split()
        else:
            plain = "".join(" " if not ch.isalnum() else ch for ch in decomposed if not unicodedata.combining(ch))
            words = plain.split()
    if len(words) > 1 and words[0] in _ARTICLES:
        words = words[1:]
    return " ".join(words)


def topic_words(topic: str) -> list[str]:
    """A topic's words, folded: what `starts_words` looks for."""
    return fold(topic).split()


def starts_words(words: list[str], text: str | None) -> bool:
    """Every word of a topic starts a word of the text (both folded: any case, any accent). The one
    rule for a topic matching a text: the ranking's networks, lists and facts and imported projects."""
    if not text or not words:
        return False
    padded = " " + fold(text)
    return all(f" {word}" in padded for word in words)


def strip_generic(key: str) -> str:
    words = [word for word in key.split() if word not in _GENERIC_WORDS]
    return " ".join(words) if words else key


# The fields of a network that `network_names` reads (so a caller can dump just these).
NETWORK_NAME_FIELDS = {"id", "name", "full_name", "acronym", "aliases"}


def network_names(network: Record) -> list[str]:
    names = [network["id"], network["name"], *network.get("aliases", [])]
    names += [name for name in (network.get("full_name"), network.get("acronym")) if name]
    return names


def region_names(region: Record) -> list[str]:
    names = [region["id"], region["name"], *region.get("names", [])]
    nuts = region.get("nuts")
    if nuts:
        names += [nuts["code"], nuts["label"]]
    return names


def nuts_columns(region: Record) -> Record:
    """A region's NUTS code written out flat (`nuts`, `nuts_version`, `nuts_level`, `nuts_label`, each
    None when unknown): the one rule for the answers' region records and the export's regions table."""
    nuts = region.get("nuts") or {}
    return {
        "nuts": nuts.get("code"),
        "nuts_version": nuts.get("version"),
        "nuts_level": nuts.get("level"),
        "nuts_label": nuts.get("label"),
    }


def theme_names(theme: Record) -> list[str]:
    return [theme["id"], theme["name"]]


def organisation_names(organisation: Record) -> list[str]:
    return [organisation["id"], organisation["name"], *organisation.get("names", [])]


# Every name a record of each kind answers to: what the store indexes and completion offers.
NAMES_OF = {
    "network": network_names,
    "region": region_names,
    "organisation": organisation_names,
    "theme": theme_names,
}


def closest(
    key: str, candidates: Iterable[tuple[str, T]], limit: int = 5, cutoff: float = 0.6, containing: bool = True
) -> list[T]:
    """The one ranker of near misses: the values of the candidates (folded name, value) closest to a
    folded query, best first, each once.

    Close names come first: those whose spelling ratio (difflib's, query against name) is at least
    `cutoff`, by ratio, ties by name. Then, with `containing`, names that contain the query or lie
    within it (4 letters or more), by name. Deterministic for a given set of candidates.
    """
    if not key:
        return []
    import difflib

    matcher = difflib.SequenceMatcher()
    matcher.set_seq2(key)
    letters = [(letter, key.count(letter)) for letter in set(key)]
    close: list[tuple[float, str, T]] = []
    contained: list[tuple[str, T]] = []
    for name, value in candidates:
        matcher.set_seq1(name)
        if (
            matcher.real_quick_ratio() >= cutoff
            and _letters_bound(letters, key, name) >= cutoff
            and (matcher.quick_ratio() >= cutoff)
        ):
            ratio = matcher.ratio()
            if ratio >= cutoff:
                close.append((-ratio, name, value))
                continue
        if containing and (key in name or (len(name) >= 4 and name in key)):
            contained.append((name, value))
    close.sort(key=lambda item: item[:2])
    contained.sort(key=lambda item: item[0])
    ranked = [value for _, _, value in close] + [value for _, value in contained]
    return list(dict.fromkeys(ranked))[:limit]


def _letters_bound(letters: list[tuple[str, int]], key: str, name: str) -> float:
    """An upper bound of difflib's ratio, cheaper than its own `quick_ratio`: a letter of the query
    that the name lacks matches nothing. Most names of a large list fail it, and are never matched."""
    missing = sum(count for letter, count in letters if letter not in name)
    return 2.0 * (len(key) - missing) / (len(key) + len(name))
