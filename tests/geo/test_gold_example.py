"""The founding example article: its places resolve right with the real gazetteer."""

from __future__ import annotations

from pathlib import Path

import pytest

from khabar.geo.index import GazetteerIndex
from khabar.geo.resolve import Geocoder
from khabar.model.core import Place

ARTICLE = Path(__file__).resolve().parents[2].parent / "shared/examples/tajikistan-appeal.txt"

EXPECTED = {
    "Panjshir": ("AFG", "admin1", 35.7, 70.1),
    "Nangarhar": ("AFG", "admin1", 34.2, 70.4),
    "Dushanbe": ("TJK", "city", 38.5, 68.8),
    "Tajikistan": ("TJK", "country", 39.0, 71.0),
    "Afghanistan": ("AFG", "country", 33.0, 65.0),
    "Uzbekistan": ("UZB", "country", 41.0, 64.0),
    "Turkmenistan": ("TKM", "country", 40.0, 60.0),
}


@pytest.mark.gold
@pytest.mark.slow
def test_example_article_places(gazetteer: GazetteerIndex) -> None:
    if not ARTICLE.is_file():
        pytest.skip(f"the example article is not at {ARTICLE} (../shared is absent)")
    text = ARTICLE.read_text(encoding="utf-8")
    mentions: list[Place] = []
    for name in EXPECTED:
        start = text.find(name)
        assert start >= 0, f"{name} not in the article"
        mentions.append(Place(text=name, start=start, end=start + len(name)))
    out = {p.text: p for p in Geocoder(gazetteer).resolve(text, mentions)}
    for name, (country, kind, lat, lon) in EXPECTED.items():
        p = out[name]
        assert (p.country, p.kind) == (country, kind), (name, p)
        assert p.lat is not None and p.lon is not None
        assert abs(p.lat - lat) < 1.5 and abs(p.lon - lon) < 1.5, (name, p)
        assert p.score is not None and p.score > 0.5, (name, p)
