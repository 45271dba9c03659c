"""Events a story does not report as its news, dropped first by the story-event passes
(step 0 of :func:`khabar.nlp.events.story.read_story_events`): the classifier's guesses where
the rules find the story's events (``story.guesses``), events in photo captions
(``story.caption``) and nouns that only label an act (``story.label``); after merging, an
event noun that only sets the scene of another event in its sentence (``story.setting``)."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from khabar.nlp import rules
from khabar.nlp.annotations import EventCandidate
from khabar.nlp.events.story_words import story_event_words
from khabar.nlp.sentences import sentence_starts
from khabar.nlp.words import WordSet

#: "described as a massacre", "seen as a threat": verbs that name how something is seen
LABEL_VERBS = WordSet("context", "label_verbs")


def drop_captions(doc: Doc, events: list[EventCandidate]) -> list[EventCandidate]:
    """Events in a photo caption (a photo credit, "from left:", a handout picture) or in page
    chrome (a credit line, a video player's message) are no news the story reports (rule
    ``story.caption``): a caption describes an image."""
    words = story_event_words()
    cues = (*words.caption_cues, *words.chrome_cues)
    sent_of = sentence_starts(doc)
    sents = {s.start: s.text.lower() for s in doc.sents}

    def caption(ev: EventCandidate) -> bool:
        text = " ".join(sents[sent_of[ev.trigger_start]].split())
        return any(cue in text for cue in cues)

    return [ev for ev in events if not caption(ev)]


def drop_labels(doc: Doc, events: list[EventCandidate]) -> list[EventCandidate]:
    """An event noun after "as" on a verb of naming ("was described as a massacre", "what was
    seen as a threat") labels an act the story tells otherwise; the label is someone's view,
    not an event (rule ``story.label``)."""

    def label(ev: EventCandidate) -> bool:
        tok = doc[ev.trigger_start]
        head = tok.head
        return (
            tok.pos_ == "NOUN"
            and tok.dep_ == "pobj"
            and head.lower_ == "as"
            and head.head.lemma_.lower() in LABEL_VERBS
        )

    return [ev for ev in events if not label(ev)]


def drop_guesses(events: list[EventCandidate]) -> list[EventCandidate]:
    """The classifier's guesses (``event.classifier``: a sentence with no event word) in a
    text where the rules find events (rule ``story.guesses``): a story tells its news with
    event words; a sentence without one is at most a minor mention."""
    told = [ev for ev in events if ev.rule != rules.CLASSIFIER]
    return told if told else events


def _setting_prep(tok: Token) -> bool:
    """``tok`` is the object of a preposition of time or cause ("after", "during", "due to")
    that modifies a verb."""
    words = story_event_words()
    while tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.pos_ == "NOUN":
        tok = tok.head.head  # "after three days of fighting"
    head = tok.head
    if tok.dep_ != "pobj" or head.dep_ != "prep":
        return False
    prep = f"{head.head.lower_} {head.lower_}" if head.lower_ == "to" else head.lower_
    return prep in words.setting_preps and head.head.pos_ in {"VERB", "ADJ"}


def _subjects_own(doc: Doc, ev: EventCandidate) -> bool:
    """ "Hungary dropped its objection after talks with the Commission": the talks are the
    subject's own act (its actor is the subject of the verb the preposition modifies)."""
    tok = doc[ev.trigger_start]
    while not (tok.dep_ == "prep" and tok.head.pos_ in {"VERB", "ADJ"}) and tok.head.i != tok.i:
        tok = tok.head
    subjects = {c.i for c in tok.head.children if c.dep_ in {"nsubj", "nsubjpass"}}
    return any(subjects & set(range(m.start, m.end)) for m in ev.actor)


def drop_settings(doc: Doc, events: list[EventCandidate]) -> list[EventCandidate]:
    """An event noun told once, as the scene of another event in its sentence ("fled after
    three days of fighting", "launched rockets after an air strike", "held talks during a
    state visit"), is a minor mention, not news the story reports (rule ``story.setting``;
    news-dev codes the key events). An event told again elsewhere has been merged by then
    and keeps its mentions."""
    sent_of = sentence_starts(doc)

    def setting(ev: EventCandidate) -> bool:
        tok = doc[ev.trigger_start]
        return (
            ev.factuality == "asserted"
            and not ev.mentions
            and tok.pos_ == "NOUN"
            and _setting_prep(tok)
            and not _subjects_own(doc, ev)
        )

    scenes = {id(ev) for ev in events if setting(ev)}
    news = {sent_of[ev.trigger_start] for ev in events if id(ev) not in scenes}
    return [ev for ev in events if id(ev) not in scenes or sent_of[ev.trigger_start] not in news]


def fold_repeats(doc: Doc, events: list[EventCandidate]) -> list[EventCandidate]:
    """A sentence a page repeats word for word (a caption or summary shown twice) tells the
    same events again: each event there is a mention of the first telling's event of its
    type and trigger word (rule ``story.repeated``)."""
    sent_of = sentence_starts(doc)
    texts = {s.start: " ".join(s.text.split()) for s in doc.sents}
    first: dict[tuple[str, str, str], EventCandidate] = {}
    kept = []
    for ev in sorted(events, key=lambda e: e.trigger_start):
        word = doc[ev.trigger_start : ev.trigger_end].text.lower()
        key = (texts[sent_of[ev.trigger_start]], ev.type, word)
        earlier = first.get(key)
        if earlier is None or ev.factuality != earlier.factuality:
            first.setdefault(key, ev)
            kept.append(ev)
            continue
        earlier.mentions.append((ev.trigger_start, ev.trigger_end))
        if "story.repeated" not in earlier.how:
            earlier.how += "; its sentence is repeated on the page (story.repeated)"
    return kept
