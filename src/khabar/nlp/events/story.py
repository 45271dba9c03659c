"""Story-level passes over all events of an article (issue 9), after dates and places.

In order (:func:`read_story_events`):

0. **guesses and captions** (``story.guesses``, ``story.caption``): where the rules find
   events, the sentence classifier's guesses (sentences with no event word) are dropped, and
   so are events in photo captions; a sentence the page repeats tells its events once
   (``story.repeated``);
1. **political or not** (rule ``story.nonpolitical``): an event whose sentence
   :func:`khabar.nlp.story.political.judge_sentence` calls non-political (a disaster,
   accident, disease, crime, sport, business or culture cue, or such a story domain) is no
   PLOVER event and is dropped — unless a party has an armed sector and the event is a harm
   type or the story is political (then the sentence is political; in a disaster story,
   troops sent on a rescue respond to it, they are no party), or, in a political story, its
   actor is a state or political body (a word of another domain in its sentence — "the
   goal of the talks", "a crime bill" — does not make a government's act non-political);
2. **fatalities** (``story.fatalities``): violent events take the count of people killed
   nearest their trigger in their sentence (:mod:`khabar.nlp.story.fatalities`); a COERCE
   event of no specific mode (a raid, not an arrest) in which people were killed is an
   ASSAULT (``story.lethal-force``);
3. **one event, several mentions** (``story.mentions``): an asserted event told again in a
   later sentence (same type; no party, date, place or count that disagrees; and something
   that ties them: a shared party, the same date or place, the headline, or a definite
   reference such as "the attack", whose date and place then are details: ``story.reference``)
   is one event. Its evidence is the first body sentence that names the most parties; the
   other triggers go to ``mentions`` and fill the parties, date, place and count it lacks. A
   headline's event is told by the first body event of its type that does not disagree with
   it (the headline announces the story's news, naming parties in short:
   ``story.headline-short``); a violent noun that is the circumstance of a violent verb in
   its sentence ("died in an ambush", ``story.circumstance``) is that verb's event, and a
   verb whose circumstance is a fight between two named sides tells that fight's toll
   ("killed in clashes between X and Y", ``story.clash-toll``); a later telling marked as a
   further act ("then", ``story.sequence``) or as another ("other towns came under
   shelling", ``story.another``) is its own event; a later telling that counts the same dead
   (two or more) with an agreeing actor, no other date or place, is the earlier one's mention
   (``story.same-toll``); an event noun told once, as the scene of another event ("fled
   after days of fighting"), is dropped (``story.setting``);
4. **joint parties** (``story.joint-actors``, ``story.mutual``, ``story.joint-recipients``):
   one event per actor and per recipient, both sides of a mutual act
   (:mod:`khabar.nlp.events.story_parties`).

Word lists and sectors: ``nlp/data/story_events.yaml``.
"""

from __future__ import annotations

from spacy.tokens import Doc

from khabar.nlp.annotations import ActorMention, EventCandidate
from khabar.nlp.events.discourse import marked_distinct
from khabar.nlp.events.story_circumstances import CIRCUMSTANCE, CLASH_TOLL, fold_circumstances
from khabar.nlp.events.story_filters import (
    drop_captions,
    drop_guesses,
    drop_labels,
    drop_settings,
    fold_repeats,
)
from khabar.nlp.events.story_match import agree as _agree
from khabar.nlp.events.story_match import another_as_told
from khabar.nlp.events.story_match import names as _names
from khabar.nlp.events.story_match import same_country as _same_country
from khabar.nlp.events.story_match import same_toll as _same_toll
from khabar.nlp.events.story_match import sequenced as _sequenced
from khabar.nlp.events.story_parties import split_parties
from khabar.nlp.events.story_sides import exchange_sides, stranded_parties
from khabar.nlp.events.story_toll import FATALITIES, LETHAL_FORCE, attach_fatalities
from khabar.nlp.events.story_words import StoryEventWords, story_event_words
from khabar.nlp.sentences import sentence_starts
from khabar.nlp.story.political import POLITICAL, StoryDomain, judge_sentence, story_domain

NONPOLITICAL = "story.nonpolitical"
MENTIONS = "story.mentions"
ANOTHER = "story.another"
SAME_TOLL = "story.same-toll"
SAME_KIND = "story.same-kind"

__all__ = [
    "CIRCUMSTANCE",
    "CLASH_TOLL",
    "FATALITIES",
    "LETHAL_FORCE",
    "StoryEventWords",
    "attach_fatalities",
    "drop_captions",
    "drop_guesses",
    "merge_mentions",
    "read_story_events",
    "split_joint_actors",
    "story_event_words",
]


def _parties(ev: EventCandidate) -> list[ActorMention]:
    return [*ev.actor, *ev.recipient]


# ------------------------------------------------------------------ 1. political or not


def drop_nonpolitical(
    doc: Doc, events: list[EventCandidate], story: StoryDomain | None = None
) -> list[EventCandidate]:
    """The events that are political (see the module docstring, step 1)."""
    words = story_event_words()
    story = story_domain(doc) if story is None else story
    sent_of = sentence_starts(doc)
    sents = {s.start: s for s in doc.sents}
    kept = []
    political_story = story.domain == POLITICAL
    for ev in events:
        harm = ev.type in words.harm_types
        armed = (harm or political_story) and any(
            m.sector in words.armed_sectors for m in _parties(ev)
        )
        state = political_story and any(m.sector in words.state_sectors for m in ev.actor)
        if judge_sentence(sents[sent_of[ev.trigger_start]], armed or state, story).political:
            kept.append(ev)
    return kept


# ------------------------------------------------------------- 3. one event, mentions


def _headline_end(doc: Doc) -> int:
    """The character offset where the headline (and page chrome) end: the story frame's lead
    when the pipeline found one; else the first line, when it is no prose sentence (0 when
    the text opens with prose)."""
    frame = doc._.khabar_frame if Doc.has_extension("khabar_frame") else None
    if frame is not None and frame.lead is not None:
        return int(frame.lead.start)
    text = doc.text
    first_break = text.find("\n")
    if first_break <= 0 or text[:first_break].rstrip()[-1:] in {".", "!", "?", '"', "”"}:
        return 0
    return first_break


def _refers_back(doc: Doc, ev: EventCandidate, phrase: bool = True) -> bool:
    """'the attack', 'this strike', 'NATO's exercises': a noun trigger with a definite
    determiner or a named possessor (a name's possessive is definite); for a verb phrase
    ("took part in NATO's exercises"), its last noun, the event noun the verb carries (not
    with ``phrase=False``: choosing the telling that tells an event best)."""
    words = story_event_words()
    trigger = doc[ev.trigger_start]
    if trigger.pos_ not in {"NOUN", "PROPN"}:
        # a party the verb acts on ("forcing the refugees back") is no event noun
        in_party = {i for m in _parties(ev) for i in range(m.start, m.end)}
        nouns = [doc[i] for i in ev.trigger_tokens if doc[i].pos_ == "NOUN" and i not in in_party]
        if not phrase or not nouns or len(ev.trigger_tokens) < 2:
            return False
        trigger = nouns[-1]
    return any(
        (c.dep_ in {"det", "poss"} and c.lower_ in words.referring_determiners)
        or (c.dep_ == "poss" and c.pos_ == "PROPN")
        for c in trigger.children
    )


def _place_text(doc: Doc, ev: EventCandidate) -> str | None:
    if ev.location is None:
        return None
    return doc[ev.location.start : ev.location.end].text.lower()


def _conflict(doc: Doc, a: EventCandidate, b: EventCandidate, places: bool = True) -> bool:
    """Parties, dates, places, tolls or kinds of act (modes: ``story.same-kind``) that cannot be
    one event's (a headline, ``places=False``,
    names parties and places in short and is dated by the page, not the event:
    ``story.headline-short``)."""
    if _other_kind(a, b):
        return True
    for x, y in ((a.actor, b.actor), (a.recipient, b.recipient)):
        if not _agree(x, y) and (places or not _same_country(x, y)):
            return True
    toll_a, toll_b = (ev.fatalities.value if ev.fatalities else None for ev in (a, b))
    if toll_a is not None and toll_b is not None and toll_a != toll_b:
        return True
    if places and a.date is not None and b.date is not None and a.date.value != b.date.value:
        return True
    place_a, place_b = _place_text(doc, a), _place_text(doc, b)
    return places and place_a is not None and place_b is not None and place_a != place_b


def _other_kind(a: EventCandidate, b: EventCandidate) -> bool:
    """Two kinds of one type (modes: a curfew and a closure ordered, a release and a return)
    are two acts, not one told again (``story.same-kind``); not for the types whose tellings
    name one act's kind in other words (``loose_mode_types``: a shooting, an assassination)."""
    if a.type in story_event_words().loose_mode_types:
        return False
    return a.mode is not None and b.mode is not None and a.mode != b.mode


def _consequence(doc: Doc, a: EventCandidate, b: EventCandidate) -> bool:
    """``b`` tells ``a``'s event in the same sentence, whatever its object: a participle
    clause with the toll ("attacked the post, killing 14"), a verb whose subject is ``a``'s
    event noun ("clashes killed nine"), or ``a``'s circumstance ("killed in an attack")."""
    first, second = doc[a.trigger_start], doc[b.trigger_start]
    if not _agree(a.actor, b.actor):
        return False
    if second.tag_ == "VBG" and second.dep_ == "advcl" and second.head.i in a.trigger_tokens:
        return True
    if first.dep_ in {"nsubj", "nsubjpass"} and first.head.i in b.trigger_tokens:
        return True  # "clashes killed nine": the noun is what the verb tells
    head = second.head  # "were killed in an attack": the verb's circumstance is its event
    return second.dep_ == "pobj" and head.dep_ == "prep" and head.head.i in a.trigger_tokens


def _tied(doc: Doc, a: EventCandidate, b: EventCandidate, lead: tuple[int, int]) -> bool:
    """Something positive that makes ``b`` (later) tell ``a``'s event again: the same word
    with the same actor and recipient (or none: ``story.same-word``); a headline event told
    again in the lead; or a definite reference ("the attack") — latest earlier event first.
    (Two acts of one type between the same parties in other words — an appeal published,
    then what it urged — are kept apart, and so is a telling marked as another act: "another
    ship", "five other figures", ``story.another``, or as a further act: "then",
    ``story.sequence``.)"""
    if marked_distinct(doc, b) is not None or _sequenced(doc, b):
        return False
    same_word = doc[a.trigger_start].lemma_.lower() == doc[b.trigger_start].lemma_.lower()
    if (
        same_word
        and _names(a.actor) & _names(b.actor)
        and (not b.recipient or _names(a.recipient) & _names(b.recipient))
    ):
        return True  # "X mediated ... the eighth mediated by X" (story.same-word)
    headline_end, lead_end = lead
    if doc[a.trigger_start].idx < headline_end <= doc[b.trigger_start].idx < lead_end:
        return True
    if not _parties(b):
        return True  # "three guards died": nothing sets it apart from the story's event
    if a.type in story_event_words().violent_types:
        return True  # violence told again with compatible parties, date and place (issue 9)
    return _refers_back(doc, b)


def _best(doc: Doc, group: list[EventCandidate], headline_end: int) -> EventCandidate:
    """The first body sentence naming the most parties, a full statement before a reference
    back ("the attack"), a direct one before one that reports who said it, the headline
    only if alone."""

    def key(ev: EventCandidate) -> tuple[bool, bool, int, bool, int]:
        in_body = doc[ev.trigger_start].idx >= headline_end
        parties = len(_names(ev.actor)) + len(_names(ev.recipient))
        direct = ev.attribution is None
        return (in_body, not _refers_back(doc, ev, False), parties, direct, -ev.trigger_start)

    return max(group, key=key)


def _fold(doc: Doc, best: EventCandidate, group: list[EventCandidate]) -> EventCandidate:
    """``best`` with the others as mentions, filling what it lacks from them (in order)."""
    filled = []
    for other in sorted(group, key=lambda e: e.trigger_start):
        if other is best:
            continue
        best.mentions.append((other.trigger_start, other.trigger_end))
        word = doc[other.trigger_start : other.trigger_end].text
        if not best.actor and other.actor:
            best.actor = list(other.actor)
            filled.append(f"actor from '{word}'")
        if not best.recipient and other.recipient:
            best.recipient = list(other.recipient)
            filled.append(f"recipient from '{word}'")
        if best.date is None and other.date is not None:
            best.date, best.date_how = other.date, other.date_how
            filled.append(f"date from '{word}'")
        if best.location is None and other.location is not None:
            best.location = other.location
            best.location_how = f"{other.location_how} (mention '{word}')"
            filled.append(f"place from '{word}'")
        if best.fatalities is None and other.fatalities is not None:
            how = f"{other.fatalities.how}, mention '{word}'"
            best.fatalities = other.fatalities.model_copy(update={"how": how})
            filled.append(f"fatalities from '{word}'")
    best.mentions.sort()
    best.how += f"; one event told by {len(group)} triggers in the story"
    if filled:
        best.how += " (" + ", ".join(filled) + ")"
    return best


#: How many body sentences make the lead, where a headline's event is told again.
LEAD_SENTENCES = 3
#: How many earlier events of its type a telling is compared with (latest first).
MAX_EARLIER_EVENTS = 12


def merge_mentions(doc: Doc, events: list[EventCandidate]) -> list[EventCandidate]:
    """Asserted events told in several sentences become one (module docstring, step 3)."""
    events = fold_circumstances(doc, events)
    sent_of = sentence_starts(doc)
    headline_end = _headline_end(doc)
    body = [s for s in doc.sents if s.start_char >= headline_end and s.text.strip()]
    lead_end = body[min(len(body), LEAD_SENTENCES) - 1].end_char if body else 0
    groups: list[list[EventCandidate]] = []
    joined: set[int] = set()  # tellings that only add a mention (story.same-toll)
    by_type: dict[str, list[list[EventCandidate]]] = {}  # asserted groups, in text order
    for ev in sorted(events, key=lambda e: (e.trigger_start, e.type)):
        target = None
        if ev.factuality == "asserted":
            # the latest tellings first (a reference points to the nearest), a bounded number
            # of them so that a long document stays linear
            same = by_type.get(ev.type, [])[-MAX_EARLIER_EVENTS:][::-1]
            target = next((g for g in same if any(_consequence(doc, m, ev) for m in g)), None)
            target = target or next(
                (
                    g
                    for g in same
                    if all(sent_of[m.trigger_start] != sent_of[ev.trigger_start] for m in g)
                    and not any(_conflict(doc, m, ev) for m in g)
                    and any(_tied(doc, m, ev, (headline_end, lead_end)) for m in g)
                ),
                None,
            )
            # "the attack took place in X": the latest event of its type (story.reference)
            target = target or next(
                (
                    g
                    for g in same[:1]
                    if _refers_back(doc, ev)
                    and all(sent_of[m.trigger_start] != sent_of[ev.trigger_start] for m in g)
                    and all(_agree(m.actor, ev.actor) for m in g)
                    and (
                        not ev.recipient
                        or any(_names(m.recipient) & _names(ev.recipient) for m in g)
                    )
                    and not any(_conflict(doc, m, ev, places=False) for m in g)
                ),
                None,
            )
            # the headline announces the story's news: its event, told nowhere yet, is told by
            # the first body event of its type that does not disagree with it
            target = target or next(
                (
                    g
                    for g in same
                    if all(doc[m.trigger_start].idx < headline_end for m in g)
                    and doc[ev.trigger_start].idx >= headline_end
                    and another_as_told(doc, g, ev)
                    and not any(_conflict(doc, m, ev, places=False) for m in g)
                ),
                None,
            )
            # the same dead counted again (story.same-toll), when nothing else tied it
            toll = next(
                (
                    g
                    for g in same
                    if target is None
                    and all(sent_of[m.trigger_start] != sent_of[ev.trigger_start] for m in g)
                    and any(_same_toll(doc, m, ev) for m in g)
                ),
                None,
            )
            if toll is not None:
                target = toll
                joined.add(id(ev))
                for m in (ev, *toll):
                    m.how += f"; told again with the same toll ({SAME_TOLL})"
        if target is None:
            marker = marked_distinct(doc, ev) if ev.factuality == "asserted" else None
            if marker is not None and by_type.get(ev.type):
                ev.how += f"; '{marker}': an act of its own ({ANOTHER})"
            groups.append([ev])
            if ev.factuality == "asserted":
                by_type.setdefault(ev.type, []).append(groups[-1])
        else:
            target.append(ev)
    return [
        g[0]
        if len(g) == 1
        else _fold(doc, _best(doc, [e for e in g if id(e) not in joined], headline_end), g)
        for g in groups
    ]


# ---------------------------------------------------------------------- 4. joint parties


def split_joint_actors(doc: Doc, events: list[EventCandidate]) -> list[EventCandidate]:
    """One event per pair of parties (:mod:`khabar.nlp.events.story_parties`)."""
    w = story_event_words()
    tables = (w.symmetric_types, w.reciprocal_triggers, w.mutual_triggers, w.harm_types)
    return split_parties(doc, events, *tables, w.company_verbs)


# ------------------------------------------------------------------------------- all


def read_story_events(doc: Doc, events: list[EventCandidate]) -> list[EventCandidate]:
    """Steps 0-4 of the module docstring, in order."""
    kept = drop_nonpolitical(doc, drop_captions(doc, fold_repeats(doc, drop_guesses(events))))
    kept = drop_labels(doc, kept)
    attach_fatalities(doc, kept)
    stranded_parties(doc, kept)
    merged = exchange_sides(doc, drop_settings(doc, merge_mentions(doc, kept)))
    return split_joint_actors(doc, merged)
