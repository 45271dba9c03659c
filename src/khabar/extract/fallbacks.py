"""What an event's place falls back to after geocoding, when the place the text gives for it
cannot stand on its own.

* ``nearest-resolved``: the place is not in the gazetteer (a village, a bridge, a base): the
  nearest town or region its sentence names that the gazetteer knows ("a refinery north of
  X", "a bridge between X and Y"), with the unresolved name kept in ``how``;
* ``paragraph-within`` / ``news-place-within`` / ``story-within``: the place is a whole
  country or province ("in northern Kenya", "in Borno state") and the event's paragraph,
  else the lead, else the story names a town in it: that town (the first one; the coding
  rule gives a province its capital's point, not its centre, and the most specific place
  the text names);
* ``dateline-within``: else, when the report was filed from a town in that country: the
  dateline town, with a low score (where the report was filed is weak evidence, but nearer
  the event than the country's centre).
"""

from __future__ import annotations

from khabar.model import Event, Place

NEAREST_RESOLVED = "nearest-resolved"
DATELINE_WITHIN = "dateline-within"
NEWS_PLACE_WITHIN = "news-place-within"
PARAGRAPH_WITHIN = "paragraph-within"
STORY_WITHIN = "story-within"

#: Score factors for a fallback place (it is weaker evidence than the place the text gives).
NEAREST_WEIGHT = 0.6
DATELINE_WITHIN_WEIGHT = 0.3
NEWS_PLACE_WITHIN_WEIGHT = 0.7


def _sub_national(place: Place) -> bool:
    return place.lat is not None and place.precision not in {None, "country"}


def nearest_resolved(event: Event, unresolved: Place, resolved: list[Place]) -> Place | None:
    """The town or region of the event's sentence nearest to a place the gazetteer lacks."""
    lo, hi = event.evidence.start, event.evidence.end
    here = (unresolved.start, unresolved.end)
    near = [
        p for p in resolved if _sub_national(p) and lo <= p.start < hi and (p.start, p.end) != here
    ]
    if not near:
        return None
    best = min(near, key=lambda p: abs(p.start - unresolved.start))
    how = (
        f"{NEAREST_RESOLVED}: '{unresolved.text}' is in no gazetteer, the nearest place of its "
        f"sentence; {best.how or ''}"
    ).rstrip("; ")
    score = round((best.score or 0.0) * NEAREST_WEIGHT, 3)
    return best.model_copy(update={"how": how, "score": score})


def _inside(town: Place, area: Place) -> bool:
    """The town lies in the country or province the area names."""
    if not _sub_national(town) or town.country is None or town.country != area.country:
        return False
    if area.precision == "admin1":
        return town.precision != "admin1" and town.admin1 is not None and town.admin1 == area.admin1
    return True


def _paragraph(text: str, at: int) -> tuple[int, int]:
    """The line (paragraph) around a character offset."""
    lo = text.rfind("\n", 0, at) + 1
    hi = text.find("\n", at)
    return lo, len(text) if hi == -1 else hi


def within_country(
    place: Place,
    lead_places: list[Place],
    dateline: Place | None,
    text: str = "",
    places: tuple[Place, ...] = (),
) -> Place | None:
    """A town for an event placed only at a country or province: a town in it that its own
    paragraph names (``paragraph-within``), else the lead's first town in it (the news place),
    else the story's first town in it, else the dateline town in it."""
    if place.precision not in {"country", "admin1"} or place.country is None:
        return None
    lo, hi = _paragraph(text, place.start) if text else (0, 0)
    candidates = [
        (PARAGRAPH_WITHIN, "its paragraph's", p) for p in places if lo <= p.start < hi
    ] + [(NEWS_PLACE_WITHIN, "the lead's", p) for p in lead_places]
    candidates += [(STORY_WITHIN, "the story's first", p) for p in places]
    for rule, whose, town in candidates:
        if _inside(town, place):
            how = (
                f"{rule}: only '{place.text}' ({place.precision}) is named; {whose} town in it; "
                f"{town.how or ''}"
            ).rstrip("; ")
            score = round((town.score or 0.0) * NEWS_PLACE_WITHIN_WEIGHT, 3)
            return town.model_copy(update={"how": how, "score": score})
    if dateline is None or not _inside(dateline, place):
        return None
    how = (
        f"{DATELINE_WITHIN}: only '{place.text}' ({place.precision}) is named; the dateline's "
        f"town in it (where the report was filed); {dateline.how or ''}"
    ).rstrip("; ")
    score = round((dateline.score or 0.0) * DATELINE_WITHIN_WEIGHT, 3)
    return dateline.model_copy(update={"how": how, "score": score})
