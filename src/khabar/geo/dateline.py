"""The dateline's place as context for resolution: "KABUL (Reuters) -", "GOMA, Congo -"."""

from __future__ import annotations

from khabar.geo.context import (
    Mention,
    inside,
    pick,
    prefer_city_over_its_division,
)
from khabar.geo.entry import GazetteerEntry
from khabar.geo.index import GazetteerIndex
from khabar.geo.prior import candidate
from khabar.geo.scoring import RankingWeights
from khabar.geo.text_cues import qualifier_entries
from khabar.model.core import Place
from khabar.text.dateline import ParsedDateline, parse_dateline


def wire_dateline(text: str) -> ParsedDateline | None:
    """The dateline that opens ``text`` ("KABUL (Reuters) -", "GOMA, Congo -"), read by
    khabar's one dateline parser (``khabar.text.dateline``), if it names a place."""
    line = parse_dateline(text[:120], max_lines=1)
    return line if line is not None and line.place is not None else None


def dateline_text(line: ParsedDateline | None) -> str | None:
    """A wire dateline's place as a caller would give it: "Goma, Congo" ("GOMA, Congo -")."""
    if line is None or line.place is None:
        return None
    return line.place.text + (", " + line.region.text if line.region else "")


def dateline_entry(
    index: GazetteerIndex, w: RankingWeights, dateline: str | None
) -> GazetteerEntry | None:
    """The place a dateline ("KABUL", "Paris, Texas") names, ranked without the text."""
    if dateline is None:
        return None
    parts = [p.strip() for p in dateline.split(",") if p.strip()]
    if not parts:
        return None
    head = parts[0].title() if parts[0].isupper() else parts[0]
    probe = Mention(Place(text=head, start=0, end=len(head)), head, [], None, [])
    probe.cands = [candidate(e, main, head, None, w) for e, main in index.lookup(head)]
    prefer_city_over_its_division(probe.cands)  # "DUSHANBE -" is the city
    if len(parts) > 1:
        probe.qualifier = qualifier_entries(index, ", " + parts[1])
    for c in probe.cands:
        c.score = c.prior + (w.qualifier_bonus if inside(c.entry, probe.qualifier) else 0.0)
        c.why = list(c.base_why)
    pick(probe)
    return probe.pick.entry if probe.pick else None
