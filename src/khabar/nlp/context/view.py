"""What the story passes need of the whole story: paragraph starts, the lead, and which
events the story tells as its news."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc

from khabar.nlp.annotations import EventCandidate
from khabar.nlp.context.paragraphs import paragraph_starts
from khabar.nlp.story.frame import StoryFrame


@dataclass(frozen=True)
class StoryView:
    """What the passes need of the story: paragraph starts, the lead, its events' types."""

    starts: list[int]
    lead: tuple[int, int] | None
    lead_types: frozenset[str]
    #: the nouns of the lead's event triggers ("a protest", "the raid")
    lead_nouns: frozenset[str] = frozenset()

    @classmethod
    def of(cls, doc: Doc, events: list[EventCandidate], frame: StoryFrame | None) -> StoryView:
        lead = (frame.lead.start, frame.lead.end) if frame and frame.lead else None
        in_lead = [
            ev for ev in events if lead and lead[0] <= doc[ev.trigger_tokens[0]].idx < lead[1]
        ]
        types = frozenset(ev.type for ev in in_lead if ev.factuality == "asserted")
        nouns = frozenset(
            doc[i].lemma_.lower()
            for ev in in_lead
            for i in ev.trigger_tokens
            if doc[i].pos_ == "NOUN"
        )
        return cls(paragraph_starts(doc), lead, types, nouns)

    def in_lead(self, char: int) -> bool:
        return self.lead is not None and self.lead[0] <= char < self.lead[1]

    def is_news(self, doc: Doc, ev: EventCandidate) -> bool:
        """Told as the story's news: in the lead, the lead's event type restated, or the
        lead's event named again with a definite article ("took part in the protest")."""
        return (
            self.in_lead(doc[ev.trigger_tokens[0]].idx)
            or ev.type in self.lead_types
            or self.refers_to_lead(doc, ev)
        )

    def refers_to_lead(self, doc: Doc, ev: EventCandidate) -> bool:
        return any(
            doc[i].pos_ == "NOUN"
            and doc[i].lemma_.lower() in self.lead_nouns
            and any(c.dep_ == "det" and c.lower_ in DEFINITE for c in doc[i].children)
            for i in ev.trigger_tokens
        )


#: determiners that name an event already told ("the protest", "this attack")
DEFINITE = frozenset({"the", "this", "that"})
