"""khabar.geo.countries: names and demonyms of the country table."""

from __future__ import annotations

import pytest

from khabar.geo.countries import load_countries


@pytest.mark.parametrize(
    ("demonym", "alpha3"),
    [
        ("Herzegovinian", "BIH"),  # countryinfo lists "Bosnian,Herzegovinian"
        ("Barbudan", "ATG"),
        ("Serb", "SRB"),
        ("Kazakh", "KAZ"),
        ("Afghans", "AFG"),
    ],
)
def test_demonyms(demonym: str, alpha3: str) -> None:
    country = load_countries().lookup_demonym(demonym)
    assert country is not None and country.alpha3 == alpha3
