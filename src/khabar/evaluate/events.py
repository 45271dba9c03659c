"""Score PLOVER event extraction against gold data: pure loaders and scorers.

Two gold formats are supported:

* **PLOVER GSR** (``PLOVER_GSR_CAMEO.parsed.json``): one sentence per record with one gold
  event (PLOVER 0.5 labels, mapped to today's 16 types; ``DOCUMENT`` records are skipped).
* **gold JSONL** (the format of ``tajikistan-appeal.gold.jsonl``): key events of whole
  articles, with ``alt_types`` (also acceptable), actor aliases, resolved dates, factuality
  and an evidence substring. Lines that are not ``asserted`` are *traps*.

The system under test is injected as a callable ``text -> ExtractionResult`` (for articles
with a publication date, the caller binds it), so tests score fakes. How each figure is
defined is documented on the functions below and in ``docs/evaluation.md``.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from khabar.errors import EvaluationError
from khabar.geo.countries import fold, load_countries
from khabar.model import ActorRef, Event, ExtractionResult
from khabar.ontology.plover import load_ontology

NONE = "NONE"

#: The system under test: article or sentence text in, khabar's extraction out.
ExtractFn = Callable[[str], ExtractionResult]
#: A type-only system (e.g. the embedding classifier alone): sentences in, one label each.
ClassifyFn = Callable[[list[str]], list[str]]


# --------------------------------------------------------------------------- gold models


class GoldActor(BaseModel):
    """One gold actor: surface text(s), and a country code when the gold gives one."""

    model_config = ConfigDict(frozen=True)

    text: str
    aliases: tuple[str, ...] = ()
    code: str | None = None
    sector: str | None = None


class GsrRecord(BaseModel):
    """One PLOVER GSR sentence with its single gold event (labels already mapped)."""

    model_config = ConfigDict(frozen=True)

    id: str
    text: str
    type: str
    legacy_type: str
    mode: str | None = None
    actors: tuple[GoldActor, ...] = ()
    recipients: tuple[GoldActor, ...] = ()


class GoldEvent(BaseModel):
    """One line of a gold JSONL file (the tajikistan-appeal format)."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    article_id: str
    type: str
    alt_types: tuple[str, ...] = ()
    source: str | None = None
    source_aliases: tuple[str, ...] = ()
    target: str | None = None
    target_aliases: tuple[str, ...] = ()
    date: str | None = None
    place: str | None = None
    country: str | None = None
    factuality: str = "asserted"
    evidence: str

    @property
    def acceptable_types(self) -> frozenset[str]:
        return frozenset((self.type, *self.alt_types))

    @property
    def is_trap(self) -> bool:
        return self.factuality != "asserted"


# ------------------------------------------------------------------------- result models


class ClassMetrics(BaseModel):
    precision: float
    recall: float
    f1: float
    support: int = Field(description="gold items of this type")
    predicted: int = Field(description="items predicted as this type")


class GoldArticleMetrics(BaseModel):
    """Extra figures for gold JSONL (whole articles with traps), see :func:`score_gold`."""

    n_events: int = Field(description="all gold lines, traps included")
    n_asserted: int
    event_recall: float = Field(
        description="asserted gold events matched by a predicted event of an acceptable type "
        "whose evidence overlaps the gold evidence"
    )
    evidence_overlap: float = Field(
        description="asserted gold events whose evidence span some predicted event overlaps"
    )
    factuality_acc: float | None = Field(
        description="matched gold events (traps included) whose factuality is right"
    )
    n_factuality: int
    n_traps: int
    trap_violations: int = Field(description="traps matched by a predicted *asserted* event")
    date_acc: float | None = Field(
        description="asserted gold events with a date, matched, with the same date value"
    )
    n_dated: int
    offsets_valid: float | None = Field(
        description="predicted events with text[start:end] == evidence.text"
    )
    unmatched_predicted_asserted: int = Field(
        description="predicted asserted events overlapping no gold evidence (gold lists key "
        "events only, so these are reported, not counted as errors)"
    )
    missing_evidence: list[str] = Field(
        default_factory=list, description="gold evidence strings not found in the article text"
    )


class EventMetrics(BaseModel):
    """Event-type, actor and recipient scores of one run over one corpus."""

    corpus: str
    system: str
    n: int = Field(description="gold items scored (sentences for GSR, asserted events for JSONL)")
    macro_f1: float = Field(description="mean F1 over event types with gold support > 0")
    accuracy: float
    per_class: dict[str, ClassMetrics]
    predicted_none: int = Field(description="gold items for which no event was predicted")
    actor_acc: float | None
    n_actor: int
    recipient_acc: float | None
    n_recipient: int
    actor_text_acc: float | None = Field(
        default=None, description="GSR: actor_acc by surface text only (no country-code rule)"
    )
    recipient_text_acc: float | None = Field(
        default=None, description="GSR: recipient_acc by surface text only"
    )
    any_type_acc: float | None = Field(
        default=None,
        description="GSR: sentences where ANY predicted event (not only the best) has the "
        "gold type",
    )
    event_precision: float | None = Field(
        default=None,
        description="GSR: all predicted events (every one, not only the best) whose type is "
        "the sentence's gold type",
    )
    events_per_item: float | None = None
    confusion: dict[str, dict[str, int]] = Field(
        default_factory=dict, description="gold type -> predicted type -> count"
    )
    gold: GoldArticleMetrics | None = None


# ------------------------------------------------------------------------------ loaders


def _gsr_actors(raw: Any) -> tuple[GoldActor, ...]:
    if not isinstance(raw, list):  # '' or null: no gold actor on this side
        return ()
    actors = []
    for item in raw:
        if isinstance(item, dict) and str(item.get("actorText") or "").strip():
            actors.append(
                GoldActor(
                    text=str(item["actorText"]).strip(),
                    code=(str(item["code"]).strip() or None) if item.get("code") else None,
                    sector=(str(item["sector"]).strip() or None) if item.get("sector") else None,
                )
            )
    return tuple(actors)


def load_gsr(path: Path) -> list[GsrRecord]:
    """Read the PLOVER GSR JSON; skip ``DOCUMENT`` and text-less records; map legacy labels."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise EvaluationError(
            f"PLOVER GSR file not found: {path}; pass --gold PATH to PLOVER_GSR_CAMEO.parsed.json"
        ) from None
    except (OSError, ValueError) as exc:
        raise EvaluationError(f"cannot read PLOVER GSR file {path}: {exc}") from exc
    if not isinstance(raw, list):
        raise EvaluationError(f"{path}: expected a JSON list of GSR records")
    ontology = load_ontology()
    records: list[GsrRecord] = []
    for item in raw:
        if not isinstance(item, dict) or not str(item.get("text") or "").strip():
            continue
        label = str(item.get("event") or "")
        mapped = ontology.normalise_legacy(label)
        if mapped is None:  # DOCUMENT and other metadata
            continue
        type_name, legacy_mode = mapped
        records.append(
            GsrRecord(
                id=str(item.get("id") or f"gsr-{len(records)}"),
                text=str(item["text"]),
                type=type_name,
                legacy_type=label.upper(),
                mode=legacy_mode or (str(item["mode"]) if item.get("mode") else None),
                actors=_gsr_actors(item.get("source")),
                recipients=_gsr_actors(item.get("target")),
            )
        )
    if not records:
        raise EvaluationError(f"{path}: no scorable GSR records")
    return records


def load_gold_jsonl(path: Path) -> list[GoldEvent]:
    """Read a gold JSONL file; types must be PLOVER types (legacy labels are mapped)."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise EvaluationError(f"cannot read gold file {path}: {exc}") from exc
    ontology = load_ontology()
    events: list[GoldEvent] = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            event = GoldEvent.model_validate_json(line)
        except ValidationError as exc:
            raise EvaluationError(f"{path}:{number}: not a gold event line: {exc}") from exc
        types = []
        for label in (event.type, *event.alt_types):
            mapped = ontology.normalise_legacy(label)
            if mapped is None:
                raise EvaluationError(f"{path}:{number}: unknown PLOVER type {label!r}")
            types.append(mapped[0])
        events.append(event.model_copy(update={"type": types[0], "alt_types": tuple(types[1:])}))
    if not events:
        raise EvaluationError(f"{path}: no gold events")
    return events


# ---------------------------------------------------------------------- actor matching

_NON_WORD = re.compile(r"[^\w]+")
_LEADING_ARTICLE = re.compile(r"^(the|a|an) ")


def normalise_name(text: str) -> str:
    """Accent/case-folded words only, without a leading article: "The U.N.'s" -> "u n s"."""
    words = _NON_WORD.sub(" ", fold(text)).strip()
    return _LEADING_ARTICLE.sub("", words)


def _contains_words(a: str, b: str) -> bool:
    """Whole-word containment either way between two normalised names."""
    if not a or not b:
        return False
    return f" {a} " in f" {b} " or f" {b} " in f" {a} "


def actor_matches(predicted: ActorRef, gold: GoldActor, by_country: bool = True) -> bool:
    """Whether a predicted actor counts as the gold actor.

    A match is either (1) text: after :func:`normalise_name`, the predicted surface text or
    canonical name contains the gold text or one of its aliases as whole words, or is
    contained in it ("Senior Hungarian officials" ~ "Hungarian"; "Taliban" ~ "Taliban
    militants"); or (2) country: the gold code is an ISO 3166 country code (not IGO, NGO…)
    and the predicted actor's ``country`` is the same code ("Palestinians"/PSE ~ "Gaza
    officials"/PSE). Sector is not compared. ``by_country=False`` uses (1) only: the
    country rule is lenient (a gold actor and recipient of the same country both match).
    """
    gold_names = [normalise_name(n) for n in (gold.text, *gold.aliases)]
    for mine in (predicted.text, predicted.name):
        key = normalise_name(mine)
        if any(_contains_words(key, g) for g in gold_names):
            return True
    code = (gold.code or "").upper()
    return bool(
        by_country
        and code
        and predicted.country
        and predicted.country.upper() == code
        and load_countries().get(code) is not None
    )


def any_actor_matches(
    predicted: Sequence[ActorRef], gold: Sequence[GoldActor], by_country: bool = True
) -> bool:
    """True if any predicted actor matches any gold actor (compound actors: one suffices)."""
    return any(actor_matches(p, g, by_country) for p in predicted for g in gold)


# ---------------------------------------------------------------------- type scoring


def _ratio(num: int, den: int) -> float | None:
    return num / den if den else None


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def type_scores(
    pairs: Sequence[tuple[str, str]], types: Sequence[str] | None = None
) -> tuple[dict[str, ClassMetrics], float, float]:
    """Per-class P/R/F1, macro F1 and accuracy from (gold, predicted) label pairs.

    Single-label scoring: each gold item has one gold type and one predicted label (a type,
    or ``NONE`` when nothing was predicted). For type *t*: precision = items predicted *t*
    whose gold is *t* / items predicted *t*; recall = items of gold *t* predicted *t* /
    items of gold *t*. ``NONE`` is never a gold label here, so predicting nothing only
    costs recall. Macro F1 is the unweighted mean of F1 over types with gold support > 0.
    """
    types = list(types or load_ontology().type_names)
    gold_counts = Counter(g for g, _ in pairs)
    pred_counts = Counter(p for _, p in pairs)
    hits = Counter(g for g, p in pairs if g == p)
    per_class: dict[str, ClassMetrics] = {}
    for t in types:
        precision = hits[t] / pred_counts[t] if pred_counts[t] else 0.0
        recall = hits[t] / gold_counts[t] if gold_counts[t] else 0.0
        per_class[t] = ClassMetrics(
            precision=precision,
            recall=recall,
            f1=_f1(precision, recall),
            support=gold_counts[t],
            predicted=pred_counts[t],
        )
    supported = [m.f1 for m in per_class.values() if m.support > 0]
    macro = sum(supported) / len(supported) if supported else 0.0
    accuracy = sum(hits.values()) / len(pairs) if pairs else 0.0
    return per_class, macro, accuracy


def _confusion(pairs: Iterable[tuple[str, str]]) -> dict[str, dict[str, int]]:
    table: dict[str, dict[str, int]] = {}
    for gold, pred in pairs:
        row = table.setdefault(gold, {})
        row[pred] = row.get(pred, 0) + 1
    return table


def best_event(events: Sequence[Event]) -> Event | None:
    """The prediction for a one-event sentence: the highest-confidence event, any factuality.

    Ties go to the earliest event in the extractor's output.
    """
    best: Event | None = None
    for event in events:
        if best is None or event.confidence > best.confidence:
            best = event
    return best


# ------------------------------------------------------------------------------ GSR


def score_gsr(records: Sequence[GsrRecord], extract: ExtractFn, system: str = "") -> EventMetrics:
    """Run ``extract`` on every GSR sentence and score it.

    * Type (per class, macro F1, accuracy): the sentence's label is the type of its
      highest-confidence predicted event (:func:`best_event`), or ``NONE``.
    * ``any_type_acc``: the gold type is among ANY predicted event's types (lenient).
    * ``event_precision``: over EVERY predicted event of every sentence, the share whose type
      is the sentence's gold type; extra events of other types lower it.
    * ``actor_acc`` / ``recipient_acc``: over sentences whose gold has an actor / recipient,
      the share where the best event's actor / recipient list matches (:func:`actor_matches`).
      A sentence with no predicted event counts as a miss.
    """
    pairs: list[tuple[str, str]] = []
    any_hits = 0
    right_events = total_events = 0
    actor_hits = n_actor = recipient_hits = n_recipient = 0
    actor_text_hits = recipient_text_hits = 0
    for record in records:
        events = extract(record.text).events
        best = best_event(events)
        pairs.append((record.type, best.type if best else NONE))
        any_hits += any(e.type == record.type for e in events)
        total_events += len(events)
        right_events += sum(e.type == record.type for e in events)
        if record.actors:
            n_actor += 1
            actor_hits += bool(best and any_actor_matches(best.actor, record.actors))
            actor_text_hits += bool(
                best and any_actor_matches(best.actor, record.actors, by_country=False)
            )
        if record.recipients:
            n_recipient += 1
            recipient_hits += bool(best and any_actor_matches(best.recipient, record.recipients))
            recipient_text_hits += bool(
                best and any_actor_matches(best.recipient, record.recipients, by_country=False)
            )
    per_class, macro, accuracy = type_scores(pairs)
    return EventMetrics(
        corpus="plover-gsr",
        system=system,
        n=len(records),
        macro_f1=macro,
        accuracy=accuracy,
        per_class=per_class,
        predicted_none=sum(p == NONE for _, p in pairs),
        actor_acc=_ratio(actor_hits, n_actor),
        n_actor=n_actor,
        recipient_acc=_ratio(recipient_hits, n_recipient),
        n_recipient=n_recipient,
        actor_text_acc=_ratio(actor_text_hits, n_actor),
        recipient_text_acc=_ratio(recipient_text_hits, n_recipient),
        any_type_acc=_ratio(any_hits, len(records)),
        event_precision=_ratio(right_events, total_events),
        events_per_item=_ratio(total_events, len(records)),
        confusion=_confusion(pairs),
    )


def score_gsr_types(
    records: Sequence[GsrRecord], classify: ClassifyFn, system: str = "classifier"
) -> EventMetrics:
    """Type-only baseline: one label per sentence from ``classify`` (actors not scored)."""
    labels = classify([r.text for r in records])
    if len(labels) != len(records):
        raise EvaluationError(f"classifier returned {len(labels)} labels for {len(records)}")
    pairs = [(r.type, label) for r, label in zip(records, labels, strict=True)]
    per_class, macro, accuracy = type_scores(pairs)
    return EventMetrics(
        corpus="plover-gsr",
        system=system,
        n=len(records),
        macro_f1=macro,
        accuracy=accuracy,
        per_class=per_class,
        predicted_none=sum(p == NONE for _, p in pairs),
        actor_acc=None,
        n_actor=0,
        recipient_acc=None,
        n_recipient=0,
        confusion=_confusion(pairs),
    )


# ------------------------------------------------------------------------ gold JSONL


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _gold_span(text: str, evidence: str) -> tuple[int, int] | None:
    start = text.find(evidence)
    if start < 0:  # tolerate whitespace differences (line breaks inside a quoted sentence)
        pattern = r"\s+".join(re.escape(w) for w in evidence.split())
        found = re.search(pattern, text) if pattern else None
        return (found.start(), found.end()) if found else None
    return start, start + len(evidence)


def _event_span(event: Event) -> tuple[int, int]:
    return event.evidence.start, event.evidence.end


def _event_spans(event: Event, with_mentions: bool) -> list[tuple[int, int]]:
    spans = [_event_span(event)]
    if with_mentions:
        spans.extend((m.start, m.end) for m in event.mentions)
    return spans


def _gold_actor(name: str | None, aliases: Sequence[str]) -> tuple[GoldActor, ...]:
    if not name:
        return ()
    return (GoldActor(text=name, aliases=tuple(aliases)),)


def match_article(
    text: str,
    gold: Sequence[GoldEvent],
    predicted: Sequence[Event],
    *,
    with_mentions: bool = False,
) -> dict[int, int]:
    """One-to-one matching of gold lines to predicted events (gold index -> event index).

    A predicted event can match a gold line if its evidence span overlaps the gold evidence
    span and its type is one of the gold's acceptable types (``type`` + ``alt_types``).
    With ``with_mentions`` an event's other mentions (the sentences that tell the same event
    again, ``Event.mentions``) count as its spans too: one event, told three times, is still
    matched to at most one gold line.
    Asserted gold lines are matched first, then traps; within that order, each gold line
    takes the highest-confidence free candidate.
    """
    spans = [_gold_span(text, g.evidence) for g in gold]
    order = sorted(range(len(gold)), key=lambda i: (gold[i].is_trap, i))
    used: set[int] = set()
    matches: dict[int, int] = {}
    for gi in order:
        span = spans[gi]
        if span is None:
            continue
        candidates = [
            ei
            for ei, event in enumerate(predicted)
            if ei not in used
            and event.type in gold[gi].acceptable_types
            and any(_overlaps(own, span) for own in _event_spans(event, with_mentions))
        ]
        if candidates:
            chosen = max(candidates, key=lambda ei: predicted[ei].confidence)
            matches[gi] = chosen
            used.add(chosen)
    return matches


def score_gold(
    articles: Sequence[tuple[str, Sequence[GoldEvent]]],
    extract: ExtractFn,
    corpus: str = "gold",
    system: str = "",
) -> EventMetrics:
    """Score whole articles against gold JSONL lines. ``articles``: (text, its gold lines).

    * Type (per class, macro F1) over asserted gold events: the predicted label is the gold
      type if the event is matched (:func:`match_article`; an ``alt_types`` hit counts as the
      gold type); otherwise the type of the highest-confidence predicted event whose
      evidence overlaps the gold evidence; otherwise ``NONE``.
    * ``actor_acc`` / ``recipient_acc``: over asserted gold events with a source / target,
      the matched event's actor / recipient matches the gold name or one of its aliases;
      unmatched gold events count as misses.
    * ``factuality_acc`` over matched gold lines, traps included; ``trap_violations``: traps
      whose matched event is ``asserted``; ``date_acc``: asserted gold events with a date,
      matched and with ``date.value`` equal to it; ``offsets_valid``: predicted evidence
      whose offsets index the article text exactly.
    """
    pairs: list[tuple[str, str]] = []
    actor_hits = n_actor = recipient_hits = n_recipient = 0
    matched_n = overlap_hits = fact_hits = fact_n = 0
    traps = violations = dated = date_hits = 0
    valid_offsets = n_predicted = unmatched_asserted = 0
    missing: list[str] = []
    n_events = n_asserted = 0
    for raw_text, gold in articles:
        result = extract(raw_text)
        # Offsets index the text as khabar stores it, which may differ from the raw input
        # (e.g. normalised line endings); gold evidence is located in that stored text too.
        text = result.article.text or raw_text
        predicted = result.events
        n_predicted += len(predicted)
        valid_offsets += sum(
            text[e.evidence.start : e.evidence.end] == e.evidence.text for e in predicted
        )
        matches = match_article(text, gold, predicted)
        spans = [_gold_span(text, g.evidence) for g in gold]
        missing.extend(g.evidence for g, s in zip(gold, spans, strict=True) if s is None)
        for gi, g in enumerate(gold):
            n_events += 1
            span = spans[gi]
            event = predicted[matches[gi]] if gi in matches else None
            if event is not None:
                fact_n += 1
                fact_hits += event.factuality == g.factuality
            if g.is_trap:
                traps += 1
                violations += bool(event is not None and event.factuality == "asserted")
                continue
            n_asserted += 1
            overlapping = [e for e in predicted if _overlaps(_event_span(e), span)] if span else []
            overlap_hits += bool(overlapping)
            if event is not None:
                matched_n += 1
                pairs.append((g.type, g.type))
            else:
                other = best_event(overlapping)
                pairs.append((g.type, other.type if other else NONE))
            gold_source = _gold_actor(g.source, g.source_aliases)
            if gold_source:
                n_actor += 1
                actor_hits += bool(event and any_actor_matches(event.actor, gold_source))
            gold_target = _gold_actor(g.target, g.target_aliases)
            if gold_target:
                n_recipient += 1
                recipient_hits += bool(event and any_actor_matches(event.recipient, gold_target))
            if g.date:
                dated += 1
                date_hits += bool(event and event.date and event.date.value == g.date)
        gold_spans = [s for s in spans if s is not None]
        unmatched_asserted += sum(
            e.factuality == "asserted" and not any(_overlaps(_event_span(e), s) for s in gold_spans)
            for e in predicted
        )
    per_class, macro, accuracy = type_scores(pairs)
    return EventMetrics(
        corpus=corpus,
        system=system,
        n=len(pairs),
        macro_f1=macro,
        accuracy=accuracy,
        per_class=per_class,
        predicted_none=sum(p == NONE for _, p in pairs),
        actor_acc=_ratio(actor_hits, n_actor),
        n_actor=n_actor,
        recipient_acc=_ratio(recipient_hits, n_recipient),
        n_recipient=n_recipient,
        confusion=_confusion(pairs),
        gold=GoldArticleMetrics(
            n_events=n_events,
            n_asserted=n_asserted,
            event_recall=_ratio(matched_n, n_asserted) or 0.0,
            evidence_overlap=_ratio(overlap_hits, n_asserted) or 0.0,
            factuality_acc=_ratio(fact_hits, fact_n),
            n_factuality=fact_n,
            n_traps=traps,
            trap_violations=violations,
            date_acc=_ratio(date_hits, dated),
            n_dated=dated,
            offsets_valid=_ratio(valid_offsets, n_predicted),
            unmatched_predicted_asserted=unmatched_asserted,
            missing_evidence=missing,
        ),
    )


def gold_articles(
    gold: Sequence[GoldEvent], gold_path: Path, text_path: Path | None = None
) -> list[tuple[str, list[GoldEvent]]]:
    """Pair gold lines with article texts: ``text_path`` for a one-article file, else
    ``<gold folder>/<article_id>.txt`` for each article."""
    by_article: dict[str, list[GoldEvent]] = {}
    for g in gold:
        by_article.setdefault(g.article_id, []).append(g)
    if text_path is not None and len(by_article) > 1:
        raise EvaluationError(
            f"--text names one article but {gold_path} has {len(by_article)} articles; "
            "omit --text and put <article_id>.txt next to the gold file"
        )
    out: list[tuple[str, list[GoldEvent]]] = []
    for article_id, lines in by_article.items():
        path = text_path or gold_path.parent / f"{article_id}.txt"
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise EvaluationError(
                f"cannot read the text of article {article_id!r} at {path}: {exc}; pass --text PATH"
            ) from exc
        out.append((text, lines))
    return out
