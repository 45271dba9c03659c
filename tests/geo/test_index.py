"""khabar.geo.index: the SQLite gazetteer, built tiny here (the real build is a session fixture)."""

from __future__ import annotations

from pathlib import Path

import pytest

from khabar.errors import GazetteerError
from khabar.geo import index as index_mod
from khabar.geo.entry import GazetteerEntry
from khabar.geo.index import GazetteerIndex, build_index, load_default_index, name_keys
from khabar.geo.merge import division_point
from khabar.geo.postal import postal_places
from tests.geo.tiny import ENTRIES, tiny_index


def test_lookup_is_accent_and_case_insensitive() -> None:
    ix = tiny_index()
    for form in ("Bazarak", "Bāzārak", "BAZARAK"):
        (hit,) = ix.lookup(form)
        assert hit[0].name == "Bāzārak" and hit[1] is True
    assert ix.lookup("Nowhere") == ()
    assert len(ix) == len(ENTRIES)


def test_alternate_names_are_marked() -> None:
    ix = tiny_index()
    hits = {e.key: main for e, main in ix.lookup("Bob")}
    assert hits == {"gn:14": False}
    # A country's aliases count as its names.
    (usa,) = ix.lookup("U.S.")
    assert usa[0].country == "USA" and usa[1] is True


def test_division_words_are_stripped_for_lookup() -> None:
    assert name_keys("Kunduz Province") == {"kunduz province", "kunduz"}
    assert name_keys("Province of Nangarhar") == {"province of nangarhar", "nangarhar"}
    assert "china" not in name_keys("Republic of China")


def _grid(lat0: float, lon0: float, n: int = 12, step: float = 0.5) -> list[tuple[float, float]]:
    """Towns on a diagonal, ``step`` degrees apart (a division some 400 km across)."""
    return [(lat0 + i * step, lon0 + i * step) for i in range(n)]


def test_division_placed_at_its_capital_moves_to_its_middle() -> None:
    towns = _grid(40.0, -79.0)
    capital = towns[0]
    lat, lon = division_point(capital, towns)
    # The middle of the towns' box (5th-95th percentile), not the capital in its corner.
    assert (lat, lon) == pytest.approx((42.75, -76.25))


@pytest.mark.parametrize(
    ("given", "towns"),
    [
        ((41.3, -77.7), _grid(40.0, -79.0)),  # a point of its own, not at a town: kept
        ((40.0, -79.0), _grid(40.0, -79.0, step=0.01)),  # a small division: kept
        ((40.0, -79.0), _grid(40.0, -79.0, n=5)),  # too few towns to judge: kept
        ((-17.0, 179.9), [(-17.0, 179.9), *[(-16.0, -179.9 + i * 0.01) for i in range(12)]]),
    ],
)
def test_division_point_kept(given: tuple[float, float], towns: list[tuple[float, float]]) -> None:
    assert division_point(given, towns) == given


def test_open_missing_or_corrupt(tmp_path: Path) -> None:
    with pytest.raises(GazetteerError, match="does not exist"):
        GazetteerIndex.open(tmp_path / "none.sqlite")
    bad = tmp_path / "bad.sqlite"
    bad.write_bytes(b"not a database at all" * 100)
    with pytest.raises(GazetteerError, match="corrupt"):
        GazetteerIndex.open(bad)


def test_build_is_versioned_and_rebuilt_when_stale(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[int] = []

    def fake_collect(*, progress: bool, min_city_population: int) -> list[object]:
        calls.append(1)
        return list(ENTRIES)

    monkeypatch.setattr(index_mod, "_collect_entries", fake_collect)
    path = tmp_path / "gaz.sqlite"
    ix = load_default_index(path, progress=False)  # builds: missing
    assert calls == [1] and not ix.is_stale
    assert ix.meta["index_version"] == index_mod.INDEX_VERSION
    assert ix.lookup("Dushanbe")[0][0].country == "TJK"
    ix.close()
    load_default_index(path, progress=False).close()  # fresh: no rebuild
    assert calls == [1]
    monkeypatch.setattr(index_mod, "INDEX_VERSION", "0-old")
    build_index(path, progress=False)  # an index of another version ...
    monkeypatch.undo()
    monkeypatch.setattr(index_mod, "_collect_entries", fake_collect)
    assert GazetteerIndex.open(path).is_stale
    load_default_index(path, progress=False).close()  # ... is rebuilt
    assert len(calls) == 3


@pytest.mark.slow
def test_real_index(gazetteer: GazetteerIndex) -> None:
    """The index built from the PyPI data packages (cached in the user cache dir)."""
    assert len(gazetteer) > 250_000
    kinds = {e.kind for e, _ in gazetteer.lookup("Nangarhar")}
    assert "admin1" in kinds
    (bazarak,) = [e for e, _ in gazetteer.lookup("Bazarak") if e.country == "AFG"]
    assert bazarak.admin1_name == "Panjshir"
    assert any(e.kind == "admin2" for e, _ in gazetteer.lookup("Laurel County"))
    assert any(e.kind == "admin1" for e, _ in gazetteer.lookup("NSW"))


def test_pickles_as_its_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import pickle

    monkeypatch.setattr(index_mod, "_collect_entries", lambda **kw: list(ENTRIES))
    path = build_index(tmp_path / "g.sqlite", progress=False)
    copy = pickle.loads(pickle.dumps(GazetteerIndex.open(path)))
    assert copy.path == path and copy.lookup("Kabul")
    with pytest.raises(GazetteerError, match="in-memory"):
        pickle.dumps(tiny_index())


POSTAL_ROWS = [
    # country, code, place, admin1 name, admin1 code, admin2 name, admin2 code, admin3 name,
    # admin3 code, lat, lon, accuracy: the GeoNames postal-code layout (made-up rows).
    "AR\t1601\tISLA VERDE\tBuenos Aires\tB\t\t\t\t\t-34.50\t-58.50\t1\n",
    "AR\t1602\tISLA VERDE\tBuenos Aires\tB\t\t\t\t\t-34.60\t-58.60\t1\n",
    "AR\t1603\tIsla Verde Estafeta No.1\tBuenos Aires\tB\t\t\t\t\t-34.5\t-58.5\t3\n",
    "AR\t1700\tOldtown\tBuenos Aires\tB\t\t\t\t\t-34.70\t-58.70\t4\n",
    "SG\t119117\tLorong Sari\t\t\t\t\t\t\t1.28\t103.79\t\n",
    "US\t99999\tSmallville\tKansas\tKS\tRiley\t161\t\t\t39.2\t-96.6\t4\n",
]


def test_postal_places_are_grouped_and_only_new_places_kept() -> None:
    known = {"ARoldtown": (-34.71, -58.69)}  # already indexed (a GeoNames city)
    places = list(
        postal_places(
            POSTAL_ROWS, known, lambda a2, name, code: f"{a2}-{code}" if a2 == "US" else None
        )
    )
    assert [(p.name, p.country, p.admin1) for p in places] == [
        ("Isla Verde", "AR", None),  # upper case made title case; post office left out
        ("Smallville", "US", "US-KS"),
    ]
    isla = places[0]
    # One place at the mean of its postal codes, a city of unknown population.
    assert (isla.lat, isla.lon) == (-34.55, -58.55)
    assert isla.kind == "city" and isla.feature == "postal place" and isla.population == 0
    assert isla.key.startswith("gn-postal:AR:1601")


@pytest.mark.slow
def test_real_index_has_postal_places(gazetteer: GazetteerIndex) -> None:
    assert any(e.feature == "postal place" for e in gazetteer.iter_entries(["city"]))


@pytest.mark.slow
def test_real_index_has_geonames_own_points(gazetteer: GazetteerIndex) -> None:
    """Countries, divisions and counties at GeoNames' own points (pyowm's GeoNames list)."""
    (usa,) = [e for e, _ in gazetteer.lookup("United States") if e.kind == "country"]
    assert usa.key == "gn:6252001" and (round(usa.lat), round(usa.lon)) == (40, -98)
    (cal,) = [e for e, _ in gazetteer.lookup("California") if e.kind == "admin1"]
    assert cal.geonameid == 5332921
    divisions = list(gazetteer.iter_entries(["admin1"]))
    assert sum(e.geonameid is not None for e in divisions) > 2_000
    (kanawha,) = [e for e, _ in gazetteer.lookup("Kanawha County") if e.kind == "admin2"]
    assert kanawha.key == "gn:4810630" and kanawha.admin1 == "US-WV"


def test_entries_read_from_rows_are_as_model_construct_makes_them() -> None:
    ix = tiny_index()
    for row in ix.iter_rows():
        fast = index_mod.entry_of_row(row)
        slow = GazetteerEntry.model_construct(
            alt_names=(),
            **dict(zip(index_mod.ROW_FIELDS, row, strict=True)),  # type: ignore[arg-type]
        )
        assert fast == slow and list(fast.__dict__) == list(slow.__dict__)
        assert fast.model_fields_set == slow.model_fields_set
        assert fast.model_dump() == slow.model_dump()


def test_kind_queries_use_an_index() -> None:
    ix = tiny_index()
    plan = ix._conn.execute(
        "EXPLAIN QUERY PLAN SELECT key FROM entries WHERE population >= 0 AND kind IN ('country')"
    ).fetchall()
    assert any("entries_kind" in str(step) for step in plan)
    assert {e.kind for e in ix.iter_entries(["country"])} == {"country"}


def test_an_index_of_other_spelling_rules_is_stale() -> None:
    ix = tiny_index()
    assert not ix.is_stale
    ix.meta["spellings"] = "0:other word lists"
    assert ix.is_stale


def test_lookup_gives_one_hit_per_entry_in_id_order() -> None:
    """Names of one entry that fold alike give one hit (a main name if any of them is), and
    hits come in the order the entries were written, as ``GROUP BY`` gave them."""
    entries = [
        GazetteerEntry(key="b", name="Sainte Anne", kind="city", lat=1.0, lon=1.0,
                       alt_names=("Sainte-Anne", "SAINTE ANNE")),
        GazetteerEntry(key="a", name="Anneville", kind="city", lat=2.0, lon=2.0,
                       alt_names=("Sainte Anne", "sainte anne")),
    ]  # fmt: skip
    hits = GazetteerIndex.from_entries(entries).lookup("Sainte Anne")
    assert [(e.key, main) for e, main in hits] == [("b", True), ("a", False)]
    rows = [("x",) * 11 + (0, 7), ("y",) * 11 + (1, 3), ("x",) * 11 + (1, 7)]
    assert [(r[0], r[11]) for r in index_mod._by_entry(rows)] == [("y", 1), ("x", 1)]
