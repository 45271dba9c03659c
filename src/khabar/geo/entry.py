"""One gazetteer place (``GazetteerEntry``) and the folded keys its names are looked up by."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from khabar.geo.countries import fold

PlaceKind = Literal["continent", "region", "country", "admin1", "admin2", "city"]

#: Words that name a kind of division: "Kunduz Province" is also indexed as "Kunduz".
DIVISION_WORDS = (
    "province",
    "region",
    "governorate",
    "state",
    "district",
    "county",
    "parish",
    "oblast",
    "prefecture",
    "department",
    "municipality",
    "territory",
    "division",
    "krai",
    "kray",
    "emirate",
    "canton",
    "voivodeship",
    "autonomous region",
    "special administrative region",
)


class GazetteerEntry(BaseModel):
    """One place in the gazetteer."""

    model_config = ConfigDict(frozen=True)

    key: str = Field(description="stable id: 'gn:<GeoNames id>' where known, else source-based")
    geonameid: int | None = None
    name: str
    alt_names: tuple[str, ...] = ()
    kind: PlaceKind
    feature: str | None = Field(default=None, description="source type: province, state…")
    country: str | None = Field(default=None, description="ISO 3166 alpha-3")
    admin1: str | None = Field(default=None, description="first-level division key, e.g. AF-NAN")
    admin1_name: str | None = None
    lat: float
    lon: float
    population: int = 0


def name_keys(name: str) -> set[str]:
    """Folded lookup keys of a name: itself, plus without a division word or a leading 'the'."""
    key = fold(name)
    keys = {key}
    if key.startswith("the "):
        keys.add(key[4:])
    for word in DIVISION_WORDS:
        if key.endswith(" " + word) and len(key) > len(word) + 3:
            keys.add(key[: -len(word) - 1].strip())
        prefix = word + " of "
        if key.startswith(prefix) and len(key) > len(prefix) + 2:
            keys.add(key[len(prefix) :].strip())
    return {k for k in keys if k}


def is_latin(name: str) -> bool:
    """True for names written in the Latin script (the ones an English text can contain)."""
    if name.isascii():
        return any(ch.isalpha() for ch in name)
    f = fold(name)
    return bool(f) and all(ord(ch) < 0x250 for ch in f) and any(ch.isalpha() for ch in f)


_FIELDS_SET = frozenset(GazetteerEntry.model_fields)
#: The set of fields set of every entry read from a row (all of them). One set for all: an
#: entry is frozen, and pydantic copies the set before changing it (``model_copy``); one
#: less object per entry for the garbage collector to track.
_ALL_SET = set(_FIELDS_SET)
_new_entry = object.__new__
_set = object.__setattr__


def entry_from_row(r: tuple[object, ...]) -> GazetteerEntry:
    """An entry from a row of the index's ``entries`` columns (key, geonameid, name, kind,
    feature, country, admin1, admin1_name, lat, lon, population; trusted: the index wrote
    it), made as ``GazetteerEntry.model_construct`` makes it (the same fields, in the model's
    order, all set; tested) without its per-field bookkeeping: a text reads thousands."""
    e = _new_entry(GazetteerEntry)
    fields = {
        "key": r[0], "geonameid": r[1], "name": r[2], "alt_names": (), "kind": r[3],
        "feature": r[4], "country": r[5], "admin1": r[6], "admin1_name": r[7], "lat": r[8],
        "lon": r[9], "population": r[10],
    }  # fmt: skip
    _set(e, "__dict__", fields)
    _set(e, "__pydantic_fields_set__", _ALL_SET)
    _set(e, "__pydantic_extra__", None)
    _set(e, "__pydantic_private__", None)
    return e
