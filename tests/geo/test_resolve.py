"""khabar.geo.resolve on a tiny hand-made gazetteer: context, accents, demonyms, levels."""

from __future__ import annotations

import pytest

from khabar.geo.resolve import Geocoder
from khabar.model.core import Place
from tests.geo.tiny import tiny_index


@pytest.fixture(scope="module")
def geocoder() -> Geocoder:
    return Geocoder(tiny_index())


def spans(text: str, *names: str) -> list[Place]:
    """Mentions at each name's first occurrence at or after the previous one."""
    out: list[Place] = []
    pos = 0
    for name in names:
        start = text.find(name, pos)
        assert start >= 0, name
        out.append(Place(text=name, start=start, end=start + len(name)))
        pos = start + 1
    return out


def resolve(geocoder: Geocoder, text: str, *names: str) -> list[Place]:
    return geocoder.resolve(text, spans(text, *names))


def test_empty_input(geocoder: Geocoder) -> None:
    assert geocoder.resolve("", []) == []
    assert geocoder.resolve("Nothing to see here.", []) == []


def test_unknown_name_stays_unresolved(geocoder: Geocoder) -> None:
    (p,) = resolve(geocoder, "They sailed to Atlantis.", "Atlantis")
    assert p.lat is None and p.lon is None and p.country is None and p.score is None
    assert p.how is not None and p.how.startswith("unresolved:")
    assert (p.text, p.start, p.end) == ("Atlantis", 15, 23)


def test_weak_alternate_name_of_a_tiny_place_is_not_forced(geocoder: Geocoder) -> None:
    (p,) = resolve(geocoder, "Bob said so.", "Bob")
    assert p.lat is None and p.how is not None and p.how.startswith("unresolved:")


@pytest.mark.parametrize(
    ("text", "name", "country", "admin1"),
    [
        ("Clashes in Jalalabad.", "Jalalabad", "AFG", "Nangarhar"),  # the larger one
        ("In Nangarhar, protesters marched in Jalalabad.", "Jalalabad", "AFG", "Nangarhar"),
        ("Farmers in Punjab, India, rallied in Jalalabad.", "Jalalabad", "IND", "Punjab"),
        ("Farmers in India rallied in Jalalabad.", "Jalalabad", "IND", "Punjab"),
        ("He flew to Paris.", "Paris", "FRA", "Paris"),
        ("He grew up in Paris, Texas.", "Paris", "USA", "Texas"),
        ("He grew up in Paris, TX, near Dallas.", "Paris", "USA", "Texas"),
        ("From Memphis, Tennessee, the band drove to Paris.", "Paris", "USA", "Tennessee"),
        ("From Memphis the band drove to Paris.", "Paris", "USA", "Tennessee"),
    ],
)
def test_ambiguity_resolved_by_context(
    geocoder: Geocoder, text: str, name: str, country: str, admin1: str
) -> None:
    # Every gazetteer name in the text is a mention, as the recogniser would give them.
    names = ["Nangarhar", "Punjab", "India", "Memphis", "Tennessee", "Texas", name]
    found = [n for n in names if n in text and n != name]
    mentions = sorted(spans(text, name) + [spans(text, n)[0] for n in found], key=lambda p: p.start)
    out = {p.text: p for p in geocoder.resolve(text, mentions)}
    assert out[name].country == country, out[name].how
    assert out[name].admin1 == admin1
    assert 0.0 <= (out[name].score or 0.0) <= 1.0


def test_all_mentions_of_a_document_share_context(geocoder: Geocoder) -> None:
    text = "Memphis and Paris: the Tennessee towns."
    _memphis, paris, tennessee = resolve(geocoder, text, "Memphis", "Paris", "Tennessee")
    assert paris.admin1 == "Tennessee" and paris.country == "USA"
    assert tennessee.precision == "admin1"
    assert "Tennessee" in (paris.how or "")


def test_country_versus_us_state(geocoder: Geocoder) -> None:
    (alone,) = resolve(geocoder, "Georgia held elections.", "Georgia")
    assert alone.kind == "country" and alone.country == "GEO"
    text = "Voters in Atlanta, the capital of Georgia, queued for hours."
    _, state = resolve(geocoder, text, "Atlanta", "Georgia")
    assert state.kind == "admin1" and state.country == "USA"


@pytest.mark.parametrize("form", ["Bazarak", "Bāzārak", "BAZARAK", "bazarak"])
def test_accents_and_case_do_not_matter(geocoder: Geocoder, form: str) -> None:
    (p,) = resolve(geocoder, f"Fighters entered {form} at dawn.", form)
    assert p.name == "Bāzārak" and p.admin1 == "Panjshir" and p.precision == "city"


@pytest.mark.parametrize(
    ("text", "mention", "kind", "name"),
    [
        ("Fighting in Panjshir province continued.", "Panjshir province", "admin1", "Panjshir"),
        ("Fighting in Panjshir province continued.", "Panjshir", "admin1", "Panjshir"),
        ("They left the province of Nangarhar.", "province of Nangarhar", "admin1", "Nangarhar"),
        ("They left the province of Nangarhar.", "Nangarhar", "admin1", "Nangarhar"),
        ("Fighting in northern Afghanistan.", "northern Afghanistan", "country", "Afghanistan"),
        ("Rockets hit Kabul.", "Kabul", "city", "Kabul"),  # the city, not its province
        ("Rockets hit Kabul province.", "Kabul", "admin1", "Kabul"),
        ("Rockets hit Kabul Province.", "Kabul", "admin1", "Kabul"),
        ("In Shelby County, Tennessee.", "Shelby County", "admin2", "Shelby County"),
        ("Troops left Afghanistan's north.", "Afghanistan's", "country", "Afghanistan"),
    ],
)
def test_administrative_levels(
    geocoder: Geocoder, text: str, mention: str, kind: str, name: str
) -> None:
    (p,) = resolve(geocoder, text, mention)
    assert (p.kind, p.name) == (kind, name), p.how
    assert p.precision == kind
    assert p.text == mention


def test_direction_word_is_explained(geocoder: Geocoder) -> None:
    (p,) = resolve(geocoder, "Fighting in northern Afghanistan.", "northern Afghanistan")
    assert "direction" in (p.how or "")


@pytest.mark.parametrize(("form", "country"), [("Afghan", "AFG"), ("Tajiks", "TJK")])
def test_demonyms_map_to_their_country_and_say_so(
    geocoder: Geocoder, form: str, country: str
) -> None:
    (p,) = resolve(geocoder, f"{form} officials met.", form)
    assert p.country == country and p.precision == "country"
    assert (p.how or "").startswith("demonym")


def test_demonym_kind_hint(geocoder: Geocoder) -> None:
    p = geocoder.resolve("Afghan", [Place(text="Afghan", start=0, end=6, kind="demonym")])[0]
    assert p.country == "AFG" and (p.how or "").startswith("demonym")


def test_us_state_abbreviation_as_a_mention(geocoder: Geocoder) -> None:
    (p,) = resolve(geocoder, "Nashville, Tenn.", "Tenn.")
    assert p.name == "Tennessee" and p.kind == "admin1"


def test_dateline_is_context(geocoder: Geocoder) -> None:
    text = "He was born in Paris."
    (p,) = geocoder.resolve(text, spans(text, "Paris"), dateline="MEMPHIS, Tenn.")
    assert p.admin1 == "Tennessee", p.how
    wire = "MEMPHIS, Tenn. (AP) — He was born in Paris."
    (q,) = geocoder.resolve(wire, spans(wire, "Paris"))
    assert q.admin1 == "Tennessee", q.how


def test_output_is_new_objects_with_offsets_kept(geocoder: Geocoder) -> None:
    text = "Talks in Dushanbe, Tajikistan."
    mentions = spans(text, "Dushanbe", "Tajikistan")
    out = geocoder.resolve(text, mentions)
    assert [m.lat for m in mentions] == [None, None]
    assert [(p.text, p.start, p.end) for p in out] == [(m.text, m.start, m.end) for m in mentions]
    assert out[0].country == "TJK" and out[1].kind == "country"
    assert all(text[p.start : p.end] == p.text for p in out)


def test_resolve_name(geocoder: Geocoder) -> None:
    assert geocoder.resolve_name("U.S.").country == "USA"


def test_one_sense_per_document(geocoder: Geocoder) -> None:
    text = "She left Paris, Texas, in May. Paris was quiet."
    first, second = resolve(geocoder, text, "Paris", "Paris")
    assert first.admin1 == "Texas" and second.admin1 == "Texas", second.how


def test_short_forms_need_a_real_name(geocoder: Geocoder) -> None:
    (p,) = resolve(geocoder, "Bob's town.", "Bob")
    assert p.lat is None
    (us,) = resolve(geocoder, "The US said.", "US")  # a country's alias is a real name
    assert us.country == "USA"


def test_weak_candidates_of_a_longer_name_are_not_forced() -> None:
    from khabar.geo.index import GazetteerEntry, GazetteerIndex

    tiny = GazetteerIndex.from_entries(
        [GazetteerEntry(key="x", name="Oldtown", kind="city", lat=1, lon=1, alt_names=("Bobby",))]
    )
    (p,) = Geocoder(tiny).resolve("Bobby came.", [Place(text="Bobby", start=0, end=5)])
    assert p.lat is None and (p.how or "").startswith("unresolved: only weak")


def test_postal_place_needs_context() -> None:
    """A place known only from postal codes is chosen only when the text speaks for it."""
    from khabar.geo.index import GazetteerEntry, GazetteerIndex
    from tests.geo.tiny import ENTRIES

    kot = GazetteerEntry(
        key="gn-postal:AF:2601:kotwal",
        name="Kotwal",
        kind="city",
        feature="postal place",
        country="AFG",
        admin1="AF-NAN",
        admin1_name="Nangarhar",
        lat=34.3,
        lon=70.5,
    )
    geocoder = Geocoder(GazetteerIndex.from_entries([*ENTRIES, kot]))
    (alone,) = resolve(geocoder, "Shots were fired in Kotwal.", "Kotwal")
    assert alone.lat is None and (alone.how or "").startswith("unresolved")
    text = "Shots were fired in Kotwal, a village of Nangarhar province."
    kotwal, _ = resolve(geocoder, text, "Kotwal", "Nangarhar")
    assert (kotwal.name, kotwal.admin1) == ("Kotwal", "Nangarhar")
    assert "postal codes" in (kotwal.how or "")


def _with(*extra: object) -> Geocoder:
    from khabar.geo.index import GazetteerIndex
    from tests.geo.tiny import ENTRIES

    return Geocoder(GazetteerIndex.from_entries([*ENTRIES, *extra]))  # type: ignore[list-item]


def _state(code: str, name: str, lat: float, lon: float) -> object:
    from khabar.geo.index import GazetteerEntry

    return GazetteerEntry(
        key=f"s:US-{code}", name=name, kind="admin1", country="USA", admin1=f"US-{code}",
        admin1_name=name, lat=lat, lon=lon,
    )  # fmt: skip


def test_a_list_of_states_is_not_town_comma_state() -> None:
    from khabar.geo.index import GazetteerEntry

    town = GazetteerEntry(
        key="gn:20", name="Indiana", kind="city", country="USA", admin1="US-PA",
        admin1_name="Pennsylvania", lat=40.62, lon=-79.15, population=13_000,
    )  # fmt: skip
    geocoder = _with(
        _state("IN", "Indiana", 40.0, -86.1), _state("PA", "Pennsylvania", 40.9, -77.8), town
    )
    text = "Cases were reported in Texas, Indiana, Pennsylvania and Tennessee."
    states = resolve(geocoder, text, "Texas", "Indiana", "Pennsylvania", "Tennessee")
    assert [p.precision for p in states] == ["admin1"] * 4
    text = "The mayor of Indiana, Pennsylvania, said the plant had closed."
    indiana, _ = resolve(geocoder, text, "Indiana", "Pennsylvania")
    assert (indiana.precision, indiana.admin1) == ("city", "Pennsylvania")


def test_an_item_of_a_list_is_of_its_fellow_items_kind(geocoder: Geocoder) -> None:
    text = "Outbreaks were confirmed in Texas, Alabama, Georgia and Tennessee."
    places = resolve(geocoder, text, "Texas", "Alabama", "Georgia", "Tennessee")
    assert [p.country for p in places] == ["USA"] * 4
    assert "listed with other places" in (places[2].how or "")
    # Two names joined by a comma are one place ("Paris, Texas"), not a list.
    (paris, _) = resolve(geocoder, "Rain fell on Paris, Texas.", "Paris", "Texas")
    assert paris.country == "USA" and "listed" not in (paris.how or "")


def test_x_city_is_named_x_in_its_own_division_only() -> None:
    from khabar.geo.index import GazetteerIndex
    from tests.geo.tiny import _e

    ny, mt = (
        {"admin1": "US-NY", "admin1_name": "New York"},
        {"admin1": "US-MT", "admin1_name": "Montana"},
    )
    ix = GazetteerIndex.from_entries(
        [
            _e("s:NY", "New York", "admin1", "USA", 43.0, -75.5, **ny),
            _e(
                "c:NYC",
                "New York City",
                "city",
                "USA",
                40.7,
                -74.0,
                population=8_800_000,
                alt_names=("New York",),
                **ny,
            ),
            _e("s:MT", "Montana", "admin1", "USA", 47.0, -109.8, **mt),
            _e(
                "c:MTC",
                "Montana City",
                "city",
                "USA",
                46.5,
                -112.0,
                population=2_700,
                alt_names=("Montana",),
                **mt,
            ),
        ]
    )
    g = Geocoder(ix)
    assert g.resolve_name("New York").name == "New York City"
    assert "without 'City'" in (g.resolve_name("New York").how or "")
    text = "Farms in New York state"
    (state,) = g.resolve(text, spans(text, "New York"))
    assert state.kind == "admin1"  # the kind word decides
    assert g.resolve_name("Montana").kind == "admin1"  # a small 'X City' is not X


def test_the_dateline_is_its_own_city_not_the_division_named_after_it() -> None:
    from khabar.geo.index import GazetteerIndex
    from tests.geo.tiny import _e

    xa = {"admin1": "TJ-XA", "admin1_name": "Xanadu"}
    ix = GazetteerIndex.from_entries(
        [
            _e("c:X", "Xanadu", "city", "TJK", 38.5, 68.8, population=900_000, **xa),
            _e("s:X", "Xanadu", "admin1", "TJK", 38.6, 68.9, **xa),
        ]
    )
    text = "XANADU - Police detained six protesters."
    (p,) = Geocoder(ix).resolve(text, spans(text, "XANADU"))
    assert (p.name, p.kind) == ("Xanadu", "city"), p
    assert "the dateline's place" in (p.how or "")


def test_datelines_are_read_by_the_one_parser() -> None:
    from khabar.geo.resolve import wire_dateline

    line = wire_dateline("GOMA, Congo (Reuters) - Rebels advanced.")
    assert line is not None and line.place is not None and line.region is not None
    assert (line.place.text, line.region.text) == ("GOMA", "Congo")
    # a title-case place with a wire credit is a dateline too (khabar.text.dateline)
    line = wire_dateline("Dushanbe (AP) - Talks resumed.")
    assert line is not None and line.place is not None and line.place.text == "Dushanbe"
    assert wire_dateline("Talks resumed in Dushanbe on Monday.") is None


def test_a_demonym_of_the_text_is_country_context(geocoder: Geocoder) -> None:
    # "Indian" is no mention here, but says which country the text is about
    (p,) = resolve(geocoder, "Indian farmers rallied in Jalalabad.", "Jalalabad")
    assert p.country == "IND", p.how
    (q,) = resolve(geocoder, "Farmers rallied in Jalalabad.", "Jalalabad")
    assert q.country == "AFG", q.how


def test_a_name_looked_up_before_gets_fresh_candidates(geocoder: Geocoder) -> None:
    # the geocoder looks each name up once; every text still ranks the candidates anew
    texts = [
        ("He grew up in Paris, Texas.", "Paris"),
        ("He flew to Paris.", "Paris"),
        ("Farmers in India rallied in Jalalabad.", "Jalalabad"),
        ("Clashes in Jalalabad.", "Jalalabad"),
    ]
    first = [resolve(geocoder, text, name) for text, name in texts]
    again = [resolve(geocoder, text, name) for text, name in reversed(texts)]
    fresh = [resolve(Geocoder(tiny_index()), text, name) for text, name in texts]
    assert first == fresh == list(reversed(again))
    assert first[0][0].country == "USA" and first[1][0].country == "FRA"
