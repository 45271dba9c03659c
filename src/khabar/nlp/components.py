"""spaCy component registrations: the one module that declares khabar's pipeline stages.

Each factory name is versioned (``khabar_events_v2``); a change of behaviour gets a new
version. The stateful stages (:mod:`khabar.nlp.stages`) take their tables through
``initialize()`` (called by :func:`khabar.nlp.pipeline.load_pipeline`) and save them with
the pipeline: ``nlp.to_disk(path)`` then :func:`khabar.nlp.pipeline.load_saved_pipeline`
gives the same pipeline. Nothing is read from disk in a constructor.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from khabar.nlp.sentences import keep_paragraph_openings
from khabar.nlp.stages import (
    ActorStage,
    ClassifierStage,
    DateStage,
    EventContextStage,
    EventStage,
    FactualityStage,
    PlaceStage,
    StoryEventsStage,
    StoryFrameStage,
    StoryRolesStage,
)
from khabar.nlp.words import WordSet

DATELINE_DASHES = WordSet("names", "dateline_dashes")
#: Punctuation inside a dateline's place words: "KABUL, Afghanistan (AP) -".
DATELINE_MARKS = WordSet("names", "dateline_marks")


def mark_line_breaks(doc: Doc) -> Doc:
    """A line break ends a sentence, and a dateline ('DUSHANBE -') is a sentence of its own."""
    starts = [0] + [t.i + 1 for t in doc[:-1] if t.is_space and "\n" in t.text]
    for start in starts:
        if start >= len(doc):
            continue
        if start > 0:
            doc[start].is_sent_start = True
        # A paragraph opening with capitalised place words (and an agency in brackets)
        # then a dash: "KABUL, Afghanistan (AP) -", "DUSHANBE -".
        i = start
        while (
            i < len(doc)
            and i - start < 8
            and (doc[i].is_upper or doc[i].text in DATELINE_MARKS or doc[i].is_title)
        ):
            i += 1
        if (
            i > start
            and i + 1 < len(doc)
            and doc[i].text in DATELINE_DASHES
            and doc[start].is_upper
            and len(doc[start]) > 1
        ):
            doc[i + 1].is_sent_start = True
    return doc


@Language.component("khabar_line_breaks_v1", assigns=["token.is_sent_start"], requires=[])
def line_break_stage(doc: Doc) -> Doc:
    return mark_line_breaks(doc)


@Language.component("khabar_line_breaks_v2", assigns=["token.is_sent_start"], requires=[])
def line_break_stage_v2(doc: Doc) -> Doc:
    """v2: a paragraph's first words stay in its first sentence (``keep_paragraph_openings``)."""
    return keep_paragraph_openings(mark_line_breaks(doc))


#: Capitalised words that continue a place name rather than start a person's.
GEO_WORDS = WordSet("names", "place_words")


#: Capitalised words that make a place the modifier of an organisation or office
#: ("Riverton Police Department", "Lakeside Mayor …", "Ohio House"): the place stays.
INSTITUTION_WORDS = WordSet("names", "institution_words")
DIRECTION_WORDS = WordSet("names", "direction_words")
#: Words before a place that do not make it part of a longer name ("in Jordan").
PLACE_OPENERS = WordSet("names", "place_openers")


def unforce_name_parts(doc: Doc) -> Doc:
    """Drop gazetteer place matches that are part of a longer name ("Dara Vance",
    "Jordan Peterson"): a capitalised word right before or after them, that is neither a
    place word nor the start of the sentence, means the name is someone's, so ``ner``
    decides."""
    keep = []
    for ent in doc.ents:
        if ent.label_ in {"GPE", "LOC"}:
            after = doc[ent.end] if ent.end < len(doc) else None
            before = doc[ent.start - 1] if ent.start > 0 else None
            glued_after = (
                after is not None
                and after.is_title
                and after.is_alpha
                and after.lower_ not in GEO_WORDS
                and after.lower_ not in INSTITUTION_WORDS
                and not after.ent_type_
            )
            glued_before = (
                before is not None
                and before.is_title
                and before.is_alpha
                and not before.is_sent_start
                and not before.ent_type_
                and before.lower_ not in PLACE_OPENERS
                and before.lower_ not in DIRECTION_WORDS
                and before.lower_ not in INSTITUTION_WORDS
            )
            if glued_after or glued_before:
                continue
        keep.append(ent)
    if len(keep) != len(doc.ents):
        doc.set_ents(keep, default="outside")
    return doc


@Language.component("khabar_name_parts_v1", assigns=["doc.ents"], requires=["doc.ents"])
def name_parts_stage(doc: Doc) -> Doc:
    return unforce_name_parts(doc)


@Language.factory("khabar_places_v1", assigns=["doc._.khabar_places"], requires=["doc.ents"])
def make_place_stage(nlp: Language, name: str) -> PlaceStage:
    return PlaceStage()


@Language.factory(
    "khabar_dates_v3",
    assigns=["doc._.khabar_dates"],
    requires=["doc.ents", "doc._.khabar_published", "doc._.khabar_frame"],
)
def make_date_stage(nlp: Language, name: str) -> DateStage:
    return DateStage()


@Language.factory(
    "khabar_actors_v1",
    assigns=["doc._.khabar_actors", "doc._.khabar_framing"],
    requires=["doc.ents", "token.dep", "token.lemma", "token.pos"],
)
def make_actor_stage(nlp: Language, name: str) -> ActorStage:
    return ActorStage()


@Language.factory(
    "khabar_actors_v2",
    assigns=["doc._.khabar_actors", "doc._.khabar_framing"],
    requires=["doc.ents", "token.dep", "token.lemma", "token.pos"],
)
def make_actor_stage_v2(nlp: Language, name: str) -> ActorStage:
    """v2: acronyms the story defines name their party (``actor.story-acronym``)."""
    return ActorStage(story_acronyms=True)


@Language.factory(
    "khabar_actors_v3",
    assigns=["doc._.khabar_actors", "doc._.khabar_framing"],
    requires=["doc.ents", "token.dep", "token.lemma", "token.pos"],
)
def make_actor_stage_v3(nlp: Language, name: str) -> ActorStage:
    """v3: two parties under one noun phrase (``actor.joint-modifiers``, ``actor.both-parties``)."""
    return ActorStage(story_acronyms=True, pairs=True)


@Language.factory(
    "khabar_events_v4",
    assigns=["doc._.khabar_events", "doc._.khabar_non_events"],
    requires=["doc._.khabar_actors", "token.dep", "token.lemma", "token.pos"],
)
def make_event_stage(nlp: Language, name: str) -> EventStage:
    """v4: clauses typed by PLOVER without a trigger of their type (``events.clause_types``)."""
    return EventStage()


@Language.factory(
    "khabar_event_classifier_v2",
    assigns=["doc._.khabar_events"],
    requires=["doc._.khabar_events", "doc._.khabar_non_events", "doc._.khabar_actors", "doc.sents"],
)
def make_classifier_stage(nlp: Language, name: str) -> ClassifierStage:
    return ClassifierStage()


@Language.factory(
    "khabar_story_frame_v2",
    assigns=["doc._.khabar_frame"],
    requires=["doc._.khabar_places", "doc._.khabar_published"],
)
def make_story_frame_stage(nlp: Language, name: str) -> StoryFrameStage:
    return StoryFrameStage()


@Language.factory(
    "khabar_event_context_v6",
    assigns=["doc._.khabar_events"],
    requires=[
        "doc._.khabar_events",
        "doc._.khabar_dates",
        "doc._.khabar_places",
        "doc._.khabar_published",
        "doc._.khabar_frame",
    ],
)
def make_event_context_stage(nlp: Language, name: str) -> EventContextStage:
    return EventContextStage()


@Language.factory(
    "khabar_factuality_v2",
    assigns=["doc._.khabar_events"],
    requires=["doc._.khabar_events", "token.dep"],
)
def make_factuality_stage(nlp: Language, name: str) -> FactualityStage:
    return FactualityStage()


@Language.factory(
    "khabar_story_events_v4",
    assigns=["doc._.khabar_events"],
    requires=["doc._.khabar_events", "doc._.khabar_actors", "doc._.khabar_frame", "doc.sents"],
)
def make_story_events_stage(nlp: Language, name: str) -> StoryEventsStage:
    return StoryEventsStage()


@Language.factory(
    "khabar_story_roles_v1",
    assigns=["doc._.khabar_events"],
    requires=["doc._.khabar_events", "doc._.khabar_actors", "token.dep"],
)
def make_story_roles_stage(nlp: Language, name: str) -> StoryRolesStage:
    return StoryRolesStage()


@Language.factory(
    "khabar_story_roles_v2",
    assigns=["doc._.khabar_events"],
    requires=["doc._.khabar_events", "doc._.khabar_actors", "token.dep"],
)
def make_story_roles_stage_v2(nlp: Language, name: str) -> StoryRolesStage:
    """v2: the implied addressee of a statement or a request (step 8)."""
    stage = StoryRolesStage()
    stage.implied = True
    return stage


@Language.factory(
    "khabar_story_roles_v3",
    assigns=["doc._.khabar_events"],
    requires=["doc._.khabar_events", "doc._.khabar_actors", "token.dep"],
)
def make_story_roles_stage_v3(nlp: Language, name: str) -> StoryRolesStage:
    """v3: v2 and the other side of a mutual act whose sides it found (step 9)."""
    stage = make_story_roles_stage_v2(nlp, name)
    stage.mutual = True
    return stage


@Language.factory(
    "khabar_story_roles_v4",
    assigns=["doc._.khabar_events"],
    requires=["doc._.khabar_events", "doc._.khabar_actors", "token.dep"],
)
def make_story_roles_stage_v4(nlp: Language, name: str) -> StoryRolesStage:
    """v4: v3 and the speaker of a quote as the actor of its 'we' (step 10)."""
    stage = make_story_roles_stage_v3(nlp, name)
    stage.quoted = True
    return stage
