"""The seat of a first-level division: the town a news coder places "in Kunduz Province" at.

News coding places an event in a province or region at its capital's point, not at the
division's centre (news-dev's coding rules). The gazetteer holds no administrative-seat
feature codes, so the seat is found from the division's own towns, in this order:

* ``seat-national-capital``: the country's capital lies in the division (Kabul Province);
* ``seat-namesake``: the division's most populous town named like it (the division is named
  after its seat: Kunduz, Deir ez-Zor, Kassala);
* ``seat-largest``: else its most populous town, a proxy for the seat that is wrong where a
  division's capital is not its largest town (New York State), hence its own rule id.

``division_seat`` returns the seat as a :class:`Seat`; ``at_seat`` moves a resolved division's
``Place`` to its seat's point, keeping the division's precision and saying so in ``how``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Literal

from pydantic import BaseModel, ConfigDict

from khabar.geo.entry import GazetteerEntry, name_keys
from khabar.geo.index import ROW_FIELDS, GazetteerIndex, entry_of_row
from khabar.model.core import Place

SeatRule = Literal["seat-national-capital", "seat-namesake", "seat-largest"]

_KIND, _FEATURE, _ADMIN1, _POPULATION = (
    ROW_FIELDS.index(f) for f in ("kind", "feature", "admin1", "population")
)

#: How many of a division's most populous towns are searched for its namesake.
NAMESAKE_DEPTH = 25


class Seat(BaseModel):
    """The town standing for a division's point, and the rule that chose it."""

    model_config = ConfigDict(frozen=True)

    division: GazetteerEntry
    town: GazetteerEntry
    rule: SeatRule
    how: str


class DivisionSeats:
    """Seats of first-level divisions from the index's populated towns (read once)."""

    def __init__(self, rows: Iterable[tuple[object, ...]]) -> None:
        # rows of GazetteerIndex.iter_rows (kept raw: reading 200,000 entries is slow)
        by_division: dict[str, list[tuple[object, ...]]] = defaultdict(list)
        for r in rows:
            if r[_KIND] == "city" and r[_ADMIN1]:
                by_division[str(r[_ADMIN1])].append(r)
        self._towns = {
            k: sorted(v, key=lambda r: -int(r[_POPULATION]))[:NAMESAKE_DEPTH]  # type: ignore[call-overload]
            for k, v in by_division.items()
        }
        self._capitals = {
            str(r[_ADMIN1]): r for v in by_division.values() for r in v if r[_FEATURE] == "capital"
        }

    @classmethod
    def of(cls, index: GazetteerIndex) -> DivisionSeats:
        """The seats of ``index``'s divisions (~0.3 s to read): one table per index file (and
        version of it) per process, shared by every index object open on it; one per object
        for an in-memory index."""
        hit = index.derived.get("seats")
        if isinstance(hit, DivisionSeats):
            return hit
        key = (str(index.path), index.path.stat().st_mtime_ns) if index.path else None
        hit = _SHARED.get(key) if key else None
        if hit is None:
            hit = cls(index.iter_rows(["city"], min_population=1))
            if key is not None:
                _SHARED.clear()
                _SHARED[key] = hit
        index.derived["seats"] = hit
        return hit

    def seat(self, division: GazetteerEntry) -> Seat | None:
        """The seat of ``division`` (an admin1 entry), or None if it has no known town."""
        if division.kind != "admin1" or not division.admin1:
            return None
        row = self._capitals.get(division.admin1)
        if row is not None:
            capital = entry_of_row(row)
            return Seat(
                division=division,
                town=capital,
                rule="seat-national-capital",
                how=f"at its seat {capital.name}, the national capital, which lies in it",
            )
        towns = [entry_of_row(r) for r in self._towns.get(division.admin1, [])]
        keys = name_keys(division.name)
        for t in towns:
            if name_keys(t.name) & keys:
                return Seat(
                    division=division,
                    town=t,
                    rule="seat-namesake",
                    how=f"at its seat {t.name}, the town it is named after",
                )
        if towns:
            t = towns[0]
            return Seat(
                division=division,
                town=t,
                rule="seat-largest",
                how=f"at {t.name}, its largest town (taken for its seat)",
            )
        return None


#: Tables by index file (path, modification time): a rebuilt file gets a new table.
_SHARED: dict[tuple[str, int], DivisionSeats] = {}


def namesake_divisions(
    index: GazetteerIndex, towns: Iterable[GazetteerEntry]
) -> list[GazetteerEntry]:
    """The first-level divisions named like a town in them, whatever spelling the text used
    ("Magwe Region": the town is found by an alternate name, its division is named Magway)."""
    out: dict[str, GazetteerEntry] = {}
    for t in towns:
        if t.kind != "city" or not t.admin1 or not t.admin1_name:
            continue
        keys = name_keys(t.name)
        for e, _ in index.lookup(t.admin1_name):
            if e.kind == "admin1" and e.admin1 == t.admin1 and name_keys(e.name) & keys:
                out.setdefault(e.key, e)
    return list(out.values())


def division_seat(index: GazetteerIndex, division: GazetteerEntry) -> Seat | None:
    """The seat of a first-level division of ``index`` (see the module's rules)."""
    return DivisionSeats.of(index).seat(division)


def at_seat(index: GazetteerIndex, place: Place) -> Place | None:
    """``place`` (resolved to a first-level division) at its seat's point, or None when it is
    no division or its seat is unknown. Precision stays ``admin1``: the text names the
    division; only the point is the seat's, and ``how`` says which rule chose it."""
    if place.precision != "admin1" or place.kind != "admin1" or place.lat is None:
        return None
    division = next(
        (
            e
            for e, _ in index.lookup(place.name or place.text)
            if e.kind == "admin1"
            and e.country == place.country
            and (e.geonameid == place.geonameid if place.geonameid else e.name == place.name)
        ),
        None,
    )
    if division is None:
        return None
    found = DivisionSeats.of(index).seat(division)
    if found is None:
        return None
    how = f"{place.how}; {found.how} ({found.rule})" if place.how else found.how
    return place.model_copy(update={"lat": found.town.lat, "lon": found.town.lon, "how": how})
