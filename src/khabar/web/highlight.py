"""Cut an article's text into marked segments for the article view (pure, testable).

Each event contributes spans (evidence, trigger, actors, recipients, date, place); the text
is cut at every span boundary and each piece carries the marks of the spans covering it.
The template renders every piece through Jinja's autoescaping, so hostile text stays text.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

from khabar.store.records import StoredEvent


@dataclass(frozen=True)
class Mark:
    kind: str  # evidence, trigger, actor, recipient, date, place
    event_id: str
    factuality: str


@dataclass
class Segment:
    text: str
    start: int
    marks: list[Mark] = field(default_factory=list)

    @property
    def classes(self) -> str:
        kinds = sorted({m.kind for m in self.marks})
        facts = sorted({f"fact-{m.factuality}" for m in self.marks if m.kind == "evidence"})
        return " ".join(["seg", *kinds, *facts])

    @property
    def event_ids(self) -> str:
        return " ".join(sorted({m.event_id for m in self.marks}))


def event_spans(se: StoredEvent) -> list[tuple[int, int, str]]:
    """(start, end, kind) of every piece of text an event points at."""
    ev = se.event
    spans = [
        (ev.evidence.start, ev.evidence.end, "evidence"),
        (ev.evidence.trigger.start, ev.evidence.trigger.end, "trigger"),
    ]
    spans += [(a.start, a.end, "actor") for a in ev.actor]
    spans += [(a.start, a.end, "recipient") for a in ev.recipient]
    if ev.date and ev.date.start is not None and ev.date.end is not None:
        spans.append((ev.date.start, ev.date.end, "date"))
    if ev.location:
        spans.append((ev.location.start, ev.location.end, "place"))
    return spans


def segments(text: str, events: list[StoredEvent], focus: str | None = None) -> list[Segment]:
    """The text in pieces; with ``focus``, only that event's fine spans are marked (every
    event's evidence stays marked, so negated or hypothetical sentences remain visible)."""
    marks: list[tuple[int, int, Mark]] = []
    for se in events:
        for start, end, kind in event_spans(se):
            if not 0 <= start < end <= len(text):
                continue  # an offset that does not fit this text is not drawn
            if focus and se.id != focus and kind != "evidence":
                continue
            marks.append((start, end, Mark(kind, se.id, se.event.factuality)))
    cuts = sorted({0, len(text), *(m[0] for m in marks), *(m[1] for m in marks)})
    out = []
    for a, b in itertools.pairwise(cuts):
        covering = [m for s, e, m in marks if s <= a and b <= e]
        out.append(Segment(text=text[a:b], start=a, marks=covering))
    return out


def evidence_parts(se: StoredEvent) -> tuple[str, str, str]:
    """The evidence sentence cut around its trigger: (before, trigger, after)."""
    ev = se.event.evidence
    a = ev.trigger.start - ev.start
    b = ev.trigger.end - ev.start
    if not 0 <= a <= b <= len(ev.text):
        return ev.text, "", ""
    return ev.text[:a], ev.text[a:b], ev.text[b:]
