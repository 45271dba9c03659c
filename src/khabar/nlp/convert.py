"""The one module that turns khabar's spaCy annotations into domain objects (khabar.model)."""

from __future__ import annotations

import hashlib

from spacy.tokens import Doc, Span

from khabar.model import (
    ActorRef,
    Attribution,
    DateValue,
    Entity,
    Event,
    Evidence,
    Place,
)
from khabar.model import Span as TextSpan
from khabar.nlp.annotations import (
    ActorMention,
    EventCandidate,
    actors_of,
    events_of,
    framing_of,
    places_of,
)
from khabar.nlp.scoring import Scoring, load_scoring
from khabar.ontology import Ontology

ENTITY_LABELS = {
    "PERSON": "PERSON",
    "ORG": "ORG",
    "NORP": "DEMONYM",
    "GPE": "PLACE",
    "LOC": "PLACE",
    "FAC": "PLACE",
}


def _text_span(doc: Doc, start: int, end: int) -> TextSpan:
    span = doc[start:end]
    return TextSpan(text=span.text, start=span.start_char, end=span.end_char)


def _sentence(sent: Span) -> tuple[str, int, int]:
    text = sent.text
    stripped = text.rstrip()
    lead = len(text) - len(text.lstrip())
    return stripped.lstrip(), sent.start_char + lead, sent.start_char + len(stripped)


def actor_ref(doc: Doc, m: ActorMention) -> ActorRef:
    """The mention as an ``ActorRef``; a resolved pronoun is given by the text that names its
    actor ("it" → "Cameroon's army", with that text's offsets), its ``how`` says which word."""
    span = doc[m.start : m.end]
    how = m.how
    if m.antecedent is not None:
        span = doc[m.antecedent[0] : m.antecedent[1]]
        how = f"{how} (named as '{span.text}')"
    return ActorRef(
        text=span.text,
        start=span.start_char,
        end=span.end_char,
        name=m.name,
        country=m.country,
        sector=m.sector,
        how=how,
    )


def confidence(c: EventCandidate, scoring: Scoring) -> float:
    """An event's confidence from the rule that found it (by rule id), its roles, salience,
    factuality and the classifier's agreement; the numbers are ``nlp/data/scoring.yaml``."""
    base = scoring.base_confidence.get(c.rule, scoring.default_base)
    actor = scoring.actor_bonus if c.actor else 0.0
    recipient = scoring.recipient_bonus if c.recipient else 0.0
    score = base + actor + recipient + c.salience
    score -= scoring.factuality_penalty.get(c.factuality, 0.0)
    if c.factuality == "asserted" and c.factuality_cue:
        score -= scoring.claim_penalty  # "allegedly": the source's claim, not its observation
    if c.classifier_type is not None and c.classifier_score is not None:
        if c.classifier_type == c.type:
            score += scoring.classifier_weight * c.classifier_score
        else:
            score -= scoring.classifier_disagreement
    return round(max(scoring.floor, min(scoring.ceiling, score)), 3)


def event_id(article_id: str, c: EventCandidate, doc: Doc) -> str:
    trigger = doc[c.trigger_start : c.trigger_end]
    key = f"{article_id}:{trigger.start_char}:{trigger.end_char}:{c.type}"
    if c.joint:  # one of several events split from one clause: one per actor
        key += ":" + ",".join(sorted({m.name for m in c.actor}))
        key += ">" + ",".join(sorted({m.name for m in c.recipient}))
    return hashlib.sha256(key.encode()).hexdigest()[:16]


def _mention(doc: Doc, start: int, end: int) -> Evidence:
    """Another sentence telling the same event, with its trigger."""
    trigger = doc[start:end]
    sent_text, s_start, s_end = _sentence(trigger.sent)
    return Evidence(
        text=sent_text,
        start=s_start,
        end=s_end,
        trigger=TextSpan(text=trigger.text, start=trigger.start_char, end=trigger.end_char),
    )


def to_event(
    doc: Doc,
    c: EventCandidate,
    article_id: str,
    ontology: Ontology,
    text: str | None = None,
    framing: list[tuple[int, int]] | None = None,
) -> Event:
    """One domain event; ``text`` and ``framing`` (the Doc's text and framing spans) can be
    passed in by a caller that converts many events, so each is read once per Doc."""
    text = doc.text if text is None else text
    framing = framing_of(doc) if framing is None else framing
    trigger = doc[c.trigger_start : c.trigger_end]
    sent_text, s_start, s_end = _sentence(trigger.sent)
    date = None
    if c.date is not None and c.date_how is not None:
        d = c.date
        date = DateValue(
            value=d.value,
            precision=d.precision,
            text=d.text or None,
            start=d.start_char if d.text else None,
            end=d.end_char if d.text else None,
            how=c.date_how,
            end_value=d.end_value,
        )
    location = None
    if c.location is not None:
        span = doc[c.location.start : c.location.end]
        location = Place(
            text=span.text,
            start=span.start_char,
            end=span.end_char,
            name=c.location.name,
            how=c.location_how,
            rule=(c.location_how or "").partition(" (")[0] or None,
        )
    attribution = None
    if c.attribution is not None:
        a_start, a_end, kind = c.attribution
        attribution = Attribution(
            text=text[a_start:a_end],
            start=a_start,
            end=a_end,
            kind=kind,
        )
    etype = ontology.event_type(c.type)
    mode = c.mode if c.mode in etype.modes else None
    how = c.how
    if c.factuality_cue and c.factuality == "asserted":
        how += f"; asserted as a claim (cue: '{c.factuality_cue}')"
    elif c.factuality_cue:
        how += f"; {c.factuality} (cue: '{c.factuality_cue}')"
    if c.classifier_type is not None:
        how += f"; classifier: {c.classifier_type} ({c.classifier_score:.2f})"
    return Event(
        id=event_id(article_id, c, doc),
        type=etype.name,
        mode=mode,
        context=[ctx for ctx in c.context if ctx in ontology.contexts],
        quad_class=etype.quad,
        actor=[actor_ref(doc, m) for m in c.actor],
        recipient=[actor_ref(doc, m) for m in c.recipient],
        date=date,
        location=location,
        factuality=c.factuality,
        attribution=attribution,
        evidence=Evidence(
            text=sent_text,
            start=s_start,
            end=s_end,
            trigger=TextSpan(text=trigger.text, start=trigger.start_char, end=trigger.end_char),
        ),
        framing=[
            TextSpan(text=text[a:b], start=a, end=b)
            for a, b in framing
            if s_start <= a and b <= s_end
        ],
        mentions=[_mention(doc, start, end) for start, end in c.mentions],
        fatalities=c.fatalities,
        confidence=confidence(c, load_scoring()),
        how=how,
        ontology_version=ontology.version,
    )


def to_events(doc: Doc, article_id: str, ontology: Ontology) -> list[Event]:
    ordered = sorted(events_of(doc), key=lambda c: (c.trigger_start, c.type))
    text, framing = doc.text, framing_of(doc)
    return [to_event(doc, c, article_id, ontology, text, framing) for c in ordered]


def to_entities(doc: Doc) -> list[Entity]:
    """People, organisations, groups, places and demonyms, with resolved actor facts."""
    by_span = {(m.start, m.end): m for m in actors_of(doc)}
    by_head: dict[int, ActorMention] = {m.head: m for m in actors_of(doc)}
    out = []
    for ent in doc.ents:
        label = ENTITY_LABELS.get(ent.label_)
        if label is None:
            continue
        m = by_span.get((ent.start, ent.end)) or by_head.get(ent.end - 1)
        if label == "ORG" and m is not None and m.kind == "GROUP":
            label = "GROUP"
        out.append(
            Entity(
                text=ent.text,
                start=ent.start_char,
                end=ent.end_char,
                label=label,
                name=m.name if m is not None and label != "PLACE" else None,
                country=m.country if m is not None else None,
                sector=m.sector if m is not None and label != "PLACE" else None,
            )
        )
    return out


def to_places(doc: Doc) -> list[Place]:
    """Every place mention (unresolved; khabar.geo fills coordinates)."""
    out = []
    for p in places_of(doc):
        if p.label != "PLACE":
            continue
        span = doc[p.start : p.end]
        out.append(Place(text=span.text, start=span.start_char, end=span.end_char))
    return out
