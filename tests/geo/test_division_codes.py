"""Divisions named by their ISO 3166-2 code ("BC", "B.C."): the text's country decides."""

from __future__ import annotations

import pytest

from khabar.geo.index import GazetteerIndex
from khabar.geo.resolve import Geocoder
from khabar.geo.variants import DivisionCodes, division_code
from khabar.model.core import Place
from tests.geo.tiny import _e

ENTRIES = [
    _e("c:CAN", "Canada", "country", "CAN", 60.0, -96.0, population=38_000_000),
    _e("c:MEX", "Mexico", "country", "MEX", 23.0, -102.0, population=126_000_000),
    _e("s:CA-BC", "British Columbia", "admin1", "CAN", 53.7, -127.6, admin1="CA-BC",
       admin1_name="British Columbia"),
    _e("s:MX-BC", "Baja California", "admin1", "MEX", 30.0, -115.0, admin1="MX-BC",
       admin1_name="Baja California"),
    _e("gn:1", "Vancouver", "city", "CAN", 49.25, -123.1, admin1="CA-BC",
       admin1_name="British Columbia", population=600_000),
    _e("gn:2", "Tijuana", "city", "MEX", 32.5, -117.0, admin1="MX-BC",
       admin1_name="Baja California", population=1_300_000),
]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "code"), [("BC", "BC"), ("B.C.", "BC"), ("NSW", "NSW"), ("Bc", None), ("BCDE", None)]
)
def test_division_code(text: str, code: str | None) -> None:
    assert division_code(text) == code


def test_codes_shared_by_countries() -> None:
    codes = DivisionCodes(ENTRIES)
    assert {e.country for e in codes.lookup("B.C.")} == {"CAN", "MEX"}
    assert codes.lookup("Vancouver") == [] and codes.lookup("ZZ") == []
    in_memory = DivisionCodes.of(GazetteerIndex.from_entries(ENTRIES))
    assert {e.admin1 for e in in_memory.lookup("BC")} == {"CA-BC", "MX-BC"}


def _resolve(text: str, *names: str) -> list[Place]:
    mentions = [Place(text=n, start=text.index(n), end=text.index(n) + len(n)) for n in names]
    return Geocoder(GazetteerIndex.from_entries(ENTRIES)).resolve(text, mentions)


@pytest.mark.parametrize(
    ("city", "division"), [("Vancouver", "British Columbia"), ("Tijuana", "Baja California")]
)
def test_the_texts_country_decides_which_division(city: str, division: str) -> None:
    place = _resolve(f"Fires near {city} spread across BC on Monday.", city, "BC")[1]
    assert place.name == division and place.precision == "admin1", place.how
    assert "ISO 3166-2" in (place.how or "")


def test_a_bare_code_without_context_stays_unresolved() -> None:
    (place,) = _resolve("BC voted.", "BC")
    assert place.lat is None and (place.how or "").startswith("unresolved")
