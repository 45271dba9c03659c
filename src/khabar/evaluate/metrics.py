"""The figures the event scorers report (``khabar evaluate events``): per class, per gold
article and for a whole corpus."""

from __future__ import annotations

from pydantic import BaseModel, Field


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
