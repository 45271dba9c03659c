"""Gold data for the event scorers: the gold models, their loaders, actor-name matching and
the one-to-one matching of gold lines to predicted events (used by ``evaluate.events`` and
``evaluate.stories``)."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError

from khabar.errors import EvaluationError
from khabar.geo.countries import fold, load_countries
from khabar.model import ActorRef, Event
from khabar.ontology.plover import load_ontology

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


# ------------------------------------------------------------------------ gold JSONL


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def gold_span(text: str, evidence: str) -> tuple[int, int] | None:
    start = text.find(evidence)
    if start < 0:  # tolerate whitespace differences (line breaks inside a quoted sentence)
        pattern = r"\s+".join(re.escape(w) for w in evidence.split())
        found = re.search(pattern, text) if pattern else None
        return (found.start(), found.end()) if found else None
    return start, start + len(evidence)


def event_span(event: Event) -> tuple[int, int]:
    return event.evidence.start, event.evidence.end


def event_spans(event: Event, with_mentions: bool) -> list[tuple[int, int]]:
    spans = [event_span(event)]
    if with_mentions:
        spans.extend((m.start, m.end) for m in event.mentions)
    return spans


def gold_actor(name: str | None, aliases: Sequence[str]) -> tuple[GoldActor, ...]:
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
    spans = [gold_span(text, g.evidence) for g in gold]
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
            and any(overlaps(own, span) for own in event_spans(event, with_mentions))
        ]
        if candidates:
            chosen = max(candidates, key=lambda ei: predicted[ei].confidence)
            matches[gi] = chosen
            used.add(chosen)
    return matches
