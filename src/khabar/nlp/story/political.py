"""Political or not: is a sentence about deaths, injuries or damage a PLOVER event at all?

PLOVER codes political interactions. Deaths and injuries from disasters, accidents, disease
and ordinary crime with no political or armed actor are not ASSAULT, and sport, business and
culture wording is not political ("the team attacked", "shares plunged after the raid on the
market"). A sentence is judged in this order:

1. a political or armed actor (told by the caller, e.g. from resolved actor sectors) or an
   armed/political-act cue in the sentence ("troops", "bombing", "protesters") → political;
2. a cue of a non-political kind (disaster, accident, disease, crime, sport, business,
   culture) in the sentence → not political, that kind;
3. the story's domain (:func:`story_domain`: its non-political cues clearly outnumber its
   political ones) is not political → not political, that domain (a state actor named in
   a disaster or accident story is the responder, not a party);
4. a state-actor cue ("government", "ministry") → political;
5. otherwise political (no evidence against).

Cue words are data (``nlp/data/political.yaml``), matched case-blind as whole words on text.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from pydantic import BaseModel, ConfigDict, Field
from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from khabar.nlp.story.data import political_words

POLITICAL = "political"
ARMED = "armed"
STATE = "state"
_POLITICAL_KINDS = frozenset({ARMED, STATE})


class Cue(BaseModel):
    """A cue word found in the text: its kind (``armed``, ``state`` or a non-political kind)."""

    model_config = ConfigDict(frozen=True)

    kind: str
    text: str
    start: int
    end: int


class Judgement(BaseModel):
    """Whether a sentence is political, why (``rule``), and the cues it rests on."""

    model_config = ConfigDict(frozen=True)

    political: bool
    kind: str = Field(description="'political' or the non-political kind")
    rule: str
    cues: tuple[Cue, ...] = ()


class StoryDomain(BaseModel):
    """The domain of a whole article, from its cue counts."""

    model_config = ConfigDict(frozen=True)

    domain: str
    counts: dict[str, int]
    rule: str


@lru_cache(maxsize=1)
def _patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    words = political_words()
    kinds = [(ARMED, words.armed), (STATE, words.state), *words.kinds.items()]
    out = []
    for kind, cues in kinds:
        alternatives = "|".join(
            r"\s+".join(re.escape(p) for p in cue.split())
            for cue in sorted(cues, key=len, reverse=True)
        )
        out.append((kind, re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", re.IGNORECASE)))
    return tuple(out)


def find_cues(text: str, offset: int = 0) -> list[Cue]:
    """Every cue in ``text`` (offsets shifted by ``offset``), in text order."""
    cues = [
        Cue(kind=kind, text=m.group(0), start=offset + m.start(), end=offset + m.end())
        for kind, pattern in _patterns()
        for m in pattern.finditer(text)
    ]
    return sorted(cues, key=lambda c: (c.start, c.kind))


def story_domain(doc: Doc) -> StoryDomain:
    """``political`` unless one non-political kind's cues are many and clearly dominate."""
    words = political_words()
    counts = Counter(c.kind for c in find_cues(doc.text))
    political = counts.get(ARMED, 0) + counts.get(STATE, 0)
    others = [(n, kind) for kind, n in counts.items() if kind not in _POLITICAL_KINDS]
    if others:
        n, kind = max(others)
        if n >= words.story_min_cues and n >= words.story_ratio * max(political, 1):
            return StoryDomain(domain=kind, counts=dict(counts), rule="story.cue-majority")
    return StoryDomain(domain=POLITICAL, counts=dict(counts), rule="story.default")


def judge_sentence(
    sentence: SpacySpan,
    political_actor: bool | None = None,
    story: StoryDomain | None = None,
) -> Judgement:
    """Judge one sentence (see the module docstring for the order of the rules)."""
    cues = tuple(find_cues(sentence.text, sentence.start_char))
    armed = tuple(c for c in cues if c.kind == ARMED)
    state = tuple(c for c in cues if c.kind == STATE)
    if political_actor:
        return Judgement(political=True, kind=POLITICAL, rule="political.actor", cues=armed)
    if armed:
        return Judgement(political=True, kind=POLITICAL, rule="political.cue", cues=armed)
    other = [c for c in cues if c.kind not in _POLITICAL_KINDS]
    if other:
        counts = Counter(c.kind for c in other)
        top = max(counts.values())
        kind = next(c.kind for c in other if counts[c.kind] == top)
        return Judgement(political=False, kind=kind, rule="nonpolitical.cue", cues=tuple(other))
    if story is not None and story.domain != POLITICAL:
        return Judgement(political=False, kind=story.domain, rule="nonpolitical.story")
    if state:
        return Judgement(political=True, kind=POLITICAL, rule="political.state", cues=state)
    return Judgement(political=True, kind=POLITICAL, rule="political.default")
