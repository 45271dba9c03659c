"""Background the wording tells without a date (issue 9, item 5): what a story says about a
party or a pattern, not the events of its news.

* ``background-description``: an event told in a clause that describes someone or something:
  a participle ("forces reinforcing the army", "militias that have been targeting bases", a
  party's; "a movement backed by the opposition"), a relative clause in the present tense
  ("the region, which is backed by X", "militias who demand …") or in the past perfect
  ("agitators who had called for protests"); not a headline's "Civilians killed by …";
* ``background-aggregate``: a running total or a habit: "so far", "in total" on the event's
  clause ("so far the fighting has killed 20"), a habitual adverb ("often beaten"), a count
  of events ("has launched dozens of attacks"), a part of a total as the subject ("most of
  the wounded were flown …"), a state ("X is under sanctions");
* ``background-since``: the event "since" dates from ("the first visit since the ceasefire").

The coding rule (news-dev README): the story's news is the events it reports as having
happened in its news period; background given as context is ``historical``. Word lists:
``words/context.yaml``.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from khabar.nlp.annotations import ActorMention, EventCandidate, actors_of
from khabar.nlp.words import WordSet

DESCRIPTION = "background-description"
AGGREGATE = "background-aggregate"
SINCE = "background-since"
HABITUAL = (DESCRIPTION, AGGREGATE, SINCE)

CUMULATIVE = WordSet("context", "cumulative_phrases")
HABITUAL_ADVERBS = WordSet("context", "habitual_adverbs")
EVENT_COUNTS = WordSet("context", "event_counts")
PARTITIVES = WordSet("context", "partitives")
STATE_PREPS = WordSet("context", "state_preps")
HARM_TYPES = WordSet("context", "harm_types")
PRESENT = frozenset({"VBZ", "VBP"})
#: the steps from a trigger up to the clause its running total or habit may sit on
CLAUSE_UP = frozenset({"conj", "ccomp", "xcomp"})


def _first_conjunct(tok: Token, through: frozenset[str] = frozenset({"conj"})) -> Token:
    while tok.dep_ in through and tok.head is not tok:
        tok = tok.head
    return tok


def _party(clause: Token, parties: list[ActorMention]) -> bool:
    """The noun ``clause`` describes names an actor: a person or organisation (or "who" opens
    the clause), or a mention the actor rules resolved to a sector (not a country)."""
    tok = clause.head
    if tok.ent_type_ in {"PERSON", "ORG", "NORP"}:
        return True
    if any(c.lower_ in {"who", "whom"} for c in clause.children):
        return True
    return any(
        m.start <= tok.i < m.end and m.kind != "COUNTRY" and (m.sector or m.kind == "PERSON")
        for m in parties
    )


def description(trigger: Token, parties: list[ActorMention], harm: bool = False) -> str | None:
    """The clause of ``trigger`` describes someone or something (see the module docstring).
    A clause with a date of its own tells an event ("a convoy attacked by gunmen on Monday"),
    and so does a harm (``harm``: its type is in ``harm_types``) done to what is not a party
    ("a convoy attacked by gunmen") or told by a bare participle ("gunmen attacking a
    checkpoint")."""
    # "feuds which are thought to have left … dead": up through conjuncts and complements
    clause = _first_conjunct(trigger, frozenset({"conj", "xcomp"}))
    if clause.dep_ not in {"acl", "relcl"} or clause.head.dep_ == "ROOT":
        return None  # a headline's "Civilians killed by …" is its news
    children = list(clause.children)
    if any(c.dep_ == "aux" and c.lower_ == "to" for c in children):
        return None  # "a decision to expel": the frame rules read infinitives
    if any(t.ent_type_ in {"DATE", "TIME"} for t in clause.subtree):
        return None
    head = clause.head
    auxes = [c for c in children if c.dep_ in {"aux", "auxpass"}]
    if clause.dep_ == "acl" and clause.tag_ == "VBN" and any(c.dep_ == "agent" for c in children):
        if harm and not _party(clause, parties):
            return None
        return f"{head.text} {clause.text} by"  # "a movement backed by …"
    if clause.tag_ == "VBG" and (clause.dep_ == "relcl" or not auxes):
        # "forces reinforcing the army", "militias that have been targeting bases"; not the
        # harm a bare participle tells ("police shot two gunmen attacking a checkpoint")
        if not _party(clause, parties) or (harm and clause.dep_ == "acl"):
            return None
        return f"{head.text} {clause.text}"
    if clause.dep_ != "relcl":
        return None
    perfect = any(a.lemma_.lower() == "have" for a in auxes)
    if not perfect and (clause.tag_ in PRESENT or any(a.tag_ in PRESENT for a in auxes)):
        return f"{head.text} … {clause.text}"  # "which claims …, is backed by …"
    if any(a.lower_ == "had" for a in auxes):
        return f"{head.text} … had {clause.text}"  # "agitators who had called for …"
    return None


def _cumulative(verb: Token) -> str | None:
    for child in verb.children:
        parts = [child, *(g for g in child.children if g.dep_ in {"advmod", "pobj"})]
        if len(parts) == 2 and not list(parts[1].children):
            phrase = " ".join(t.lower_ for t in sorted(parts, key=lambda t: t.i))
            if phrase in CUMULATIVE:
                return phrase
    return None


def aggregate(trigger: Token, words: range, harm: bool = False) -> str | None:
    """A running total, a habit, a count of events (in the trigger's ``words``: "launched
    dozens of attacks", not "killed dozens of people"), a part of a total, or a state."""
    node = trigger
    for _ in range(4):  # "so far, the fighting has killed"; "in all, X said that … destroyed"
        found = _cumulative(node)
        if found:
            return found
        if node.dep_ not in CLAUSE_UP:
            break
        node = node.head
    first = _first_conjunct(trigger)
    clauses = [first, *(c for c in first.children if c.dep_ == "conj")]
    for clause in clauses:
        for child in clause.children:
            if child.dep_ == "advmod" and child.lower_ in HABITUAL_ADVERBS:
                return child.text
    perfect = any(c.dep_ == "aux" and c.lemma_.lower() == "have" for c in trigger.children)
    for i in words if perfect else ():
        noun = trigger.doc[i]
        counted = noun.tag_ == "NNS" and noun.dep_ == "pobj" and noun.head.lower_ == "of"
        if counted and noun.head.head.lower_ in EVENT_COUNTS:
            return f"{noun.head.head.text} of {noun.text}"
    node = trigger  # "most of the wounded were …", "most of the candidates killed have been …"
    for _ in range(6):
        whole = node.head
        if node.lower_ == "of" and whole.lower_ in PARTITIVES:
            return f"{whole.text} of" if whole.dep_ in {"nsubj", "nsubjpass"} else None
        if node.dep_ not in {"acl", "pobj", "prep", "conj"}:
            break
        node = whole
    # a state ("is under sanctions, under investigation"); harm a place "is under" goes on now
    if not harm and trigger.dep_ == "pobj" and trigger.head.lower_ in STATE_PREPS:
        verb = trigger.head.head
        if verb.lemma_.lower() == "be" and verb.tag_ in PRESENT:
            return f"{verb.text} {trigger.head.text}"
    return None


def since(trigger: Token) -> str | None:
    """The event is what "since" counts from ("since the ceasefire", "since being detained")."""
    if trigger.dep_ in {"pobj", "pcomp"} and trigger.head.lower_ == "since":
        return f"since {trigger.text}"
    return None


def assign_habitual(doc: Doc, events: list[EventCandidate]) -> None:
    """Mark asserted events the wording puts outside the news as ``historical`` (in place)."""
    parties = actors_of(doc) or []
    for ev in events:
        if ev.factuality != "asserted":
            continue
        trigger = doc[ev.trigger_tokens[0]]
        harm = ev.type in HARM_TYPES
        for rule, cue in (
            (DESCRIPTION, description(trigger, parties, harm)),
            (AGGREGATE, aggregate(trigger, range(ev.trigger_start, ev.trigger_end), harm)),
            (SINCE, since(trigger)),
        ):
            if cue is not None:
                ev.factuality, ev.factuality_cue = "historical", f"{rule}: {cue}"
                break
