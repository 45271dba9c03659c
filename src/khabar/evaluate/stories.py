"""Score whole stories: key events, false facts, and the date, place, actors and fatalities.

Gold comes in two layouts, both read by :func:`load_stories`:

* **a news-dev folder**: ``articles.jsonl`` (``id, url, published, language, political,
  outlet, text``) and ``gold.jsonl`` (one event a line: ``type, alt_types, source(_aliases),
  target(_aliases), date, place, country, lat, lon, factuality, fatalities, evidence``);
* **a single gold JSONL file** (the founding example's layout): the same event lines, the
  text of each article in ``<article_id>.txt`` beside it, the publication date given by the
  caller. Such articles count as political.

The scorer is pure: it takes the gold and khabar's predictions (one ``ExtractionResult`` per
article id) and returns a :class:`StoryMetrics`. Each figure is defined on its field.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping, Sequence
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from khabar.errors import EvaluationError
from khabar.evaluate.gold import (
    GoldEvent,
    any_actor_matches,
    gold_actor,
    gold_span,
    match_article,
)
from khabar.geo.distance import haversine_km
from khabar.model import Event, ExtractionResult

POLITICAL = "political"
NON_POLITICAL = "non-political"


class StoryGoldEvent(GoldEvent):
    """A gold event line with the story-level fields (place coordinates, fatalities)."""

    date_precision: str | None = None
    lat: float | None = None
    lon: float | None = None
    fatalities: int | None = None


class StoryArticle(BaseModel):
    """One gold article: its text, metadata and gold event lines."""

    model_config = ConfigDict(frozen=True)

    id: str
    text: str
    published: dt.date | None = None
    political: bool = True
    outlet: str | None = None
    gold: tuple[StoryGoldEvent, ...] = ()

    @property
    def kind(self) -> str:
        return POLITICAL if self.political else NON_POLITICAL


class Tally(BaseModel):
    """Counts behind one slice of the figures (all of them, one class or one article kind)."""

    articles: int = 0
    asserted: int = Field(default=0, description="asserted gold events")
    found: int = Field(default=0, description="asserted gold events matched")
    traps: int = Field(default=0, description="gold lines that are not asserted")
    false_facts: int = Field(default=0, description="traps matched by an asserted prediction")
    predicted_asserted: int = Field(default=0, description="asserted events khabar reported")
    actor: tuple[int, int] = (0, 0)
    recipient: tuple[int, int] = (0, 0)
    date: tuple[int, int] = (0, 0)
    place50: tuple[int, int] = (0, 0)
    place100: tuple[int, int] = (0, 0)
    fatalities: tuple[int, int] = (0, 0)
    factuality: tuple[int, int] = (0, 0)

    def add(self, name: str, hit: bool) -> None:
        hits, n = getattr(self, name)
        setattr(self, name, (hits + int(hit), n + 1))


class SliceMetrics(BaseModel):
    """The figures of one slice, each with the count it is a share of."""

    recall: float | None
    false_facts: int
    traps: int
    date_acc: float | None
    place50_acc: float | None
    place100_acc: float | None
    actor_acc: float | None
    recipient_acc: float | None
    fatalities_acc: float | None
    factuality_acc: float | None
    asserted_per_article: float | None
    counts: Tally


class StoryMetrics(SliceMetrics):
    """Everything ``khabar evaluate stories`` reports.

    * ``recall``: asserted gold events matched by a predicted event of an acceptable type
      (``type`` or ``alt_types``) whose evidence or one of whose other mentions
      (``Event.mentions``: the same event told again) overlaps the gold evidence
      (one-to-one, :func:`khabar.evaluate.events.match_article` with ``with_mentions``).
    * ``false_facts`` (of ``traps``): gold lines that are not asserted (background, negated,
      planned) matched by a predicted event whose factuality is ``asserted``.
    * on matched asserted events, each over the gold lines that give the field:
      ``actor_acc`` / ``recipient_acc`` (the gold name or an alias, see
      :func:`~khabar.evaluate.events.actor_matches`), ``date_acc`` (``date.value`` equals the
      gold date), ``place50_acc`` / ``place100_acc`` (the event's coordinates within 50 / 100
      km of the gold point; no coordinates is a miss), ``fatalities_acc`` (the gold count is
      a number and ``fatalities.value`` equals it); ``factuality_acc`` over every matched
      gold line, traps included.
    * ``asserted_per_article``: asserted predicted events per political article (next to
      ``gold_asserted_per_article``); ``nonpolitical_asserted_per_article``: the same on the
      articles whose gold says they are not political (every one is a false event).
    """

    corpus: str
    gold_asserted_per_article: float | None
    nonpolitical_asserted_per_article: float | None
    nonpolitical_articles_with_events: int
    spurious_fatalities: int = Field(
        description="matched asserted events with a fatalities number where the gold has none"
    )
    per_class: dict[str, SliceMetrics]
    per_kind: dict[str, SliceMetrics]
    missing_evidence: list[str] = Field(default_factory=list)


# ------------------------------------------------------------------------------ loading


def _read_jsonl(path: Path) -> list[dict[str, object]]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise EvaluationError(f"cannot read {path}: {exc}") from exc
    rows: list[dict[str, object]] = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise EvaluationError(f"{path}:{number}: not JSON ({exc.msg})") from exc
        if not isinstance(row, dict):
            raise EvaluationError(f"{path}:{number}: expected a JSON object")
        rows.append(row)
    return rows


def _gold_lines(path: Path) -> list[StoryGoldEvent]:
    out = []
    for number, row in enumerate(_read_jsonl(path), 1):
        try:
            out.append(StoryGoldEvent.model_validate(row))
        except ValidationError as exc:
            raise EvaluationError(f"{path}: gold line {number} is invalid: {exc}") from exc
    return out


def load_stories(path: Path, published: dt.date | None = None) -> list[StoryArticle]:
    """Read a news-dev folder, or one gold JSONL file with ``<article_id>.txt`` beside it."""
    if path.is_dir():
        gold = _gold_lines(path / "gold.jsonl")
        by_article: dict[str, list[StoryGoldEvent]] = {}
        for g in gold:
            by_article.setdefault(g.article_id, []).append(g)
        articles = []
        for row in _read_jsonl(path / "articles.jsonl"):
            try:
                article = StoryArticle.model_validate(row)
            except ValidationError as exc:
                raise EvaluationError(f"{path}/articles.jsonl: invalid article: {exc}") from exc
            articles.append(
                article.model_copy(update={"gold": tuple(by_article.pop(article.id, []))})
            )
        if by_article:
            raise EvaluationError(f"gold lines name unknown articles: {sorted(by_article)}")
        return articles
    grouped: dict[str, list[StoryGoldEvent]] = {}
    for g in _gold_lines(path):
        grouped.setdefault(g.article_id, []).append(g)
    out = []
    for article_id, lines in grouped.items():
        text_path = path.parent / f"{article_id}.txt"
        try:
            text = text_path.read_text(encoding="utf-8")
        except OSError as exc:
            raise EvaluationError(f"cannot read the text of {article_id!r}: {exc}") from exc
        out.append(StoryArticle(id=article_id, text=text, published=published, gold=tuple(lines)))
    return out


# ------------------------------------------------------------------------------ scoring


def _ratio(pair: tuple[int, int]) -> float | None:
    return pair[0] / pair[1] if pair[1] else None


def _within(event: Event, gold: StoryGoldEvent, km: float) -> bool:
    loc = event.location
    if loc is None or loc.lat is None or loc.lon is None:
        return False
    assert gold.lat is not None and gold.lon is not None
    return haversine_km(loc.lat, loc.lon, gold.lat, gold.lon) <= km


def _score_matched(tallies: Sequence[Tally], event: Event, g: StoryGoldEvent) -> int:
    """Add the per-field hits of one matched asserted event; returns 1 if a spurious count."""
    checks: list[tuple[str, bool]] = []
    source = gold_actor(g.source, g.source_aliases)
    if source:
        checks.append(("actor", any_actor_matches(event.actor, source)))
    target = gold_actor(g.target, g.target_aliases)
    if target:
        checks.append(("recipient", any_actor_matches(event.recipient, target)))
    if g.date:
        checks.append(("date", bool(event.date and event.date.value == g.date)))
    if g.lat is not None and g.lon is not None:
        checks.append(("place50", _within(event, g, 50.0)))
        checks.append(("place100", _within(event, g, 100.0)))
    if g.fatalities is not None:
        got = event.fatalities.value if event.fatalities else None
        checks.append(("fatalities", got == g.fatalities))
    for tally in tallies:
        for name, hit in checks:
            tally.add(name, hit)
    stated = event.fatalities.value if event.fatalities else None
    return int(g.fatalities is None and stated is not None)


def _slice(t: Tally) -> SliceMetrics:
    return SliceMetrics(
        recall=_ratio((t.found, t.asserted)),
        false_facts=t.false_facts,
        traps=t.traps,
        date_acc=_ratio(t.date),
        place50_acc=_ratio(t.place50),
        place100_acc=_ratio(t.place100),
        actor_acc=_ratio(t.actor),
        recipient_acc=_ratio(t.recipient),
        fatalities_acc=_ratio(t.fatalities),
        factuality_acc=_ratio(t.factuality),
        asserted_per_article=_ratio((t.predicted_asserted, t.articles)),
        counts=t.model_copy(),
    )


def score_stories(
    articles: Sequence[StoryArticle],
    predictions: Mapping[str, ExtractionResult],
    corpus: str = "stories",
) -> StoryMetrics:
    """Score khabar's predictions (by article id) against the gold of each article."""
    total = Tally()
    by_class: dict[str, Tally] = {}
    by_kind: dict[str, Tally] = {}
    spurious = nonpolitical_with_events = 0
    missing: list[str] = []
    for article in articles:
        if article.id not in predictions:
            raise EvaluationError(f"no prediction for article {article.id!r}")
        result = predictions[article.id]
        text = result.article.text or article.text
        predicted = result.events
        kind = by_kind.setdefault(article.kind, Tally())
        n_asserted = sum(e.factuality == "asserted" for e in predicted)
        for tally in (total, kind):
            tally.articles += 1
            tally.predicted_asserted += n_asserted
        if not article.political and n_asserted:
            nonpolitical_with_events += 1
        gold = list(article.gold)
        matches = match_article(text, gold, predicted, with_mentions=True)
        for gi, g in enumerate(gold):
            if gold_span(text, g.evidence) is None:
                missing.append(f"{article.id}: {g.evidence[:60]}")
            cls = by_class.setdefault(g.type, Tally())
            tallies = (total, kind, cls)
            event = predicted[matches[gi]] if gi in matches else None
            for tally in tallies:
                if event is not None:
                    tally.add("factuality", event.factuality == g.factuality)
                if g.is_trap:
                    tally.traps += 1
                    tally.false_facts += bool(event is not None and event.factuality == "asserted")
                else:
                    tally.asserted += 1
                    tally.found += event is not None
            if event is not None and not g.is_trap:
                spurious += _score_matched(tallies, event, g)
    political = by_kind.get(POLITICAL, Tally())
    nonpolitical = by_kind.get(NON_POLITICAL, Tally())
    overall = _slice(total).model_dump()
    overall["asserted_per_article"] = _ratio((political.predicted_asserted, political.articles))
    return StoryMetrics(
        **overall,
        corpus=corpus,
        gold_asserted_per_article=_ratio((political.asserted, political.articles)),
        nonpolitical_asserted_per_article=_ratio(
            (nonpolitical.predicted_asserted, nonpolitical.articles)
        ),
        nonpolitical_articles_with_events=nonpolitical_with_events,
        spurious_fatalities=spurious,
        per_class={k: _slice(v) for k, v in sorted(by_class.items())},
        per_kind={k: _slice(v) for k, v in sorted(by_kind.items())},
        missing_evidence=missing,
    )


# -------------------------------------------------------------------- saved predictions


class SavedPrediction(BaseModel):
    """One line of a predictions file: an article id and khabar's extraction of it."""

    article_id: str
    result: ExtractionResult


def read_predictions(path: Path) -> dict[str, ExtractionResult]:
    """Read a predictions JSONL file written by :func:`dump_predictions`."""
    out: dict[str, ExtractionResult] = {}
    for number, row in enumerate(_read_jsonl(path), 1):
        try:
            saved = SavedPrediction.model_validate(row)
        except ValidationError as exc:
            raise EvaluationError(f"{path}: prediction line {number} is invalid: {exc}") from exc
        out[saved.article_id] = saved.result
    return out


def dump_predictions(predictions: Mapping[str, ExtractionResult]) -> str:
    """Predictions as JSONL text, one ``{"article_id", "result"}`` object a line."""
    return "".join(
        SavedPrediction(article_id=k, result=v).model_dump_json() + "\n"
        for k, v in predictions.items()
    )
