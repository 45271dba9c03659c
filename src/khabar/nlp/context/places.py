"""Place mentions, and the place each event happened at."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from khabar.nlp.annotations import EventCandidate, PlaceMention
from khabar.nlp.context.paragraphs import clause_tokens, paragraph_starts
from khabar.nlp.context.seats import SPEAKER_SEAT, speaker_seat
from khabar.nlp.sentences import ByStart, paragraph_of
from khabar.nlp.story.data import frame_words
from khabar.nlp.words import QuadTypes, WordSet

PLACE_LABELS = WordSet("context", "place_labels")


LOCATIVE_PREPS = WordSet("context", "locative_preps")


VERBAL_TYPES = QuadTypes("verbal_cooperation", "verbal_conflict")


#: "the village of Tora", "the town of Sake": a capitalised name after these is a place,
#: whether or not the NER or the gazetteer knows it.
SETTLEMENT_WORDS = WordSet("context", "settlement_words")


#: "residents of Khorog": the name after these is where they live.
RESIDENT_WORDS = WordSet("context", "resident_words")


def find_place_mentions(doc: Doc) -> list[PlaceMention]:
    out = []
    for ent in doc.ents:
        if ent.label_ in PLACE_LABELS:
            out.append(PlaceMention(start=ent.start, end=ent.end, label="PLACE"))
        elif ent.label_ == "NORP":
            out.append(PlaceMention(start=ent.start, end=ent.end, label="DEMONYM"))
    taken = {i for p in out for i in range(p.start, p.end)}
    for tok in doc:
        if (
            tok.lower_ == "of"
            and tok.i > 0
            and doc[tok.i - 1].lemma_.lower() in SETTLEMENT_WORDS | RESIDENT_WORDS
            and tok.i + 1 < len(doc)
            and doc[tok.i + 1].is_title
            and doc[tok.i + 1].i not in taken
        ):
            end = tok.i + 2
            while end < len(doc) and doc[end].is_title and end - tok.i <= 4:
                end += 1
            if not any(i in taken for i in range(tok.i + 1, end)):
                out.append(PlaceMention(start=tok.i + 1, end=end, label="PLACE"))
    return sorted(out, key=lambda p: p.start)


def _is_locative(doc: Doc, place: PlaceMention) -> bool:
    head = _first_conjunct(doc[place.end - 1])
    # "the province of Nangarhar": climb through the 'of' to the locative preposition.
    node = head
    for _ in range(3):
        if node.dep_ == "pobj" and node.head.lower_ in LOCATIVE_PREPS:
            return True
        if node.dep_ == "pobj" and node.head.lower_ != "of":
            return False  # "a response to Lisbon": not where anything happened
        if node.dep_ in {"pobj", "prep", "compound", "appos"} or node.head.lemma_ in {
            "province",
            "region",
            "district",
            "city",
            "town",
            "village",
            "area",
        }:
            node = node.head
            continue
        break
    return node.dep_ == "npadvmod" or (node.dep_ == "pobj" and node.head.lower_ in LOCATIVE_PREPS)


def attach_locations(
    doc: Doc,
    events: list[EventCandidate],
    places: list[PlaceMention],
    actor_spans: list[tuple[int, int]],
) -> None:
    starts = paragraph_starts(doc)
    text_end = doc[-1].idx + len(doc[-1].text_with_ws) if len(doc) else 0
    # the actor spans over each token, so that a place's enclosing mentions are found at once
    covering: dict[int, list[tuple[int, int]]] = {}
    for s, e in actor_spans:
        for i in range(s, e):
            covering.setdefault(i, []).append((s, e))

    def inside_actor(p: PlaceMention) -> bool:
        # a place that only qualifies an actor ("the president of Tajikistan"), not one that
        # is a whole mention by itself
        return any(
            s <= p.start and p.end <= e and (s, e) != (p.start, p.end)
            for s, e in covering.get(p.start, ())
        )

    all_candidates = [p for p in places if p.label == "PLACE" and not inside_actor(p)]
    # places that qualify an actor ("residents of Khorog", "Kabul police")
    actor_places = [p for p in places if p.label == "PLACE" and inside_actor(p)]
    by_token = ByStart(all_candidates, [p.start for p in all_candidates])
    by_char = ByStart(all_candidates, [doc[p.start].idx for p in all_candidates])
    actor_by_char = ByStart(actor_places, [doc[p.start].idx for p in actor_places])
    all_by_token = ByStart(places, [p.start for p in places])
    for ev in events:
        trigger = doc[ev.trigger_tokens[0]]
        sent = trigger.sent
        roles = [(m.start, m.end) for m in (*ev.actor, *ev.recipient)]
        # a party that is a place by itself: its span without the article ("the Czech Republic")
        bare = {(s + (doc[s].lower_ == "the"), e) for s, e in roles}

        def free(found: list[PlaceMention]) -> list[PlaceMention]:
            # not a place that only qualifies a party ("the governor of X"); a party that is a
            # place by itself ("talks in X", "stormed X") still says where
            return [
                p
                for p in found
                if (p.start, p.end) in bare  # noqa: B023
                or not any(s <= p.start and p.end <= e for s, e in roles)  # noqa: B023
            ]

        # every place of the sentence outside the event's own parties, those inside another
        # party's name too ("fighting in Khartoum state": a place, even if "Khartoum state"
        # also names a government)
        sent_places = free(
            [p for p in all_by_token.between(sent.start, sent.end) if p.label == "PLACE"]
        )
        if ev.type in VERBAL_TYPES:
            # Where a statement was made: a place attached to the trigger (or to the verb
            # whose object the trigger noun is: "announced in X the signing of a deal").
            own = [
                p
                for p in sent_places
                if _attached_to(doc, p, ev.trigger_tokens) or object_place(doc, p, ev)
            ]
            if own:
                ev.location, ev.location_how = _own_party_first(own, bare), "clause"
            elif ev.factuality == "asserted":
                named = _party_place(doc, all_by_token.between(sent.start, sent.end), ev)
                if named is not None:  # "the embassy in X said": where the party sits
                    ev.location, ev.location_how = named, PARTY_PLACE
                elif (country := _country_described(doc, places, ev)) is not None:
                    ev.location, ev.location_how = country, "description"
                elif (seat := speaker_seat(doc, ev)) is not None:
                    ev.location, ev.location_how = seat, SPEAKER_SEAT
            continue
        clause = clause_tokens(trigger)
        in_clause = [
            p
            for p in sent_places
            if p.end - 1 in clause and (_is_locative(doc, p) or object_place(doc, p, ev))
        ]
        if in_clause:
            mine = [p for p in in_clause if (p.start, p.end) in bare]
            ev.location, ev.location_how = _most_specific(doc, mine or in_clause), "clause"
            continue
        if any(t.lower_ == "there" and t.dep_ == "advmod" and t.i in clause for t in sent):
            prev_sent = doc[sent.start - 1].sent if sent.start > 0 else None
            prev = free(by_token.between(prev_sent.start, prev_sent.end)) if prev_sent else []
            if prev:
                ev.location = _most_specific(doc, prev)
                ev.location_how = "'there' -> place of the previous sentence"
                continue
        in_sent = [p for p in sent_places if _is_locative(doc, p)]
        if in_sent:
            ev.location, ev.location_how = _most_specific(doc, in_sent), "sentence"
            continue
        if ev.factuality not in {"asserted", "negated"}:
            continue
        # "residents of Khorog protested": the place that names where the actor is from.
        own_place = [
            p
            for p in all_by_token.between(sent.start, sent.end)
            if p.label == "PLACE"
            and (
                any(s <= p.start and p.end <= e and (s, e) != (p.start, p.end) for s, e in roles)
                or _qualifies(doc, p, roles)
            )
        ]
        # a country an actor is named by ("US troops") says little about where they acted
        own_place = [p for p in own_place if not _is_country(doc, p)]
        if own_place:  # (verbal events left above: only material ones reach here)
            ev.location, ev.location_how = own_place[0], PARTY_PLACE
            continue
        para = paragraph_of(trigger.idx, starts)
        lo, hi = starts[para], starts[para + 1] if para + 1 < len(starts) else text_end
        before = [
            *(
                p
                for p in free(by_char.between(lo, hi))
                if p.end <= sent.start and _is_locative(doc, p)
            ),
            # a party's town ("Kabul police"), not a party's country ("Israel's military")
            *(
                p
                for p in actor_by_char.between(lo, hi)
                if p.end <= sent.start and not _is_country(doc, p)
            ),
        ]
        if before:
            # the latest place of the paragraph, a town or region before a country
            specific = [p for p in before if not _is_country(doc, p)]
            ev.location = max(specific or before, key=lambda p: p.start)
            ev.location_how = "paragraph"
    _during_placed(doc, events)


def _during_placed(doc: Doc, events: list[EventCandidate]) -> None:
    """'During his visit to X, he held talks and met ...': a statement or meeting told
    during an event the sentence placed happened there (rule ``during``)."""
    by_token = {i: ev for ev in events if ev.location is not None for i in ev.trigger_tokens}
    for ev in events:
        if ev.location is not None or ev.type not in VERBAL_TYPES:
            continue
        trigger = doc[ev.trigger_tokens[0]]
        verb = _governing_verb(trigger) or trigger
        if verb.dep_ == "conj":  # "held talks ... and met": the first verb's adjuncts
            verb = verb.head
        for prep in verb.children:
            if prep.dep_ == "prep" and prep.lower_ == "during":
                placed = [by_token[c.i] for c in prep.children if c.i in by_token]
                if placed and placed[0] is not ev:
                    ev.location, ev.location_how = placed[0].location, "during"
                    break


def _qualifies(
    doc: Doc,
    place: PlaceMention,
    roles: list[tuple[int, int]],
    preps: frozenset[str] = frozenset({"of", "from"}),
) -> bool:
    """'residents of Khorog', 'protesters from Herat': the place names where a party is from."""
    head = doc[place.end - 1]
    prep = head.head
    return (
        head.dep_ == "pobj" and prep.lower_ in preps and any(s <= prep.head.i < e for s, e in roles)
    )


def _first_conjunct(tok: Token) -> Token:
    """'to X, Y and Z': Y and Z hang from X; the preposition is X's."""
    while tok.dep_ == "conj" and tok.head is not tok:
        tok = tok.head
    return tok


def _own_party_first(own: list[PlaceMention], bare: set[tuple[int, int]]) -> PlaceMention:
    """Of several places the clause gives ("visits to X, Y and Z", one event per side), the
    one that is the event's own party."""
    return next((p for p in own if (p.start, p.end) in bare), own[0])


def _attached_to(doc: Doc, place: PlaceMention, trigger_tokens: list[int]) -> bool:
    head = _first_conjunct(doc[place.end - 1])
    if head.dep_ != "pobj" or head.head.lower_ not in LOCATIVE_PREPS:
        return False
    if head.head.i in trigger_tokens:
        return False  # "called on X": the preposition is the trigger's, X is addressed
    prep = head.head
    # "met at a resort in X": up through the locative phrases the place is nested in
    while prep.head.dep_ == "pobj" and prep.head.head.lower_ in LOCATIVE_PREPS:
        prep = prep.head.head
    verb = prep.head
    trigger = doc[trigger_tokens[0]]
    # "In X, officials confirmed the attack but blamed Y": a place on the first of two
    # coordinated verbs is where both were said
    if verb.i in trigger_tokens or (trigger.dep_ == "conj" and trigger.head.i == verb.i):
        return True
    governing = _governing_verb(trigger)
    return governing is not None and governing.i == verb.i


def _governing_verb(trigger: Token) -> Token | None:
    """The verb an event noun is an argument of: "held talks", "arrived for a visit",
    "announced the signing of a deal" (through at most two nouns joined by 'of')."""
    node = trigger
    if node.pos_ not in {"NOUN", "PROPN"}:
        return None
    for _ in range(2):
        if (
            node.dep_ == "pobj"
            and node.head.lower_ == "of"
            and node.head.head.dep_ in {"dobj", "nsubj", "nsubjpass", "pobj", "attr"}
        ):
            node = node.head.head
    if node.dep_ in {"dobj", "nsubj", "nsubjpass", "attr"} and node.head.pos_ in {"VERB", "AUX"}:
        return node.head
    if node.dep_ == "pobj" and node.head.dep_ == "prep" and node.head.head.pos_ == "VERB":
        return node.head.head
    return None


#: ``location_how`` of a place an event's party is named by ("the embassy in X said")
PARTY_PLACE = "the place its actor is named by"


def _party_place(doc: Doc, places: list[PlaceMention], ev: EventCandidate) -> PlaceMention | None:
    """A town or region the speaker is named by ("the embassy in X", "X police"): where a
    statement was made, when the text says no more (a country says too little)."""
    actors = [(m.start, m.end) for m in ev.actor]
    for p in places:
        if p.label != "PLACE" or _is_country(doc, p):
            continue
        inside = any(s <= p.start and p.end <= e and (s, e) != (p.start, p.end) for s, e in actors)
        if inside or _qualifies(doc, p, actors, PARTY_PREPS):
            return p
    return None


def _country_described(
    doc: Doc, places: list[PlaceMention], ev: EventCandidate
) -> PlaceMention | None:
    """'a state visit to the European country': what the event acts on is a country described,
    not named; the country named last before the description."""
    preps = frame_words().object_place_preps.get(ev.type, frozenset())
    nouns = frame_words().country_nouns
    for i in ev.trigger_tokens:
        for prep in doc[i].children:
            if prep.dep_ != "prep" or prep.lower_ not in preps:
                continue
            for noun in prep.children:
                if (
                    noun.dep_ == "pobj"
                    and noun.lemma_.lower() in nouns
                    and any(c.lower_ == "the" for c in noun.children)
                ):
                    before = [
                        p
                        for p in places
                        if p.label == "PLACE" and p.end <= noun.i and _is_country(doc, p)
                    ]
                    return before[-1] if before else None
    return None


#: "the embassy in X", "officials at X", "residents of X", "envoys from X"
PARTY_PREPS = frozenset({"of", "from", "in", "at"})


def object_place(doc: Doc, place: PlaceMention, ev: EventCandidate) -> bool:
    """The place is what a material event acted on: the trigger's direct object ("stormed
    the village of X", "recaptured X") or the object of one of the type's prepositions
    attached to the trigger ("air strikes on X", "seized control of X", "aid to X")."""
    preps = frame_words().object_place_preps.get(ev.type)
    if preps is None:
        return False
    settlements = SETTLEMENT_WORDS | frame_words().description_nouns
    node = _first_conjunct(doc[place.end - 1])
    for _ in range(3):  # up from "X" in "the town of X", "X village", "the town, X"
        if node.dep_ in {"compound", "appos"} and node.head.lemma_.lower() in settlements:
            node = node.head
        elif (
            node.dep_ == "pobj"
            and node.head.lower_ == "of"
            and node.head.head.lemma_.lower() in settlements
        ):
            node = node.head.head
        else:
            break
    triggers = set(ev.trigger_tokens)
    if node.dep_ == "dobj":
        return node.head.i in triggers
    return node.dep_ == "pobj" and node.head.lower_ in preps and node.head.head.i in triggers


def _is_country(doc: Doc, place: PlaceMention) -> bool:
    from khabar.geo.countries import load_countries

    return load_countries().lookup_name(doc[place.start : place.end].text) is not None


def _most_specific(doc: Doc, places: list[PlaceMention]) -> PlaceMention:
    """Prefer a sub-national place over a country when both modify the event."""
    non_country = [p for p in places if not _is_country(doc, p)]
    return (non_country or places)[0]
