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

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from khabar.errors import EvaluationError
from khabar.evaluate.gold import (  # noqa: F401  (re-exported: the scorers' API)
    GoldActor,
    GoldEvent,
    GsrRecord,
    actor_matches,
    any_actor_matches,
    event_span,
    gold_actor,
    gold_span,
    load_gold_jsonl,
    load_gsr,
    match_article,
    normalise_name,
    overlaps,
)
from khabar.evaluate.metrics import (
    ClassMetrics,
    EventMetrics,
    GoldArticleMetrics,
)
from khabar.model import Event, ExtractionResult
from khabar.ontology.plover import load_ontology

NONE = "NONE"

#: The system under test: article or sentence text in, khabar's extraction out.
ExtractFn = Callable[[str], ExtractionResult]
#: A type-only system (e.g. the embedding classifier alone): sentences in, one label each.
ClassifyFn = Callable[[list[str]], list[str]]


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
        spans = [gold_span(text, g.evidence) for g in gold]
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
            overlapping = [e for e in predicted if overlaps(event_span(e), span)] if span else []
            overlap_hits += bool(overlapping)
            if event is not None:
                matched_n += 1
                pairs.append((g.type, g.type))
            else:
                other = best_event(overlapping)
                pairs.append((g.type, other.type if other else NONE))
            gold_source = gold_actor(g.source, g.source_aliases)
            if gold_source:
                n_actor += 1
                actor_hits += bool(event and any_actor_matches(event.actor, gold_source))
            gold_target = gold_actor(g.target, g.target_aliases)
            if gold_target:
                n_recipient += 1
                recipient_hits += bool(event and any_actor_matches(event.recipient, gold_target))
            if g.date:
                dated += 1
                date_hits += bool(event and event.date and event.date.value == g.date)
        gold_spans = [s for s in spans if s is not None]
        unmatched_asserted += sum(
            e.factuality == "asserted" and not any(overlaps(event_span(e), s) for s in gold_spans)
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
