"""Event typing with the sentence-embedding classifier, alongside the trigger rules.

The rules find most events; the classifier (all-MiniLM-L6-v2 + logistic regression trained
on khabar's own example sentences) does two things:
- where the rules find events of different types in one sentence, it scores them, and
  agreement raises an event's confidence;
- a sentence with an actor and a main verb but no rule event becomes an event of the
  classifier's type when the classifier is confident (``CLASSIFIER_MIN_SCORE``).
Only those sentences are embedded, to keep the pipeline fast.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from spacy.tokens import Doc, Span

from khabar.nlp import rules
from khabar.nlp.annotations import (
    ActorMention,
    EventCandidate,
    actors_of,
    events_of,
    non_events_of,
)
from khabar.nlp.sentences import sentence_starts
from khabar.nlp.words import WordSet

#: Chosen before looking at any evaluation data: a sentence needs a clear majority of the
#: probability mass for a type before the classifier alone creates an event.
CLASSIFIER_MIN_SCORE = 0.5


class TypeScoresLike(Protocol):
    @property
    def best(self) -> str: ...
    @property
    def best_score(self) -> float: ...
    @property
    def scores(self) -> dict[str, float]: ...


class SentenceTyper(Protocol):
    """What the stage needs: ``khabar.nlp.classify.EventTypeClassifier`` fits."""

    def predict(self, sentences: Sequence[str]) -> Sequence[TypeScoresLike]: ...


REPORTING = WordSet("reporting", "classifier")


def _root_verb(sent: Span) -> int | None:
    """The sentence's main verb; for 'X said (that) Y …' the verb of what was said."""
    root = sent.root
    if root.pos_ not in {"VERB", "AUX"}:
        return None
    if root.lemma_.lower() in REPORTING:
        for child in root.children:
            if child.dep_ in {"ccomp", "parataxis"} and child.pos_ in {"VERB", "AUX"}:
                return child.i
    return root.i


def _args(
    sent: Span, root: int, by_head: dict[int, ActorMention]
) -> tuple[list[ActorMention], list[ActorMention]]:
    doc = sent.doc
    subj: list[ActorMention] = []
    obj: list[ActorMention] = []
    for child in doc[root].children:
        if child.dep_ in {"nsubj", "nsubjpass"} and child.i in by_head:
            subj = [by_head[child.i]]
        elif child.dep_ in {"dobj", "dative"} and child.i in by_head and not obj:
            obj = [by_head[child.i]]
        elif child.dep_ == "prep" and not obj:
            obj = [by_head[g.i] for g in child.children if g.dep_ == "pobj" and g.i in by_head][:1]
    return subj, obj


def classify_events(doc: Doc, typer: SentenceTyper) -> None:
    """Rank rival rule events, and add classifier events where the rules found none."""
    events = events_of(doc)
    actors = actors_of(doc)
    sent_of = sentence_starts(doc)
    by_head = {m.head: m for m in actors}
    actor_sents = {sent_of[m.head] for m in actors}
    types_by_sent: dict[int, set[str]] = {}
    events_by_sent: dict[int, list[EventCandidate]] = {}
    for e in events:
        types_by_sent.setdefault(sent_of[e.trigger_tokens[0]], set()).add(e.type)
        events_by_sent.setdefault(sent_of[e.trigger_tokens[0]], []).append(e)
    # A sentence whose trigger word the rules judged figurative ("fought back tears") is
    # explained: the classifier does not read an event into it.
    explained = {sent_of[i] for i in non_events_of(doc)}
    todo: list[Span] = []
    for sent in doc.sents:
        types = types_by_sent.get(sent.start)
        if types is None and sent.start in explained:
            continue
        if types is not None:
            # A sentence the rules type once is not embedded (that halves the cost);
            # rival types in one sentence are scored to rank them.
            if len(types) > 1:
                todo.append(sent)
        elif _root_verb(sent) is not None and sent.start in actor_sents:
            todo.append(sent)
    if not todo:
        return
    scores = typer.predict([s.text for s in todo])
    new: list[EventCandidate] = []
    for sent, score in zip(todo, scores, strict=True):
        best, best_score = str(score.best), float(score.best_score)
        if sent.start in types_by_sent:
            for ev in events_by_sent[sent.start]:
                ev.classifier_type = ev.type
                ev.classifier_score = float(score.scores.get(ev.type, 0.0))
            continue
        if best == "NONE" or best_score < CLASSIFIER_MIN_SCORE:
            continue
        root = _root_verb(sent)
        assert root is not None
        subj, obj = _args(sent, root, by_head)
        if not subj:
            continue
        new.append(
            EventCandidate(
                type=best,
                mode=None,
                context=[],
                trigger_start=root,
                trigger_end=root + 1,
                trigger_tokens=[root],
                how=f"classifier over the sentence ({best} {best_score:.2f})",
                actor=subj,
                recipient=[o for o in obj if o is not subj[0]],
                classifier_type=best,
                classifier_score=best_score,
                rule=rules.CLASSIFIER,
            )
        )
    if new:
        doc._.khabar_events = sorted(events + new, key=lambda e: e.trigger_start)
