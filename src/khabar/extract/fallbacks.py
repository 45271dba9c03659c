"""What an event's place falls back to after geocoding, when the place the text gives for it
cannot stand on its own.

* ``nearest-resolved``: the place is not in the gazetteer (a village, a bridge, a base): the
  nearest town or region its sentence names that the gazetteer knows ("a refinery north of
  X", "a bridge between X and Y"), with the unresolved name kept in ``how``;
* ``paragraph-resolved`` / ``story-resolved``: the sentence names no such town: the nearest
  town or region of its paragraph, else the last one the story named before it (a village the
  gazetteer lacks lies near the towns its story tells about; in the country its sentence
  names, when it names one);
* ``paragraph-within`` / ``news-place-within`` / ``story-within``: the place is a whole
  country or province ("in northern Kenya", "in Borno state") and the event's paragraph,
  else the lead, else the story names a town in it: that town (the first one; the coding
  rule gives a province its capital's point, not its centre, and the most specific place
  the text names);
* ``doubtful-place``: the geocoder doubts the place (a low score) and it lies far from the
  places of the story it trusts: a trusted place of the event's sentence, else unresolved;
* ``dateline-within``: else, when the report was filed from a town in that country: the
  dateline town, with a low score (where the report was filed is weak evidence, but nearer
  the event than the country's centre).
"""

from __future__ import annotations

from khabar.geo.distance import haversine_km
from khabar.model import Event, Place

NEAREST_RESOLVED = "nearest-resolved"
PARAGRAPH_RESOLVED = "paragraph-resolved"
STORY_RESOLVED = "story-resolved"
DATELINE_WITHIN = "dateline-within"
NEWS_PLACE_WITHIN = "news-place-within"
PARAGRAPH_WITHIN = "paragraph-within"
STORY_WITHIN = "story-within"
DOUBTFUL_PLACE = "doubtful-place"

#: Score factors for a fallback place (it is weaker evidence than the place the text gives).
NEAREST_WEIGHT = 0.6
PARAGRAPH_RESOLVED_WEIGHT = 0.5
STORY_RESOLVED_WEIGHT = 0.4
DATELINE_WITHIN_WEIGHT = 0.3
NEWS_PLACE_WITHIN_WEIGHT = 0.7
#: Below this geocoding score an event's place is doubtful (the geocoder lowered it: far from
#: the text's other places, a part of a longer name, a respelling); farther than this from the
#: story's trusted places it is not drawn.
DOUBTFUL_BELOW = 0.5
DOUBTFUL_FAR_KM = 1500.0


def _sub_national(place: Place) -> bool:
    return place.lat is not None and place.precision not in {None, "country"}


def _countries_named(resolved: list[Place], lo: int, hi: int) -> set[str]:
    """The countries named (as countries) between two offsets: an event's sentence."""
    return {
        p.country
        for p in resolved
        if p.precision == "country" and p.country is not None and lo <= p.start < hi
    }


def nearest_resolved(event: Event, unresolved: Place, resolved: list[Place]) -> Place | None:
    """The town or region of the event's sentence nearest to a place the gazetteer lacks."""
    lo, hi = event.evidence.start, event.evidence.end
    here = (unresolved.start, unresolved.end)
    near = [
        p for p in resolved if _sub_national(p) and lo <= p.start < hi and (p.start, p.end) != here
    ]
    countries = _countries_named(resolved, lo, hi)
    near = [p for p in near if p.country in countries] or near  # the sentence's country first
    if not near:
        return None
    best = min(near, key=lambda p: abs(p.start - unresolved.start))
    how = (
        f"{NEAREST_RESOLVED}: '{unresolved.text}' is in no gazetteer, the nearest place of its "
        f"sentence; {best.how or ''}"
    ).rstrip("; ")
    score = round((best.score or 0.0) * NEAREST_WEIGHT, 3)
    return best.model_copy(update={"how": how, "score": score})


def resolved_near(
    event: Event, unresolved: Place, resolved: list[Place], text: str
) -> Place | None:
    """For a place the gazetteer lacks whose sentence names no town it knows: the nearest town
    or region of its paragraph (``paragraph-resolved``), else the last one the story named
    before that paragraph (``story-resolved``); only a place the geocoder trusts, in the
    country the sentence names when it names one."""
    lo, hi = event.evidence.start, event.evidence.end
    countries = _countries_named(resolved, lo, hi)
    towns = [
        p
        for p in resolved
        if _sub_national(p)
        and (p.score or 0.0) >= DOUBTFUL_BELOW  # a place the geocoder trusts
        and (not countries or p.country in countries)
        and p.text != unresolved.text  # (not the same name told again)
    ]
    p_lo, p_hi = _paragraph(text, unresolved.start)
    steps = (
        (PARAGRAPH_RESOLVED, "its paragraph", PARAGRAPH_RESOLVED_WEIGHT,
         [p for p in towns if p_lo <= p.start < p_hi]),
        (STORY_RESOLVED, "the story before it", STORY_RESOLVED_WEIGHT,
         sorted((p for p in towns if p.start < p_lo), key=lambda p: p.start)[-1:]),
    )  # fmt: skip
    for rule, where, weight, found in steps:
        if found:
            best = min(found, key=lambda p: abs(p.start - unresolved.start))
            how = (
                f"{rule}: '{unresolved.text}' is in no gazetteer, the nearest town or region "
                f"of {where}; {best.how or ''}"
            ).rstrip("; ")
            score = round((best.score or 0.0) * weight, 3)
            return best.model_copy(update={"how": how, "score": score})
    return None


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


def doubtful_place(
    event: Event, place: Place, resolved: list[Place], story: list[Place]
) -> Place | None:
    """An event place the geocoder doubts (score below ``DOUBTFUL_BELOW``: a far, partial or
    embedded match) is not drawn where the geocoder guessed: the nearest place of the event's
    sentence that it trusts, in another country or farther than ``DOUBTFUL_FAR_KM`` from the
    guess, takes its place (``doubtful-place``); failing that, a guess farther than
    ``DOUBTFUL_FAR_KM`` from every trusted place of the story stays unresolved, with why."""
    if place.lat is None or place.lon is None or (place.score or 0.0) >= DOUBTFUL_BELOW:
        return None
    trusted = [
        p
        for p in resolved
        if p.lat is not None
        and p.lon is not None
        and (p.score or 0.0) >= DOUBTFUL_BELOW
        and (p.start, p.end) != (place.start, place.end)
    ]
    lo, hi = event.evidence.start, event.evidence.end
    here = [p for p in trusted if lo <= p.start < hi and _apart(p, place)]
    if here:
        best = min(here, key=lambda p: abs(p.start - place.start))
        how = (
            f"{DOUBTFUL_PLACE}: '{place.text}' only doubtfully {place.name} "
            f"(score {place.score}); the trusted place of its sentence; {best.how or ''}"
        ).rstrip("; ")
        return best.model_copy(update={"how": how, "score": round((best.score or 0.0) * 0.8, 3)})
    anchors = [p for p in trusted if p.lat is not None] + [
        p for p in story if p.lat is not None and (p.score or 0.0) >= DOUBTFUL_BELOW
    ]
    if anchors and all(_apart(p, place) for p in anchors):
        how = (
            f"{DOUBTFUL_PLACE}: unresolved: '{place.text}' only doubtfully {place.name} "
            f"(score {place.score}), far from every trusted place of the story"
        )
        return place.model_copy(
            update={
                "lat": None, "lon": None, "name": None, "kind": None, "country": None,
                "admin1": None, "geonameid": None, "precision": None, "score": None, "how": how,
            }
        )  # fmt: skip
    return None


def _apart(a: Place, b: Place) -> bool:
    assert a.lat is not None and a.lon is not None and b.lat is not None and b.lon is not None
    return haversine_km(a.lat, a.lon, b.lat, b.lon) > DOUBTFUL_FAR_KM
