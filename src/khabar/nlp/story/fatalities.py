"""Fatalities: how many people a sentence says were killed, attached to a violent event.

A *count* is a number phrase — digits, number words, "a dozen", a bound ("at least 14" →
14, lowest stated number), a range ("12 to 15", "between 12 and 15" → 12), or a vague count
("dozens" → no value, the words kept). A count is a *fatality count* when the harm word
nearest to it, in the same clause, says people died ("14 people were killed", "killing 14",
"the death toll rose to 14") rather than some other harm ("14 injured"). Counts of units
("14 km", "3 years", "two attacks") and years are not counts of people. Counts coordinated
before one death word are summed ("12 soldiers and 3 civilians were killed" → 15).

Word lists: ``nlp/data/fatalities.yaml``. Pure functions over spaCy spans (a parsed or a
tokenised-only ``Doc``: only token text is read).
"""

from __future__ import annotations

import re

from pydantic import BaseModel, ConfigDict
from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from khabar.model import Fatalities
from khabar.nlp.story.data import FatalityWords, fatality_words

_CLAUSE_BREAKS = frozenset({";", ".", ":", "but", "while", "whereas", "although"})
_PASSIVE = frozenset({"was", "were", "is", "been", "got"})
_YEAR_BEFORE = frozenset({"in", "since", "of", "from", "until", "by", "year", "around"})


class Count(BaseModel):
    """A number phrase inside a sentence (token indices into the ``Doc``)."""

    model_config = ConfigDict(frozen=True)

    value: int | None
    start: int  # first token (the bound, if any)
    num_start: int  # first token of the number itself
    end: int  # one past the last token
    rule: str


class FatalityMention(BaseModel):
    """A count that says how many died, with the death word it attaches to."""

    model_config = ConfigDict(frozen=True)

    value: int | None
    text: str
    start: int  # character offsets
    end: int
    death_word: int  # token index
    rule: str


def _low(token: Token) -> str:
    return token.lower_


def _number(tokens: list[Token], i: int, words: FatalityWords) -> tuple[int | None, int] | None:
    """(value, tokens used) of a number starting at ``tokens[i]``; value None if vague."""
    low = _low(tokens[i])
    nxt = _low(tokens[i + 1]) if i + 1 < len(tokens) else ""
    if low == "a" and nxt == "dozen":
        return 12, 2
    if re.fullmatch(r"\d{1,3}(,\d{3})+|\d+", low):
        value, used = int(low.replace(",", "")), 1
    elif low in words.numbers:
        value, used = words.numbers[low], 1
        if nxt == "-" and i + 2 < len(tokens) and _low(tokens[i + 2]) in words.numbers:
            value, used = value + words.numbers[_low(tokens[i + 2])], 3  # twenty - five
    elif "-" in low and all(p in words.numbers for p in low.split("-")):
        value, used = sum(words.numbers[p] for p in low.split("-")), 1  # twenty-five
    else:
        for vague in sorted(words.vague, key=len, reverse=True):
            parts = vague.split()
            if [_low(t) for t in tokens[i : i + len(parts)]] == parts:
                return None, len(parts)
        if low in ("a", "an") and nxt.isalpha() and nxt not in words.units:
            return 1, 1  # "a soldier was killed": kept only before a passive death word
        return None
    after = _low(tokens[i + used]) if i + used < len(tokens) else ""
    if after == "dozen":
        value, used = value * 12, used + 1
    elif after in words.multipliers:
        value, used = value * words.multipliers[after], used + 1
    return value, used


def find_counts(span: SpacySpan) -> list[Count]:
    """Every count of people in ``span`` (see the module docstring)."""
    words = fatality_words()
    tokens = list(span)
    base = span.start
    counts: list[Count] = []
    i = 0
    while i < len(tokens):
        bound = 0
        for phrase in words.bounds:
            parts = phrase.split()
            if [_low(t) for t in tokens[i : i + len(parts)]] == parts:
                bound = max(bound, len(parts))
        j = i + bound
        parsed = _number(tokens, j, words) if j < len(tokens) else None
        if parsed is None:
            i += 1
            continue
        value, used = parsed
        end = j + used
        rule = "vague" if value is None else ("bound" if bound else "number")
        if value == 1 and _low(tokens[j]) in ("a", "an"):
            rule = "article"
        if value is not None and end + 1 < len(tokens):
            joiner = _low(tokens[end])
            is_range = joiner in words.range_words and joiner != "and"
            if joiner == "and" and i > 0 and _low(tokens[i - 1]) == "between":
                is_range = True
            second = _number(tokens, end + 1, words) if is_range else None
            if second is not None and second[0] is not None:
                value, end, rule = min(value, second[0]), end + 1 + second[1], "range"
        nxt = _low(tokens[end]) if end < len(tokens) else ""
        prev = _low(tokens[j - 1]) if j > 0 else ""
        is_year = (
            value is not None and 1800 <= value <= 2100 and not bound and used == 1
            and re.fullmatch(r"\d{4}", _low(tokens[j])) is not None
        )  # fmt: skip
        if nxt in words.units or (is_year and (prev in _YEAR_BEFORE or prev.isalpha() is False)):
            i = end
            continue
        if nxt == "-" and end + 1 < len(tokens) and _low(tokens[end + 1]) in words.units:
            i = end  # 14-year-old, 3-km
            continue
        counts.append(Count(value=value, start=base + i, num_start=base + j, end=base + end,
                            rule=rule))  # fmt: skip
        i = end
    return counts


def _harm(token: Token, words: FatalityWords) -> str | None:
    low = token.lower_
    lemma = token.lemma_.lower() if token.lemma_ else low
    if low in words.death_words or lemma in {"kill", "die"}:
        return "death"
    if low in words.other_harm_words or lemma in {"injure", "wound"}:
        return "other"
    return None


_COUNTED = frozenset({"nummod", "quantmod", "compound", "amod", "det", "nmod"})
_PARTY = frozenset({"nsubj", "nsubjpass", "dobj", "obj", "attr", "oprd"})


def _parsed(span: SpacySpan, count: Count, words: FatalityWords) -> tuple[str, int, str] | None:
    """With a dependency parse: the verb whose subject or object the counted noun is
    ("more than 100 members of the unit were killed", "killing 14", "left 30 dead")."""
    doc = span.doc
    if not doc.has_annotation("DEP"):
        return None
    num = doc[count.end - 1]
    noun = num.head if num.dep_ in _COUNTED and num.head.i != num.i else num
    while noun.dep_ == "conj" and noun.head.i != noun.i:  # "two soldiers and two militants"
        noun = noun.head
    verb = noun.head
    if noun.dep_ not in _PARTY or verb.i == noun.i or not span.start <= verb.i < span.end:
        return None
    kind = _harm(verb, words)
    if kind is None and verb.lemma_.lower() == "leave":  # "left 30 dead"
        kind = next((k for c in verb.children if (k := _harm(c, words)) == "death"), None)
    if kind is None:
        return None
    return kind, verb.i, "after" if verb.i >= count.end else "before"


def _nearest(span: SpacySpan, count: Count, words: FatalityWords) -> tuple[str, int, str] | None:
    """(kind, token index, side) of the harm word the count belongs to: from the parse when
    there is one, else the nearest harm word in the count's clause."""
    parsed = _parsed(span, count, words)
    if parsed is not None:
        return parsed
    doc = span.doc
    best: tuple[int, str, int, str] | None = None
    for side, rng in (
        ("after", range(count.end, min(span.end, count.end + words.max_gap_tokens + 1))),
        ("before", range(count.start - 1, max(span.start, count.start - 5) - 1, -1)),
    ):
        for k in rng:
            token = doc[k]
            if token.lower_ in _CLAUSE_BREAKS:
                break
            kind = _harm(token, words)
            if kind:
                gap = k - count.end if side == "after" else count.start - 1 - k
                if best is None or gap < best[0]:
                    best = (gap, kind, k, side)
                break
    return (best[1], best[2], best[3]) if best else None


def _passive_death(span: SpacySpan, count: Count, word: int) -> bool:
    """'a soldier was killed', 'a man died' — not 'a bomb killed five'."""
    doc = span.doc
    if word < count.end:
        return False
    between = {t.lower_ for t in doc[count.end : word]}
    return bool(between & _PASSIVE) or doc[word].lower_ in {"died", "dies", "dead"}


def find_fatalities(span: SpacySpan) -> list[FatalityMention]:
    """The fatality counts of a sentence, coordinated counts before one death word summed."""
    words = fatality_words()
    doc = span.doc
    found: list[tuple[Count, int, str]] = []
    for count in find_counts(span):
        near = _nearest(span, count, words)
        if near and near[0] == "death":
            if count.rule == "article" and not _passive_death(span, count, near[1]):
                continue
            found.append((count, near[1], near[2]))
    out: list[FatalityMention] = []
    by_word: dict[tuple[int, str], list[Count]] = {}
    for count, word, side in found:
        if count.start > span.start and doc[count.start - 1].lower_ in words.subset_words:
            continue  # "nine civilians, including two children": a part, not more dead
        by_word.setdefault((word, side), []).append(count)
    for (word, side), counts in sorted(by_word.items()):
        first, last = counts[0], counts[-1]
        values = [c.value for c in counts]
        summed = None if any(v is None for v in values) else sum(v for v in values if v)
        rule = counts[0].rule if len(counts) == 1 else "sum-coordinated"
        text_span = doc[first.start : last.end]
        out.append(
            FatalityMention(
                value=summed, text=text_span.text, start=text_span.start_char,
                end=text_span.end_char, death_word=word, rule=f"fatalities.{rule}.{side}",
            )
        )  # fmt: skip
    return out


def fatalities_for_trigger(sentence: SpacySpan, trigger: SpacySpan) -> Fatalities | None:
    """The fatality count of a violent event's sentence: the one nearest the trigger."""
    mentions = find_fatalities(sentence)
    if not mentions:
        return None

    def distance(m: FatalityMention) -> int:
        return min(abs(m.death_word - trigger.start), abs(m.death_word - (trigger.end - 1)))

    best = min(mentions, key=distance)
    how = "sentence" if len(mentions) == 1 else "sentence, nearest to the trigger"
    return Fatalities(value=best.value, text=best.text, start=best.start, end=best.end,
                      how=how, rule=best.rule)  # fmt: skip
