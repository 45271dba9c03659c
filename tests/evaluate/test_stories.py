"""khabar.evaluate.stories: loaders and the story scorer on gold and predictions written here."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from khabar.cli.main import app
from khabar.errors import EvaluationError
from khabar.evaluate.stories import (
    StoryArticle,
    StoryGoldEvent,
    dump_predictions,
    load_stories,
    read_predictions,
    score_stories,
)
from khabar.model import (
    ActorRef,
    Article,
    DateValue,
    Event,
    Evidence,
    ExtractionResult,
    Fatalities,
    Place,
    Span,
)

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
NEWS_DEV = SHARED / "eval" / "news-dev"

STORY = (
    "ZANDRIA, March 4 (Wirecast) - Rebels attacked an army post near Zandria on Tuesday, "
    "killing at least 12 soldiers. The government accused the rebels of breaking the "
    "ceasefire. In 2019, the two sides signed a truce."
)
BUS = "A bus caught fire on a coastal highway on Monday, killing five passengers."
ATTACK = "Rebels attacked an army post near Zandria on Tuesday, killing at least 12 soldiers"
ACCUSE = "The government accused the rebels of breaking the ceasefire"
TRUCE = "In 2019, the two sides signed a truce"


def gold_line(article_id: str, type_: str, evidence: str, **fields: object) -> dict[str, object]:
    return {"article_id": article_id, "type": type_, "evidence": evidence, **fields}


GOLD = [
    gold_line(
        "w1", "ASSAULT", ATTACK, source="Rebels", source_aliases=["Rebels"],
        target="Army", target_aliases=["an army post"], date="2031-03-04",
        lat=10.0, lon=20.0, fatalities=12,
    ),
    gold_line("w1", "ACCUSE", ACCUSE, source="Government", source_aliases=["The government"]),
    gold_line("w1", "AGREE", TRUCE, alt_types=["COOPERATE"], factuality="historical"),
]  # fmt: skip


def actor(text: str) -> ActorRef:
    return ActorRef(text=text, start=0, end=len(text), name=text)


def event(
    text: str, evidence: str, type_: str, factuality: str = "asserted", **extra: object
) -> Event:
    start = text.index(evidence)
    end = start + len(evidence)
    return Event.model_validate(
        {
            "id": f"e{start}",
            "type": type_,
            "factuality": factuality,
            "evidence": Evidence(
                text=evidence, start=start, end=end, trigger=Span(text="", start=start, end=start)
            ),
            "confidence": 0.8,
            "ontology_version": "test",
            **extra,
        }
    )


def result(text: str, events: list[Event]) -> ExtractionResult:
    article = Article(id="a", text=text, text_sha256="0" * 64)
    return ExtractionResult(khabar_version="test", article=article, events=events)


def place(lat: float, lon: float) -> Place:
    return Place(text="Zandria", start=0, end=7, lat=lat, lon=lon)


def articles() -> list[StoryArticle]:
    gold = tuple(StoryGoldEvent.model_validate(g) for g in GOLD)
    return [
        StoryArticle(id="w1", text=STORY, published=dt.date(2031, 3, 4), gold=gold),
        StoryArticle(id="n1", text=BUS, political=False),
    ]


def predictions(lat: float = 10.2, fatalities: int | None = 12) -> dict[str, ExtractionResult]:
    dead = Fatalities(value=fatalities, text="at least 12", start=0, end=11, how="t", rule="r")
    attack = event(
        STORY, ATTACK, "ASSAULT",
        actor=[actor("Rebels")], recipient=[actor("army post")],
        date=DateValue(value="2031-03-04", precision="day", how="sentence"),
        location=place(lat, 20.0), fatalities=dead,
    )  # fmt: skip
    truce = event(STORY, TRUCE, "COOPERATE")  # an alt type, wrongly asserted
    fire = event(BUS, "killing five passengers", "ASSAULT")
    return {"w1": result(STORY, [attack, truce]), "n1": result(BUS, [fire])}


def test_a_story_scores_recall_false_facts_and_fields_of_matched_events() -> None:
    m = score_stories(articles(), predictions())
    assert m.recall == 0.5 and (m.counts.found, m.counts.asserted) == (1, 2)
    assert (m.false_facts, m.traps) == (1, 1)
    assert m.date_acc == 1.0 and m.actor_acc == 1.0 and m.recipient_acc == 1.0
    assert m.place50_acc == 1.0 and m.place100_acc == 1.0
    assert m.fatalities_acc == 1.0 and m.spurious_fatalities == 0
    assert m.factuality_acc == 0.5  # the attack right, the background truce wrong
    assert m.asserted_per_article == 2.0 and m.gold_asserted_per_article == 2.0
    assert m.nonpolitical_asserted_per_article == 1.0
    assert m.nonpolitical_articles_with_events == 1


def test_figures_are_split_per_class_and_per_article_kind() -> None:
    m = score_stories(articles(), predictions())
    assert set(m.per_class) == {"ASSAULT", "ACCUSE", "AGREE"}
    assert m.per_class["ACCUSE"].recall == 0.0 and m.per_class["ASSAULT"].recall == 1.0
    assert m.per_class["AGREE"].false_facts == 1
    assert m.per_kind["political"].counts.articles == 1
    assert m.per_kind["non-political"].asserted_per_article == 1.0
    assert m.per_kind["non-political"].recall is None  # no gold events there


@pytest.mark.parametrize(
    ("lat", "within50", "within100"), [(10.6, False, True), (11.5, False, False)]
)
def test_place_is_scored_within_50_and_100_km(lat: float, within50: bool, within100: bool) -> None:
    m = score_stories(articles(), predictions(lat=lat))
    assert m.place50_acc == float(within50) and m.place100_acc == float(within100)


def test_a_wrong_or_vague_fatality_count_is_a_miss() -> None:
    assert score_stories(articles(), predictions(fatalities=14)).fatalities_acc == 0.0
    assert score_stories(articles(), predictions(fatalities=None)).fatalities_acc == 0.0


def test_a_missing_prediction_is_a_clear_error() -> None:
    with pytest.raises(EvaluationError, match="no prediction for article 'n1'"):
        score_stories(articles(), {"w1": predictions()["w1"]})


def write_folder(folder: Path) -> None:
    rows = [
        {"id": "w1", "published": "2031-03-04", "political": True, "outlet": "x", "text": STORY},
        {"id": "n1", "published": None, "political": False, "outlet": None, "text": BUS},
    ]
    (folder / "articles.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    (folder / "gold.jsonl").write_text("".join(json.dumps(g) + "\n" for g in GOLD))


def test_loads_a_folder_and_a_single_gold_file(tmp_path: Path) -> None:
    write_folder(tmp_path)
    loaded = load_stories(tmp_path)
    assert [(a.id, a.political, len(a.gold)) for a in loaded] == [("w1", True, 3), ("n1", False, 0)]
    single = tmp_path / "one"
    single.mkdir()
    (single / "w1.txt").write_text(STORY)
    (single / "w1.gold.jsonl").write_text("".join(json.dumps(g) + "\n" for g in GOLD))
    [story] = load_stories(single / "w1.gold.jsonl", dt.date(2031, 3, 4))
    assert story.political and story.published == dt.date(2031, 3, 4) and len(story.gold) == 3


def test_bad_gold_is_a_clear_error(tmp_path: Path) -> None:
    write_folder(tmp_path)
    (tmp_path / "gold.jsonl").write_text('{"article_id": "w1"\n')
    with pytest.raises(EvaluationError, match=r"gold\.jsonl:1: not JSON"):
        load_stories(tmp_path)


def test_predictions_round_trip_and_the_cli_scores_them(tmp_path: Path) -> None:
    write_folder(tmp_path)
    saved = tmp_path / "pred.jsonl"
    saved.write_text(dump_predictions(predictions()))
    assert read_predictions(saved)["w1"].events[0].fatalities.value == 12  # type: ignore[union-attr]
    out = CliRunner().invoke(
        app, ["evaluate", "stories", "--gold", str(tmp_path), "--predictions", str(saved), "--json"]
    )
    assert out.exit_code == 0, out.output
    figures = json.loads(out.output)
    for key in ("recall", "false_facts", "traps", "date_acc", "place100_acc", "actor_acc",
                "recipient_acc", "fatalities_acc", "asserted_per_article",
                "nonpolitical_asserted_per_article"):  # fmt: skip
        assert key in figures
    assert figures["recall"] == 0.5 and figures["false_facts"] == 1
    table = CliRunner().invoke(
        app, ["evaluate", "stories", "--gold", str(tmp_path), "--predictions", str(saved)]
    )
    assert table.exit_code == 0 and "spurious fatalities 0" in table.output


@pytest.mark.gold
def test_news_dev_gold_loads_and_every_evidence_is_in_its_article() -> None:
    if not (NEWS_DEV / "gold.jsonl").is_file():
        pytest.skip("../shared/eval/news-dev is absent")
    loaded = load_stories(NEWS_DEV)
    empty = {a.id: result(a.text, []) for a in loaded}
    m = score_stories(loaded, empty)
    assert m.missing_evidence == []
    assert m.recall == 0.0 and m.counts.asserted > 0 and m.traps > 0


@pytest.mark.slow
@pytest.mark.gold
def test_the_founding_example_scores_every_event_and_no_trap(extractor) -> None:  # type: ignore[no-untyped-def]
    from khabar.ingest.read import RawArticle

    gold = SHARED / "examples" / "tajikistan-appeal.gold.jsonl"
    if not gold.is_file():
        pytest.skip("../shared/examples is absent")
    [story] = load_stories(gold, dt.date(2021, 8, 24))
    got = extractor.extract(RawArticle(text=story.text), published=story.published)
    m = score_stories([story], {story.id: got}, corpus=gold.name)
    assert (m.counts.found, m.counts.asserted) == (9, 9)
    assert (m.false_facts, m.traps) == (0, 8)
    assert m.per_kind["political"].counts.articles == 1


def test_an_event_told_again_matches_gold_through_its_mentions() -> None:
    # The scorer's one-to-one matching also looks at the sentences an event was merged from:
    # the event found in the accusation's sentence, told again in the attack's, matches the
    # attack gold line, but one event still counts for one gold line only.
    start = STORY.index(ATTACK)
    told_again = Evidence(
        text=ATTACK,
        start=start,
        end=start + len(ATTACK),
        trigger=Span(text="", start=start, end=start),
    )
    merged = event(STORY, ACCUSE, "ASSAULT", mentions=[told_again])
    preds = {"w1": result(STORY, [merged]), "n1": result(BUS, [])}
    metrics = score_stories(articles(), preds)
    assert (metrics.counts.found, metrics.counts.asserted) == (1, 2)
    bare = event(STORY, ACCUSE, "ASSAULT")
    metrics = score_stories(articles(), {"w1": result(STORY, [bare]), "n1": result(BUS, [])})
    assert (metrics.counts.found, metrics.counts.asserted) == (0, 2)
