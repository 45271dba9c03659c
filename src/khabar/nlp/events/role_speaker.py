"""The speaker of a quote as the actor of what its 'we' did (step 10 of
:mod:`khabar.nlp.events.story_roles`, ``roles.quoted-speaker``).

PLOVER codes the source of a statement as who made it: in '"We call on X to …," the ministry
said' the ministry calls on X. The actor finder resolves a first-person pronoun when the verb
that attributes the quote is in the pronoun's own sentence; this step covers what it leaves
unresolved: an event whose only actor is a first-person pronoun takes the subject of a verb
that attributes a quote (``speaker_verbs``) — in the event's own sentence, else in one of the
next ``speaker_sentences`` sentences of its paragraph in which the quote closes ('"We caution X.
We are ready," the spokesman added.'). The speaker must be a party: a named or described
actor, or a pronoun already resolved to one; never another 'we'.

Word lists: ``nlp/data/story_roles.yaml`` (``speaker_verbs``, ``speaker_sentences``).
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from khabar.nlp import rules
from khabar.nlp.actors.context import FIRST_PERSON
from khabar.nlp.annotations import ActorMention, EventCandidate
from khabar.nlp.events.role_clauses import tagged
from khabar.nlp.events.role_words import story_role_words

_CLOSING_QUOTES = ('"', "”", "’’", "''")


def _first_person(doc: Doc, m: ActorMention) -> bool:
    return m.kind == "PRONOUN" and m.antecedent is None and doc[m.head].lower_ in FIRST_PERSON


def _speaker_in(sent: Span, by_head: dict[int, ActorMention]) -> ActorMention | None:
    """The party that is the subject of a verb attributing a quote in ``sent``."""
    verbs = story_role_words().speaker_verbs
    for tok in sent:
        if tok.lemma_.lower() not in verbs:
            continue
        for child in tok.children:
            if child.dep_ != "nsubj":
                continue
            m = by_head.get(child.i)
            if m is None or m.start > child.i or child.i >= m.end:
                continue
            if m.kind != "PRONOUN" or m.antecedent is not None:
                return m
    return None


def _quote_closes(sent: Span) -> bool:
    return any(tok.text in _CLOSING_QUOTES or tok.text.endswith("”") for tok in sent)


def _following(doc: Doc, sent: Span, n: int) -> list[Span]:
    """Up to ``n`` sentences after ``sent`` in its paragraph (no line break between)."""
    out: list[Span] = []
    sents = list(doc.sents)
    at = next((k for k, s in enumerate(sents) if s.start == sent.start), len(sents))
    prev = sent
    for nxt in sents[at + 1 : at + 1 + n]:
        # the text after the last word of the sentence before (a parser may keep a line
        # break as that sentence's last token)
        end = max((t.idx + len(t.text) for t in prev if not t.is_space), default=prev.end_char)
        if "\n" in doc.text[end : nxt.start_char]:
            break
        out.append(nxt)
        prev = nxt
    return out


def quoted_speaker(
    doc: Doc, events: list[EventCandidate], by_head: dict[int, ActorMention]
) -> None:
    """Step 10 (in place): an event whose only actor is an unresolved 'we' or 'I' takes the
    quote's speaker."""
    words = story_role_words()
    for ev in events:
        if not ev.actor or not all(_first_person(doc, a) for a in ev.actor):
            continue
        sent = doc[ev.trigger_start].sent
        speaker = _speaker_in(sent, by_head)
        if speaker is None:
            for later in _following(doc, sent, words.speaker_sentences):
                if _quote_closes(later):
                    speaker = _speaker_in(later, by_head)
                    break
        if speaker is None:
            continue
        said = doc[ev.actor[0].head].text
        how = f"'{said}' in a quote by {speaker.name}"
        ev.actor = [tagged(speaker, rules.ROLES_QUOTED_SPEAKER, how)]
