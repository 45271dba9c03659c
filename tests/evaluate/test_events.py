"""khabar.evaluate.events: loaders, matching and scorers on tiny hand-made gold + fakes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from khabar.cli import evaluate_events_cmd
from khabar.errors import EvaluationError
from khabar.evaluate.events import (
    GoldActor,
    GsrRecord,
    actor_matches,
    gold_articles,
    load_gold_jsonl,
    load_gsr,
    match_article,
    normalise_name,
    score_gold,
    score_gsr,
    score_gsr_types,
    type_scores,
)
from khabar.model import (
    ActorRef,
    Article,
    DateValue,
    Event,
    Evidence,
    ExtractionResult,
    Span,
)
from khabar.nlp.classify import EventTypeClassifier

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
GSR_PATH = SHARED / "eval" / "plover-gsr" / "PLOVER_GSR_CAMEO.parsed.json"
EXAMPLE_GOLD = SHARED / "examples" / "tajikistan-appeal.gold.jsonl"


# ------------------------------------------------------------------------------ fakes


def actor(text: str, name: str | None = None, country: str | None = None) -> ActorRef:
    return ActorRef(text=text, start=0, end=len(text), name=name or text, country=country)


def event(
    type_: str,
    text: str,
    start: int = 0,
    end: int | None = None,
    confidence: float = 0.5,
    actors: list[ActorRef] | None = None,
    recipients: list[ActorRef] | None = None,
    factuality: str = "asserted",
    date: str | None = None,
) -> Event:
    end = len(text) if end is None else end
    return Event.model_validate(
        {
            "id": f"e{start}-{type_}",
            "type": type_,
            "actor": actors or [],
            "recipient": recipients or [],
            "factuality": factuality,
            "evidence": Evidence(
                text=text[start:end],
                start=start,
                end=end,
                trigger=Span(text="", start=start, end=start),
            ),
            "date": DateValue(value=date, precision="day", how="sentence") if date else None,
            "confidence": confidence,
            "ontology_version": "test",
        }
    )


def result(text: str, events: list[Event]) -> ExtractionResult:
    article = Article(id="a", text_sha256="0", text=text)
    return ExtractionResult(khabar_version="test", article=article, events=events)


# ------------------------------------------------------------------------- type scoring


def test_type_scores_known_values() -> None:
    pairs = [("AGREE", "AGREE"), ("AGREE", "REJECT"), ("REJECT", "REJECT"), ("AGREE", "NONE")]
    per_class, macro, accuracy = type_scores(pairs, types=["AGREE", "REJECT", "AID"])
    assert per_class["AGREE"].precision == 1.0
    assert per_class["AGREE"].recall == pytest.approx(1 / 3)
    assert per_class["AGREE"].f1 == pytest.approx(0.5)
    assert per_class["REJECT"].precision == 0.5
    assert per_class["REJECT"].recall == 1.0
    assert per_class["REJECT"].f1 == pytest.approx(2 / 3)
    assert per_class["AID"].support == 0
    assert macro == pytest.approx((0.5 + 2 / 3) / 2)  # AID has no support: not averaged
    assert accuracy == 0.5


# ------------------------------------------------------------------------------ loaders

GSR_RECORDS = [
    {"id": "doc", "event": "DOCUMENT", "eventText": "metadata"},
    {
        "id": "r1",
        "event": "DEMAND",
        "text": "Ruritania demanded that Freedonia withdraw its troops.",
        "source": [{"actorText": "Ruritania", "code": "RUR"}],
        "target": [{"actorText": "Freedonia", "code": "FRE"}],
    },
    {
        "id": "r2",
        "event": "FIGHT",
        "text": "Kenyan soldiers clashed with militants near the border.",
        "source": [{"actorText": "Kenyan", "code": "KEN", "sector": "MIL"}],
        "target": "",
    },
    {
        "id": "r3",
        "event": "INVESTIGATE",
        "text": "The United Nations opened an inquiry into the killings.",
        "source": [{"actorText": "United Nations", "code": "IGO"}],
        "target": None,
    },
]


@pytest.fixture
def gsr_file(tmp_path: Path) -> Path:
    path = tmp_path / "gsr.json"
    path.write_text(json.dumps(GSR_RECORDS), encoding="utf-8")
    return path


def test_load_gsr_skips_document_and_maps_legacy_labels(gsr_file: Path) -> None:
    records = load_gsr(gsr_file)
    assert [r.id for r in records] == ["r1", "r2", "r3"]
    assert [r.type for r in records] == ["REQUEST", "ASSAULT", "ACCUSE"]
    assert records[2].mode == "investigate"
    assert records[0].recipients == (GoldActor(text="Freedonia", code="FRE"),)
    assert records[1].recipients == ()
    assert records[1].actors[0].sector == "MIL"


def test_load_gsr_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(EvaluationError, match="--gold"):
        load_gsr(tmp_path / "absent.json")


# ------------------------------------------------------------------------ actor matching


@pytest.mark.parametrize(
    ("predicted", "gold", "expected"),
    [
        (actor("Senior Hungarian officials"), GoldActor(text="Hungarian"), True),
        (actor("militants", name="Taliban"), GoldActor(text="Taliban militants"), True),
        (actor("the U.N."), GoldActor(text="U.N."), True),
        (actor("Hungarians"), GoldActor(text="Hungarian"), False),  # whole words only
        (actor("Gaza officials", country="PSE"), GoldActor(text="Palestinians", code="PSE"), True),
        (actor("NATO", country="IGO"), GoldActor(text="United Nations", code="IGO"), False),
        (actor("he", name="Amrullah Saleh"), GoldActor(text="Saleh", aliases=("he",)), True),
        (actor("police"), GoldActor(text="protesters"), False),
    ],
)
def test_actor_matches(predicted: ActorRef, gold: GoldActor, expected: bool) -> None:
    assert actor_matches(predicted, gold) is expected


def test_normalise_name() -> None:
    assert normalise_name("The Béjaïa  Council!") == "bejaia council"


# ----------------------------------------------------------------------------- GSR


def test_score_gsr_with_fake_extractor(gsr_file: Path) -> None:
    records = load_gsr(gsr_file)
    texts = {r.id: r.text for r in records}
    canned = {
        # right type, right actor, wrong recipient; a low-confidence extra event
        texts["r1"]: [
            event(
                "REQUEST",
                texts["r1"],
                confidence=0.9,
                actors=[actor("Ruritania")],
                recipients=[actor("its troops")],
            ),
            event("RETREAT", texts["r1"], confidence=0.2),
        ],
        # wrong best type (COERCE beats ASSAULT), actor right through the country code
        texts["r2"]: [
            event("COERCE", texts["r2"], confidence=0.8, actors=[actor("soldiers", country="KEN")]),
            event("ASSAULT", texts["r2"], confidence=0.7),
        ],
        # nothing found
        texts["r3"]: [],
    }
    metrics = score_gsr(records, lambda text: result(text, canned[text]), system="fake")
    assert metrics.n == 3
    assert metrics.accuracy == pytest.approx(1 / 3)
    assert metrics.predicted_none == 1
    assert metrics.per_class["REQUEST"].f1 == 1.0
    assert metrics.per_class["COERCE"].precision == 0.0
    assert metrics.per_class["ASSAULT"].recall == 0.0
    assert metrics.macro_f1 == pytest.approx(1 / 3)  # REQUEST 1, ASSAULT 0, ACCUSE 0
    assert metrics.any_type_acc == pytest.approx(2 / 3)
    assert metrics.event_precision == pytest.approx(2 / 4)
    assert metrics.events_per_item == pytest.approx(4 / 3)
    assert (metrics.actor_acc, metrics.n_actor) == (pytest.approx(2 / 3), 3)
    assert (metrics.recipient_acc, metrics.n_recipient) == (0.0, 1)
    assert metrics.actor_text_acc == pytest.approx(1 / 3)  # "soldiers" is not "Kenyan"
    assert metrics.confusion["ASSAULT"] == {"COERCE": 1}


def test_score_gsr_types_baseline() -> None:
    records = [
        GsrRecord(id="1", text="a", type="AGREE", legacy_type="AGREE"),
        GsrRecord(id="2", text="b", type="AID", legacy_type="AID"),
    ]
    metrics = score_gsr_types(records, lambda texts: ["AGREE", "NONE"])
    assert metrics.macro_f1 == pytest.approx(0.5)
    assert metrics.actor_acc is None


# ------------------------------------------------------------------------ gold JSONL

ARTICLE = (
    "On Monday the council asked Ruritania to send doctors. "
    "Rebels attacked the convoy on 3 May. "
    "Freedonia might send aid if the roads reopen."
)


def _gold_lines() -> list[dict[str, object]]:
    return [
        {
            "article_id": "art",
            "type": "REQUEST",
            "alt_types": ["SUPPORT"],
            "source": "Council",
            "source_aliases": ["the council"],
            "target": "Ruritania",
            "target_aliases": [],
            "date": None,
            "factuality": "asserted",
            "evidence": "the council asked Ruritania to send doctors",
        },
        {
            "article_id": "art",
            "type": "ASSAULT",
            "alt_types": [],
            "source": "Rebels",
            "source_aliases": [],
            "target": None,
            "target_aliases": [],
            "date": "2024-05-03",
            "factuality": "asserted",
            "evidence": "Rebels attacked the convoy on 3 May.",
        },
        {
            "article_id": "art",
            "type": "AID",
            "alt_types": [],
            "source": "Freedonia",
            "source_aliases": [],
            "target": None,
            "target_aliases": [],
            "date": None,
            "factuality": "hypothetical",
            "evidence": "Freedonia might send aid if the roads reopen.",
        },
    ]


@pytest.fixture
def gold_file(tmp_path: Path) -> Path:
    path = tmp_path / "art.gold.jsonl"
    path.write_text("\n".join(json.dumps(line) for line in _gold_lines()), encoding="utf-8")
    (tmp_path / "art.txt").write_text(ARTICLE, encoding="utf-8")
    return path


def _span(sentence: str) -> tuple[int, int]:
    start = ARTICLE.index(sentence)
    return start, start + len(sentence)


def _fake_article_events() -> list[Event]:
    s1 = _span("On Monday the council asked Ruritania to send doctors.")
    s2 = _span("Rebels attacked the convoy on 3 May.")
    s3 = _span("Freedonia might send aid if the roads reopen.")
    return [
        # alt type accepted; actor via alias; recipient right
        event("SUPPORT", ARTICLE, *s1, 0.6, [actor("the council")], [actor("Ruritania")]),
        # right type, wrong date, actor right
        event("ASSAULT", ARTICLE, *s2, 0.9, [actor("Rebels")], date="2024-05-04"),
        # the trap reported as a fact
        event("AID", ARTICLE, *s3, 0.7, [actor("Freedonia")]),
        # an extra asserted event outside every gold evidence span: reported, not an error
        event("CONSULT", ARTICLE, 0, 2, 0.1),
    ]


def test_match_article_prefers_asserted_and_acceptable_types(gold_file: Path) -> None:
    gold = load_gold_jsonl(gold_file)
    assert match_article(ARTICLE, gold, _fake_article_events()) == {0: 0, 1: 1, 2: 2}


def test_score_gold_with_fake_extractor(gold_file: Path) -> None:
    gold = load_gold_jsonl(gold_file)
    articles = gold_articles(gold, gold_file)
    assert articles[0][0] == ARTICLE
    metrics = score_gold(articles, lambda text: result(text, _fake_article_events()))
    g = metrics.gold
    assert g is not None
    assert metrics.n == 2  # asserted gold events only
    assert metrics.macro_f1 == 1.0
    assert (metrics.actor_acc, metrics.n_actor) == (1.0, 2)
    assert (metrics.recipient_acc, metrics.n_recipient) == (1.0, 1)
    assert (g.n_events, g.n_asserted, g.n_traps) == (3, 2, 1)
    assert g.event_recall == 1.0
    assert g.evidence_overlap == 1.0
    assert g.trap_violations == 1
    assert (g.factuality_acc, g.n_factuality) == (pytest.approx(2 / 3), 3)
    assert (g.date_acc, g.n_dated) == (0.0, 1)
    assert g.offsets_valid == 1.0
    assert g.unmatched_predicted_asserted == 1


def test_score_gold_trap_reported_as_hypothetical_is_fine(gold_file: Path) -> None:
    events = _fake_article_events()
    events[2] = events[2].model_copy(update={"factuality": "hypothetical"})
    gold = load_gold_jsonl(gold_file)
    metrics = score_gold(gold_articles(gold, gold_file), lambda text: result(text, events))
    assert metrics.gold is not None
    assert metrics.gold.trap_violations == 0
    assert metrics.gold.factuality_acc == 1.0


def test_score_gold_nothing_found(gold_file: Path) -> None:
    gold = load_gold_jsonl(gold_file)
    metrics = score_gold(gold_articles(gold, gold_file), lambda text: result(text, []))
    assert metrics.macro_f1 == 0.0
    assert metrics.predicted_none == 2
    assert metrics.actor_acc == 0.0
    assert metrics.gold is not None
    assert metrics.gold.factuality_acc is None
    assert metrics.gold.offsets_valid is None


def test_load_gold_jsonl_rejects_unknown_type(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text(json.dumps({"article_id": "x", "type": "HUG", "evidence": "e"}))
    with pytest.raises(EvaluationError, match="HUG"):
        load_gold_jsonl(path)


# ---------------------------------------------------------------------------- CLI


def test_cli_json_on_tiny_gsr(gsr_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from khabar.cli.main import app

    monkeypatch.setattr(
        evaluate_events_cmd,
        "_load_extractor",
        lambda published: (
            lambda texts: [
                result(t, [event("REQUEST", t, actors=[actor("Ruritania")])]) for t in texts
            ]
        ),
    )
    out = CliRunner().invoke(app, ["evaluate", "events", "--gold", str(gsr_file), "--json"])
    assert out.exit_code == 0, out.output
    data = json.loads(out.stdout)
    assert {"macro_f1", "per_class", "n", "actor_acc", "recipient_acc"} <= set(data)
    assert data["n"] == 3
    assert data["per_class"]["REQUEST"]["precision"] == pytest.approx(1 / 3)
    assert data["actor_acc"] == pytest.approx(1 / 3)


def test_cli_table_on_tiny_gold(gold_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from khabar.cli.main import app

    monkeypatch.setattr(
        evaluate_events_cmd,
        "_load_extractor",
        lambda published: lambda texts: [result(t, _fake_article_events()) for t in texts],
    )
    out = CliRunner().invoke(
        app, ["evaluate", "events", "--corpus", "gold", "--gold", str(gold_file)]
    )
    assert out.exit_code == 0, out.output
    assert "macro F1" in out.stdout
    assert "trap violations" in out.stdout


def test_cli_missing_gold_file_exits_non_zero(tmp_path: Path) -> None:
    from khabar.cli.main import app

    out = CliRunner().invoke(app, ["evaluate", "events", "--gold", str(tmp_path / "no.json")])
    assert out.exit_code == 2
    assert "not found" in out.output


# ------------------------------------------------------------------ real third-party data


@pytest.mark.gold
def test_real_gsr_loads_with_all_16_types() -> None:
    if not GSR_PATH.is_file():
        pytest.skip(f"PLOVER GSR not found at {GSR_PATH} (../shared/eval is absent)")
    records = load_gsr(GSR_PATH)
    assert len(records) == 322
    assert len({r.type for r in records}) == 16
    assert sum(bool(r.actors) for r in records) > 300


@pytest.mark.gold
def test_real_example_gold_evidence_is_in_the_article() -> None:
    if not EXAMPLE_GOLD.is_file():
        pytest.skip(f"example gold not found at {EXAMPLE_GOLD} (../shared/examples is absent)")
    gold = load_gold_jsonl(EXAMPLE_GOLD)
    metrics = score_gold(gold_articles(gold, EXAMPLE_GOLD), lambda text: result(text, []))
    assert metrics.gold is not None
    assert metrics.gold.missing_evidence == []
    assert metrics.gold.n_traps > 0


@pytest.mark.gold
@pytest.mark.slow
def test_real_gsr_classifier_baseline(event_classifier: EventTypeClassifier) -> None:
    if not GSR_PATH.is_file():
        pytest.skip(f"PLOVER GSR not found at {GSR_PATH} (../shared/eval is absent)")
    records = load_gsr(GSR_PATH)
    metrics = score_gsr_types(
        records, lambda texts: [s.best for s in event_classifier.predict(texts)]
    )
    assert metrics.n == 322
    assert metrics.macro_f1 > 0.3  # a floor against breakage, not a tuned target
