"""khabar.evaluate.geo: corpus readers (three formats, hand-made) and the metrics."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from khabar.evaluate.geo import (
    MAX_KM,
    auc_of_errors,
    resolution_errors_by_source,
    score_errors,
    score_recognition,
    score_resolution,
)
from khabar.evaluate.geo_corpus import read_corpus
from khabar.geo.distance import haversine_km
from khabar.geo.home import HomeRegion
from khabar.model.core import Place

TEXT = "Rain fell on Kabul and on Dushanbe."

GEOVIRUS = f"""<articles><article><source>x</source><text>{TEXT}</text><locations>
<location><name>Kabul</name><start>14</start><end>19</end><lat>34.5</lat><lon>69.2</lon>
<page>x</page></location></locations></article></articles>"""

GWN = f"""<articles><article file="7"><text>{TEXT}</text><toponyms>
<toponym><extractedName>Kabul</extractedName><type>Literal</type><start>13</start><end>18</end>
<geonamesID>1138958</geonamesID><latitude>34.5</latitude><longitude>69.2</longitude></toponym>
<toponym><extractedName>Dushanbe</extractedName><type>Metonymic</type><start>26</start>
<end>34</end></toponym></toponyms></article></articles>"""


def test_read_geovirus_fixes_one_based_offsets(tmp_path: Path) -> None:
    path = tmp_path / "gv.xml"
    path.write_text(GEOVIRUS, encoding="utf-8")
    (art,) = read_corpus(path)
    (t,) = art.toponyms
    assert art.text[t.start : t.end] == "Kabul" and t.lat == 34.5


def test_read_gwn_types(tmp_path: Path) -> None:
    path = tmp_path / "gwn.xml"
    path.write_text(GWN, encoding="utf-8")
    (art,) = read_corpus(path)
    assert art.id == "7"
    assert [(t.text, t.type, t.geonameid) for t in art.toponyms] == [
        ("Kabul", "Literal", 1138958),
        ("Dushanbe", "Metonymic", None),
    ]


def test_metrics() -> None:
    assert haversine_km(0, 0, 0, 1) == pytest.approx(111.2, abs=0.2)
    s = score_errors([0.0, 100.0, 200.0, None])
    assert s.n == 4 and s.resolved == 3 and s.acc161 == 0.5
    assert s.median_km == 150.0 and s.mean_km == pytest.approx((300 + MAX_KM) / 4)
    assert auc_of_errors([0.0, 0.0]) == 0.0
    assert auc_of_errors([MAX_KM, MAX_KM]) == pytest.approx(1.0)
    assert 0 < auc_of_errors([10.0, 1000.0]) < 1
    assert math.isclose(score_errors([]).acc161, 0.0)


def test_scoring_with_fake_systems(tmp_path: Path) -> None:
    path = tmp_path / "gwn.xml"
    path.write_text(GWN, encoding="utf-8")
    arts = read_corpus(path)

    def resolve(text: str, mentions: list[Place]) -> list[Place]:
        return [m.model_copy(update={"lat": 34.6, "lon": 69.2}) for m in mentions]

    res = score_resolution(arts, resolve)
    assert res.n == 1 and res.acc161 == 1.0

    def recognise(text: str) -> list[Place]:
        return [
            Place(text="Kabul", start=13, end=18, lat=34.5, lon=69.2),
            Place(text="Rain", start=0, end=4),
            Place(text="Dushanbe", start=26, end=34),  # Metonymic: not counted either way
        ]

    rec, e2e = score_recognition(arts, recognise)
    # Metonymic "Dushanbe" is not a location for GeoWebNews recognition.
    assert (rec.gold, rec.predicted, rec.correct) == (1, 2, 1)
    assert rec.precision == 0.5 and rec.recall == 1.0
    assert e2e.n == 1 and e2e.acc161 == 1.0


def test_realign_moves_places_back_onto_the_original_text() -> None:
    from khabar.evaluate.geo import realign

    original = "Rain  fell on\\n\\nKabul  and on Dushanbe."
    normalised = "Rain fell on\\n\\nKabul and on Dushanbe."
    start = normalised.find("Dushanbe")
    (p,) = realign(original, normalised, [Place(text="Dushanbe", start=start, end=start + 8)])
    assert original[p.start : p.end] == "Dushanbe"
    same = [Place(text="Rain", start=0, end=4)]
    assert realign(original, original, same) == same


def test_calibration_buckets_resolved_places_by_score() -> None:
    from khabar.evaluate.geo import calibration

    def row(score: float | None, err: float | None) -> tuple[None, Place, float | None]:
        return None, Place(text="x", start=0, end=1, score=score), err

    rows = [row(0.99, 5.0), row(1.0, 500.0), row(0.85, 10.0), row(0.3, 900.0), row(None, None)]
    buckets = {(b.low, b.high): b for b in calibration(rows, edges=(0.0, 0.5, 0.9, 1.0))}
    assert (buckets[(0.9, 1.0)].n, buckets[(0.9, 1.0)].right) == (2, 1)  # 1.0 is in the last
    assert buckets[(0.9, 1.0)].accuracy == 0.5
    assert (buckets[(0.5, 0.9)].n, buckets[(0.5, 0.9)].accuracy) == (1, 1.0)
    assert (buckets[(0.0, 0.5)].n, buckets[(0.0, 0.5)].accuracy) == (1, 0.0)


def test_populated_and_admin_subset(tmp_path: Path) -> None:
    from khabar.evaluate.geo import resolution_errors, score_resolution_by_subset

    path = tmp_path / "gwn.xml"
    path.write_text(GWN, encoding="utf-8")

    def resolve(text: str, mentions: list[Place]) -> list[Place]:
        return [m.model_copy(update={"lat": 34.6, "lon": 69.2}) for m in mentions]

    rows = resolution_errors(read_corpus(path), resolve)
    assert set(score_resolution_by_subset(rows)) == {"all", "geonames"}
    subsets = score_resolution_by_subset(rows, {1138958})
    assert subsets["populated_admin"].n == 1 and subsets["populated_admin"].acc161 == 1.0
    assert "populated_admin" not in score_resolution_by_subset(rows, {42})


LGL_ARTICLE = """<article docid="{n}"><domain>Paper.example</domain><text>{text}</text>
<toponyms><toponym><start>0</start><end>5</end><phrase>Paris</phrase>
<gaztag geonameid="1"><lat>36.3</lat><lon>-88.3</lon></gaztag></toponym></toponyms></article>"""


def test_sources_are_read_from_each_format(tmp_path: Path) -> None:
    lgl = tmp_path / "lgl.xml"
    lgl.write_text(
        f"<articles>{LGL_ARTICLE.format(n=1, text='Paris fair.')}</articles>", encoding="utf-8"
    )
    gwn = tmp_path / "gwn.xml"
    gwn.write_text(GWN.replace("<text>", "<link>https://News.example/a/1</link><text>"), "utf-8")
    gv = tmp_path / "gv.xml"
    gv.write_text(GEOVIRUS.replace("<source>x", "<source>http://wiki.example/x"), "utf-8")
    assert [read_corpus(p)[0].source for p in (lgl, gwn, gv)] == [
        "paper.example",
        "news.example",
        "wiki.example",
    ]


def test_by_source_uses_the_other_stories_of_the_source_only(tmp_path: Path) -> None:
    path = tmp_path / "lgl.xml"
    body = "".join(LGL_ARTICLE.format(n=n, text=f"Paris fair {n}.") for n in range(3))
    path.write_text(f"<articles>{body}</articles>", encoding="utf-8")
    arts = read_corpus(path)
    seen: list[int] = []

    def resolve(text: str, mentions: list[Place], home: HomeRegion | None) -> list[Place]:
        state = "Tennessee" if home is not None else "Texas"
        return [
            m.model_copy(update={"lat": 36.3, "lon": -88.3, "country": "USA", "admin1": state})
            for m in mentions
        ]

    def infer(stories: list[list[Place]]) -> HomeRegion | None:
        seen.append(len(stories))
        # the first pass's places, never the second's
        assert all(p.admin1 == "Texas" for places in stories for p in places)
        return HomeRegion(country="USA", country_share=1.0, stories=len(stories))

    rows = resolution_errors_by_source(arts, resolve, infer)
    assert seen == [2, 2, 2]  # each article sees the two others
    assert [p.admin1 for _, p, _ in rows] == ["Tennessee"] * 3
    assert all(err == 0.0 for _, _, err in rows)


def test_demonym_entities_join_the_places_resolved_as_demonyms() -> None:
    from khabar.evaluate.geo import with_demonyms
    from khabar.model.core import Entity

    text = "Mexicans marched in Tijuana."
    places = [Place(text="Tijuana", start=20, end=27, name="Tijuana", lat=32.5, lon=-117.0)]
    entities = [
        Entity(text="Mexicans", start=0, end=8, label="DEMONYM"),
        Entity(text="Tijuana", start=20, end=27, label="PLACE"),
    ]
    seen: list[list[Place]] = []

    def resolve(t: str, mentions: list[Place]) -> list[Place]:
        seen.append(mentions)
        return [
            m.model_copy(update={"name": "Mexico", "lat": 23.0, "lon": -102.0}) for m in mentions
        ]

    out = with_demonyms(text, places, entities, resolve)
    assert [(p.text, p.name) for p in out] == [("Mexicans", "Mexico"), ("Tijuana", "Tijuana")]
    # the demonym is resolved as a demonym, with the text's places as its context
    assert [m.kind for m in seen[0]] == [None, "demonym"]
    assert with_demonyms(text, places, entities[1:], resolve) == places


def test_a_corpus_counts_demonyms_when_its_gold_marks_them() -> None:
    from khabar.evaluate.geo import counts_demonyms
    from khabar.evaluate.geo_corpus import GoldArticle, GoldToponym

    def article(*tops: tuple[str, str | None]) -> GoldArticle:
        return GoldArticle(
            id="a",
            text="x",
            toponyms=[GoldToponym(start=0, end=1, text=t, type=k) for t, k in tops],
        )

    def is_demonym(text: str) -> bool:
        return text in {"Russian", "Afghans"}

    places = [(f"Town{i}", None) for i in range(150)]
    # untyped gold (LGL) naming a demonym among the places
    assert counts_demonyms([article(*places, ("Russian", None), ("Afghans", None))], is_demonym)
    # typed gold (GeoWebNews): the type decides
    assert counts_demonyms([article(*places, ("Kabuli", "Demonym"), ("x", "Demonym"))], is_demonym)
    # a corpus that marks places only (GeoVirus), or one stray demonym in 150 places
    assert not counts_demonyms([article(*places)], is_demonym)
    assert not counts_demonyms([article(*places, ("Russian", None))], is_demonym)
    assert not counts_demonyms([], is_demonym)
