"""khabar.geo.calibrate: scores that say how far a pick can be trusted, on a tiny gazetteer."""

from __future__ import annotations

import pytest

from khabar.geo.calibrate import support
from khabar.geo.index import GazetteerEntry, GazetteerIndex
from khabar.geo.resolve import Geocoder
from khabar.geo.scoring import load_scoring
from khabar.model.core import Place
from tests.geo.test_resolve import resolve
from tests.geo.tiny import ENTRIES


def _geocoder(*extra: GazetteerEntry) -> Geocoder:
    return Geocoder(GazetteerIndex.from_entries([*ENTRIES, *extra]))


HAMLET = GazetteerEntry(
    key="gn:90", name="Congress", kind="city", country="USA", admin1="US-TX",
    admin1_name="Texas", lat=31.0, lon=-99.0, population=300,
)  # fmt: skip
TOWN_FAR = GazetteerEntry(
    key="gn:91", name="Lakeport", kind="city", country="NZL", lat=-41.0, lon=174.0,
    population=20_000,
)  # fmt: skip


def test_support_rises_with_the_raw_score() -> None:
    w = load_scoring().calibration
    assert support(w.support_midpoint, w) == pytest.approx(0.5)
    assert support(0.0, w) < 0.1 < support(3.0, w) < support(8.0, w)


def test_a_hamlet_named_like_a_common_word_is_not_confident() -> None:
    """An only candidate is not certain: a small town the text does not place locally (no
    division, nearby place, qualifier or dateline) scores low, and says why."""
    geocoder = _geocoder(HAMLET)
    text = "Congress met in the United States and in America on Monday."
    congress, _usa, _ = resolve(geocoder, text, "Congress", "United States", "America")
    assert congress.score is None or congress.score < 0.8
    assert "small place" in (congress.how or "")


def test_the_same_hamlet_placed_by_its_division_is_trusted_more() -> None:
    geocoder = _geocoder(HAMLET)
    bare = resolve(geocoder, "Congress met in the United States.", "Congress", "United States")
    placed = resolve(geocoder, "Congress, Texas, voted.", "Congress", "Texas")
    assert placed[0].name == "Congress" and placed[0].score is not None
    assert placed[0].score > (bare[0].score or 0.0)


def test_a_place_far_from_every_other_place_of_the_text_scores_low() -> None:
    geocoder = _geocoder(TOWN_FAR)
    text = "Fighting near Kabul, Jalalabad and Bazarak; Lakeport was quiet."
    *_afg, far = resolve(geocoder, text, "Kabul", "Jalalabad", "Bazarak", "Lakeport")
    if far.lat is None:
        assert f"below {load_scoring().calibration.unresolved_below}" in (far.how or "")
    else:
        assert far.score is not None and far.score < 0.5
    assert "from every other place in the text" in (far.how or "")


def test_a_partial_match_scores_lower_than_the_whole_name() -> None:
    geocoder = _geocoder()
    (whole,) = geocoder.resolve("Met in Dushanbe.", [Place(text="Dushanbe", start=7, end=15)])
    text = "Met in Dushanbe, Old Quarter."
    (part,) = geocoder.resolve(text, [Place(text="Dushanbe, Old Quarter", start=7, end=28)])
    assert part.name == whole.name == "Dushanbe"
    assert part.score is not None and whole.score is not None and part.score < whole.score
    assert "part of the name" in (part.how or "")


@pytest.mark.parametrize(("name", "kind"), [("Afghanistan", "country"), ("Nangarhar", "admin1")])
def test_precision_is_carried(name: str, kind: str) -> None:
    (p,) = _geocoder().resolve(name, [Place(text=name, start=0, end=len(name))])
    assert p.kind == kind and p.precision == kind


def test_a_dateline_qualifier_is_the_dateline_city() -> None:
    """ "KABUL, Afghanistan (AP) -": the report's place is the city, not the country's centre."""
    geocoder = _geocoder()
    text = "KABUL, Afghanistan (AP) - Talks began on Monday."
    city, qual = geocoder.resolve(
        text,
        [Place(text="KABUL", start=0, end=5), Place(text="Afghanistan", start=7, end=18)],
        dateline="KABUL",
    )
    assert (city.name, city.kind) == ("Kabul", "city")
    assert (qual.name, qual.kind, qual.precision) == ("Kabul", "city", "city")
    assert (qual.text, qual.start, qual.end) == ("Afghanistan", 7, 18)
    assert "dateline" in (qual.how or "")
    # Outside a dateline the country stays the country.
    (country,) = geocoder.resolve(
        "Talks began in Afghanistan.", [Place(text="Afghanistan", start=15, end=26)]
    )
    assert country.kind == "country" and country.precision == "country"


def test_a_name_with_its_qualifier_is_a_whole_match() -> None:
    """ "Dushanbe, Tajikistan" as one mention: the part after the comma confirms the pick."""
    geocoder = _geocoder()
    text = "Met in Dushanbe, Tajikistan."
    (p,) = geocoder.resolve(text, [Place(text="Dushanbe, Tajikistan", start=7, end=27)])
    assert p.name == "Dushanbe" and "part of the name" not in (p.how or "")


def test_a_rival_near_the_pick_does_not_lower_its_score() -> None:
    """The score says how likely the place meant lies within 161 km of the point given:
    Kabul the city and the province of Kabul agree; the two Jalalabads (Afghanistan, India)
    compete."""
    geocoder = _geocoder()
    (kabul,) = geocoder.resolve("Kabul", [Place(text="Kabul", start=0, end=5)])
    (jalal,) = geocoder.resolve("Jalalabad", [Place(text="Jalalabad", start=0, end=9)])
    assert kabul.score is not None and jalal.score is not None
    assert kabul.score > 0.95 > jalal.score
    assert "best of 2 candidates" in (kabul.how or "") and "best of 2" in (jalal.how or "")
