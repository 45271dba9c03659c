"""Passes over all events of a Doc: restatements, headlines, reactions, naming."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from khabar.nlp import rules
from khabar.nlp.annotations import ActorMention, EventCandidate
from khabar.nlp.events.roles import OBJECT_DEPS, make_candidate, subject_of, with_conjuncts
from khabar.nlp.events.triggers import MATERIAL_TYPES, sense_for_noun
from khabar.nlp.lexicon import TriggerLexicon, TriggerSense
from khabar.nlp.sentences import sentence_starts
from khabar.nlp.words import WordSet

#: Reactions to an event: their recipient is who did it ("condemned the attack").
REACTION_TYPES = WordSet("events", "reaction_types")
#: "another", "other", "separate": a new act, not one told before.
DISTINCT_MARKERS = WordSet("events", "distinct_markers")
#: "after", "before": a clause tied in time to another act tells a second act.
SEQUENCE_TIES = WordSet("events", "sequence_ties")
#: "killed two and wounded 26": casualties of one act.
TOLL_LEMMAS = WordSet("events", "toll_lemmas")
#: Rule ids: an act set apart from the one before it is no retelling of it.
DISTINCT_ACTS = "event.distinct-acts"
STRANDED_SUBJECT = "event.stranded-subject"
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})


#: How far back (in sentences) a reaction looks for the event it refers to.
REFERRED_EVENT_SENTENCES = 5


def recipients_from_referred_events(
    doc: Doc, events: list[EventCandidate], lex: TriggerLexicon
) -> None:
    """'Somalia's president condemned the ambush': a reaction whose object is an event noun
    with no party of its own is aimed at that event's actor — the latest earlier event of
    the noun's type, in this sentence or the few before it, that names one."""
    sent_index = {s.start: i for i, s in enumerate(doc.sents)}
    sent_of = sentence_starts(doc)
    for ev in events:
        if ev.type not in REACTION_TYPES or ev.recipient:
            continue
        trigger = doc[ev.trigger_tokens[0]]
        nouns = [
            c for c in trigger.children if c.dep_ in {"dobj", "obj", "nsubj"} and c.pos_ == "NOUN"
        ]
        for noun in nouns:
            sense = sense_for_noun(noun, lex)
            if sense is None or sense[0].type not in MATERIAL_TYPES:
                continue
            here = sent_index[sent_of[trigger.i]]
            own = {a.name for a in ev.actor}
            earlier = [
                e
                for e in events
                if e is not ev
                and e.type == sense[0].type
                and e.actor
                and not own & {a.name for a in e.actor}
                and e.trigger_start < trigger.i
                and here - sent_index[sent_of[e.trigger_start]] <= REFERRED_EVENT_SENTENCES
            ]
            # the same word first ("the ambush" -> "ambushed"), else the latest of its type
            same_word = [e for e in earlier if doc[e.trigger_start].lemma_ == noun.lemma_]
            if earlier:
                referred = max(same_word or earlier, key=lambda e: e.trigger_start)
                ev.recipient = list(referred.actor)
                if ev.recipient:
                    what = doc[referred.trigger_start : referred.trigger_end].text
                    ev.how += f"; recipient: who did the '{noun.text}' (the '{what}' before)"
            break


def marked_distinct(doc: Doc, ev: EventCandidate) -> str | None:
    """The word that sets ``ev`` apart from an act told before ("another ship was attacked",
    "four other activists were jailed", "a separate attack"): a marker on its
    trigger, on its object, on the subject of the verb a noun trigger completes ("other
    towns came under shelling") or in a party's span ("each other", "one another" are
    none)."""
    trigger = doc[ev.trigger_start]
    heads = [trigger, *(c for c in trigger.children if c.dep_ in {"dobj", "nsubjpass"})]
    heads.extend(stranded_subject(trigger))
    noun = trigger
    while noun.dep_ == "conj" and noun.head.i < noun.i:  # "drone and artillery strikes"
        noun = noun.head
    if noun.dep_ == "pobj" and noun.head.dep_ == "prep":
        # "ten other towns came under shelling": the subject of the verb the noun completes
        verb = noun.head.head
        heads.extend(c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"})
    tokens = [c for h in heads for c in h.children if c.dep_ in {"det", "amod"}]
    for m in [*ev.actor, *ev.recipient]:
        tokens.extend(doc[m.start : m.end])
    for tok in tokens:
        before = doc[tok.i - 1].lower_ if tok.i > 0 else ""
        if tok.lower_ in DISTINCT_MARKERS and before not in {"each", "one"}:
            return tok.text
    return None


def _tied_in_time(tok: Token, other: Token) -> bool:
    """``tok`` sits in a clause tied to ``other``'s by "after"/"before" ("the shelling came
    two days after troops bombed the camp"): on the way up from ``tok`` to the first word that
    governs ``other``, a tie word heads the path or marks a clause on it."""
    node = tok
    for _ in range(6):
        if node.is_ancestor(other) or node.head is node:
            return False
        if node.lower_ in SEQUENCE_TIES and node.dep_ in {"prep", "mark"}:
            return True
        if any(c.dep_ == "mark" and c.lower_ in SEQUENCE_TIES for c in node.children):
            return True
        node = node.head
    return False


def stranded_subject(verb: Token) -> list[Token]:
    """The subject a verb with none of its own is told with (rule ``event.stranded-subject``):
    the parser may read "three other activists held with her were fined" as two clauses, the
    subject on the first ("held") and none on the second; the subject of the nearest verb
    before it under the same head (or of the verb it is coordinated with) is its subject."""
    if verb.pos_ not in {"VERB", "AUX"} or any(c.dep_ in SUBJECT_DEPS for c in verb.children):
        return []
    if verb.dep_ == "conj":
        other: Token | None = verb.head
    else:
        siblings = [s for s in verb.head.children if s.i < verb.i and s.pos_ == "VERB"]
        other = siblings[-1] if siblings and verb.head is not verb else None
    if other is None:
        return []
    return [c for c in other.children if c.dep_ in SUBJECT_DEPS]


def _distinct_acts(doc: Doc, a: EventCandidate, b: EventCandidate) -> bool:
    """Two acts of one type in one sentence that the grammar tells apart: coordinated verbs
    each with an object of its own, not a pronoun ("abducted seven women and killed three
    others"; not "arrested X and charged him"), or a
    verb in a relative clause on a party of the other ("killed militants who had attacked a
    base"); a clause on the event noun itself ("the attack, which killed five") tells it."""
    first, second = sorted((doc[a.trigger_start], doc[b.trigger_start]), key=lambda t: t.i)
    own = {t.i for ev in (a, b) for t in doc[ev.trigger_start : ev.trigger_end]}
    tolls = {first.lemma_.lower(), second.lemma_.lower()} <= TOLL_LEMMAS
    if second.dep_ == "conj" and second.head.i == first.i and first.pos_ == second.pos_ == "VERB":
        if tolls:
            return False  # "killed two and wounded 26": one act's casualties
        objects = [  # a pronoun object is the other's ("arrested X and charged him")
            [
                c.i
                for c in t.children
                if c.dep_ in {"dobj", "nsubjpass"} and c.i not in own and c.pos_ != "PRON"
            ]
            for t in (first, second)
        ]
        return all(objects) and objects[0] != objects[1]
    for tok, other in ((first, second), (second, first)):
        if tok.dep_ == "relcl" and tok.head.i != other.i and tok.head.i not in own:
            return True
        if _tied_in_time(tok, other):
            return True
    return marked_distinct(doc, b) is not None and marked_distinct(doc, a) is None


def merge_restatements(doc: Doc, events: list[EventCandidate]) -> list[EventCandidate]:
    """Two events of one type in one sentence whose parties agree (each role the same, or
    empty in one of them) are one event told twice: "12 officers were injured when
    protesters threw stones". The one naming more parties stays; the other's trigger is
    noted in its ``how``. Acts the grammar tells apart (:func:`_distinct_acts`, rule
    ``event.distinct-acts``) stay two events."""

    def names(ms: list[ActorMention]) -> set[str]:
        return {m.name for m in ms}

    def compatible(a: list[ActorMention], b: list[ActorMention]) -> bool:
        return not a or not b or names(a) == names(b)

    sent_of = sentence_starts(doc)
    kept: list[EventCandidate] = []
    # the kept events of each (type, sentence), in the order of ``kept``
    groups: dict[tuple[str, int], list[EventCandidate]] = {}
    for ev in events:
        group = groups.setdefault((ev.type, sent_of[ev.trigger_tokens[0]]), [])
        twin = next(
            (
                k
                for k in group
                if compatible(k.actor, ev.actor)
                and compatible(k.recipient, ev.recipient)
                and not _distinct_acts(doc, k, ev)
            ),
            None,
        )
        if twin is None:
            if any(_distinct_acts(doc, k, ev) for k in group):
                ev.how += f"; an act of its own in its sentence ({DISTINCT_ACTS})"
            kept.append(ev)
            group.append(ev)
            continue
        richer, other = (ev, twin) if role_count(ev) > role_count(twin) else (twin, ev)
        richer.actor = richer.actor or other.actor
        richer.recipient = richer.recipient or other.recipient
        trigger = doc[other.trigger_start : other.trigger_end].text
        richer.how += f"; the same event as '{trigger}' in this sentence"
        kept[kept.index(twin)] = richer
        group[group.index(twin)] = richer
    return kept


#: How many body sentences after a headline are searched for the event it announces.
HEADLINE_LEAD_SENTENCES = 4


def merge_headline(doc: Doc, events: list[EventCandidate]) -> list[EventCandidate]:
    """A headline ("Border guards clash with smugglers") announces the lead's event: an event
    of the same type with agreeing parties in the first sentences of the body is the same
    event, so the headline's is dropped and the body's notes it."""
    text = doc.text
    first_break = text.find("\n")
    if first_break <= 0 or text[:first_break].rstrip()[-1:] in {".", "!", "?", '"', "”"}:
        return events  # no headline line (the first line is a sentence of the body)
    sents = list(doc.sents)
    head_end = first_break
    lead = [s for s in sents if s.start_char > head_end][:HEADLINE_LEAD_SENTENCES]
    if not lead:
        return events
    lead_end = lead[-1].end_char

    def names(ms: list[ActorMention]) -> set[str]:
        return {m.name for m in ms}

    def agree(a: list[ActorMention], b: list[ActorMention]) -> bool:
        return not a or not b or bool(names(a) & names(b))

    kept = []
    for ev in events:
        start = doc[ev.trigger_start].idx
        if start < head_end:
            body = next(
                (
                    b
                    for b in events
                    if b.type == ev.type
                    and head_end < doc[b.trigger_start].idx < lead_end
                    and agree(b.actor, ev.actor)  # a headline names its parties loosely
                ),
                None,
            )
            if body is not None:
                body.how += "; also announced in the headline"
                continue
        kept.append(ev)
    return kept


def role_count(ev: EventCandidate) -> int:
    return len(ev.actor) + len(ev.recipient)


def add_naming_accusations(
    doc: Doc, events: list[EventCandidate], by_head: dict[int, ActorMention], lex: TriggerLexicon
) -> None:
    """'X called Y "genocide"' / 'branded them terrorists': an accusation by naming."""
    for tok in doc:
        if tok.lemma_.lower() not in {"call", "label", "brand", "describe", "term", "denounce"}:
            continue
        oprd = [c for c in tok.children if c.dep_ in {"oprd", "xcomp", "attr"} and c.pos_ == "NOUN"]
        if not oprd:
            continue
        noun = oprd[0]
        negative = (
            noun.lemma_.lower() in lex.nouns
            and lex.nouns[noun.lemma_.lower()].type in {"ASSAULT", "COERCE"}
        ) or noun.lemma_.lower() in {
            "terrorist",
            "criminal",
            "crime",
            "aggression",
            "terrorism",
            "occupation",
            "invasion",
            "genocide",
        }
        if not negative or any(e.trigger_tokens == [tok.i] for e in events):
            continue
        actor = subject_of(tok, by_head)
        target = [
            m for c in tok.children if c.dep_ in OBJECT_DEPS for m in with_conjuncts(c, by_head)
        ]
        events.append(
            make_candidate(
                TriggerSense(type="ACCUSE", mode="allege"),
                [tok.i],
                f"naming: '{tok.lemma_} … {noun.text}'",
                actor,
                target,
                rules.NAMING,
            )
        )
