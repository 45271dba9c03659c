"""The pipeline's stages take their tables through initialize() and save them with the
pipeline: a saved pipeline loads back and gives the same output."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest
import spacy

from khabar.errors import ModelLoadError
from khabar.geo.countries import load_countries
from khabar.nlp.lexicon import KnownActor, actor_lexicon_from, load_actor_tables
from khabar.nlp.pipeline import load_saved_pipeline, run, stage_table
from khabar.nlp.stages import ActorStage, ClassifierStage, EventContextStage, EventStage

TEXTS = [
    "DUSHANBE - Police detained 12 protesters outside parliament on Tuesday, "
    "the interior ministry said.",
    "Rebels attacked an army convoy near Kunduz on March 3. The government condemned "
    "the attack and vowed to arrest those responsible.",
    "Kenya's foreign minister met his Ugandan counterpart in Nairobi and signed a trade "
    "agreement. Opposition leaders called for a boycott.",
]


def _output(doc: spacy.tokens.Doc) -> list[object]:
    """Everything khabar's stages write, as plain data."""
    ext = doc._
    values = [
        ext.khabar_places,
        ext.khabar_dates,
        ext.khabar_actors,
        ext.khabar_events,
        ext.khabar_non_events,
        ext.khabar_framing,
    ]
    plain = [[dataclasses.asdict(v) if dataclasses.is_dataclass(v) else v for v in value or []]
             for value in values]  # fmt: skip
    return [*plain, repr(ext.khabar_frame), [(e.text, e.label_, e.start) for e in doc.ents]]


@pytest.mark.slow
def test_saved_pipeline_loads_back_with_identical_output(nlp_rules, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    nlp_rules.to_disk(tmp_path / "pipeline")
    loaded = load_saved_pipeline(tmp_path / "pipeline")
    assert [row[:2] for row in stage_table(loaded)] == [row[:2] for row in stage_table(nlp_rules)]
    published = dt.date(2026, 3, 14)
    for text in TEXTS:
        before = run(nlp_rules, text, published)
        after = run(loaded, text, published)
        assert before._.khabar_events, text  # the texts exercise the event rules
        assert _output(after) == _output(before)


def test_actor_stage_saves_its_tables_not_a_path(tmp_path: Path) -> None:
    packaged = load_actor_tables()
    own = KnownActor(name="Harbour Guild", aliases=("the Guild",), kind="ORG", country=None,
                     sector="LAB")  # fmt: skip
    tables = packaged.model_copy(update={"actors": (*packaged.actors, own)})
    stage = ActorStage()
    stage.initialize(tables=tables, countries=load_countries())
    stage.to_disk(tmp_path / "actors")
    loaded = ActorStage().from_disk(tmp_path / "actors")
    assert loaded.context is not None
    assert loaded.context.lexicon.by_alias["the Guild"] == own
    assert loaded.context.lexicon == actor_lexicon_from(tables)
    assert loaded.context.capitals == stage.context.capitals  # type: ignore[union-attr]


def test_event_stages_round_trip_their_tables(tmp_path: Path) -> None:
    events = EventStage()
    events.initialize()
    events.to_disk(tmp_path / "events")
    assert EventStage().from_disk(tmp_path / "events").lexicon == events.lexicon
    context = EventContextStage()
    context.initialize()
    context.to_disk(tmp_path / "context")
    assert EventContextStage().from_disk(tmp_path / "context").countries == load_countries()


@pytest.mark.parametrize("stage", [ActorStage(), EventStage(), EventContextStage()])
def test_a_stage_used_before_initialize_says_so(stage, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(RuntimeError, match="initialize"):
        stage.to_disk(tmp_path / "x")


@pytest.mark.slow
def test_classifier_stage_saves_its_weights(event_classifier, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    stage = ClassifierStage()
    stage.initialize(typer=event_classifier)
    stage.to_disk(tmp_path / "classifier")
    loaded = ClassifierStage().from_disk(tmp_path / "classifier")
    sentences = ["Troops shelled the border town.", "The two leaders signed a trade deal."]
    assert loaded.typer is not None
    assert loaded.typer.predict(sentences) == event_classifier.predict(sentences)
    ClassifierStage().to_disk(tmp_path / "none")
    assert ClassifierStage().from_disk(tmp_path / "none").typer is None


def test_loading_a_folder_that_is_no_saved_pipeline_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ModelLoadError, match="not a saved khabar pipeline"):
        load_saved_pipeline(tmp_path / "absent")
