"""Exports round-trip: CSV into pandas, GeoJSON structure, Parquet via pyarrow, JSONL schema."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from khabar.export import CSV_COLUMNS, flatten, write_csv, write_geojson, write_jsonl, write_parquet
from khabar.export.formats import CSV_DTYPES
from khabar.store import StoredEvent, open_store
from khabar.store.dedup import recluster
from khabar.store.query import query_events
from tests.store.factories import actor, make_event, make_result

SCHEMA = Path(__file__).resolve().parents[2] / "docs" / "schema" / "event.schema.json"


@pytest.fixture(scope="module")
def stored() -> list[StoredEvent]:
    with open_store("sqlite://") as store:
        store.add_result(
            make_result(
                'Rebels attacked police, "again", in Kabul.',
                [
                    make_event(
                        'Rebels attacked police, "again", in Kabul.',
                        actors=[actor("Taliban", "AFG", "REB")],
                        recipients=[actor("Police", "AFG", "COP")],
                        mode="fire",
                    ),
                    make_event("Someone attacked, somewhere.", place=None, date=None, eid="e2"),
                ],
                url="https://www.tolonews.com/x",
            )
        )
        store.add_result(
            make_result(
                "Crowds protested in Paris; it was calm.",
                [make_event("Crowds protested in Paris.", type_="PROTEST", date="2026-02",
                            place=("Paris", "FRA", 48.86, 2.35))],
            )
        )  # fmt: skip
        recluster(store)
        return list(query_events(store))


def test_csv_loads_in_pandas_with_typed_columns(stored: list[StoredEvent]) -> None:
    pd = pytest.importorskip("pandas")
    buf = io.StringIO()
    assert write_csv(stored, buf) == 3
    df = pd.read_csv(io.StringIO(buf.getvalue()), dtype=CSV_DTYPES, parse_dates=["event_date"])
    assert list(df.columns) == list(CSV_COLUMNS)
    assert str(df["event_date"].dtype).startswith("datetime64")
    assert df["latitude"].dtype == "float64" and df["longitude"].dtype == "float64"
    assert str(df["n_sources"].dtype) == "Int64"
    row = df[df["actor1"] == "Taliban"].iloc[0]
    assert (row["event_type"], row["actor1"], row["actor2"]) == ("ASSAULT", "Taliban", "Police")
    assert row["notes"] == 'Rebels attacked police, "again", in Kabul.'
    assert row["source"] == "tolonews.com"
    assert str(row["event_date"].date()) == "2026-03-01"
    assert df["event_date"].isna().sum() == 1  # the undated event


def test_geojson_is_a_valid_feature_collection(stored: list[StoredEvent]) -> None:
    buf = io.StringIO()
    write_geojson(stored, buf)
    doc = json.loads(buf.getvalue())
    assert doc["type"] == "FeatureCollection"
    assert len(doc["features"]) == 3
    for feature in doc["features"]:
        assert feature["type"] == "Feature"
        assert set(feature) == {"type", "id", "geometry", "properties"}
        geom = feature["geometry"]
        if geom is None:
            assert feature["properties"]["latitude"] is None
            continue
        assert geom["type"] == "Point"
        lon, lat = geom["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90
        assert (lat, lon) == (feature["properties"]["latitude"], feature["properties"]["longitude"])


def test_parquet_reads_back(stored: list[StoredEvent], tmp_path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    path = tmp_path / "events.parquet"
    assert write_parquet(stored, path) == 3
    table = pq.read_table(path)
    assert table.schema.field("event_date").type == pa.date32()
    assert table.schema.field("latitude").type == pa.float64()
    assert table.to_pylist() == [flatten(se).model_dump() for se in stored]


def test_empty_parquet_still_has_the_schema(tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    path = tmp_path / "none.parquet"
    assert write_parquet([], path) == 0
    assert pq.read_table(path).column_names == list(CSV_COLUMNS)


def test_jsonl_validates_against_the_published_event_schema(stored: list[StoredEvent]) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(SCHEMA.read_text())
    validator = jsonschema.Draft202012Validator(schema)
    buf = io.StringIO()
    write_jsonl(stored, buf)
    lines = buf.getvalue().splitlines()
    assert len(lines) == 3
    for line, se in zip(lines, stored, strict=True):
        obj = json.loads(line)
        errors = list(validator.iter_errors(obj["event"]))
        assert errors == [], errors[0].message if errors else ""
        assert obj["article"]["id"] == se.article.id
        assert StoredEvent.model_validate_json(line) == se
