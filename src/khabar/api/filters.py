"""Query parameters shared by the list, aggregate and export endpoints → ``EventQuery``.

Validation is strict (422): event types must be PLOVER types, codes and names have a
narrow alphabet and length, dates and coordinates must be in range, and the three
``near_*`` parameters come together.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import Annotated, Any

from fastapi import Query
from fastapi.exceptions import RequestValidationError

from khabar.model import Factuality
from khabar.store import EventQuery
from khabar.store.records import ReviewStatus

MIN_DATE = dt.date(1800, 1, 1)
MAX_DATE = dt.date(2200, 12, 31)
#: Actor names: letters, digits, spaces and the punctuation real names use ("Al-Shabaab",
#: "O'Neill", "U.S."). Anything else (<, >, ;, quotes, =…) is refused, not escaped.
ACTOR_PATTERN = r"^[\w .,'’&()/-]{1,100}$"
CODE_PATTERN = r"^[A-Za-z]{2,3}$"
TYPE_PATTERN = r"^[A-Za-z_]{2,24}$"
CLUSTER_PATTERN = r"^[A-Za-z0-9_-]{1,64}$"
SECTOR_PATTERN = r"^[A-Za-z]{2,4}$"
OUTLET_PATTERN = r"^[A-Za-z0-9.-]{1,100}$"
#: Words to find in the evidence: letters, digits, spaces, apostrophes and hyphens.
TEXT_PATTERN = r"^[\w '’-]{1,200}$"


@lru_cache(maxsize=1)
def plover_types() -> tuple[str, ...]:
    from khabar.ontology.plover import load_ontology

    return tuple(load_ontology().type_names)


def _invalid(field: str, msg: str, value: Any) -> RequestValidationError:
    return RequestValidationError(
        [{"type": "value_error", "loc": ("query", field), "msg": msg, "input": value}]
    )


async def event_query(  # async: pure parsing, run on the event loop (no thread hop)
    type: Annotated[
        list[Annotated[str, Query(pattern=TYPE_PATTERN)]],
        Query(description="PLOVER event type (repeatable), e.g. ASSAULT", max_length=30),
    ] = [],  # noqa: B006 - FastAPI copies defaults
    actor: Annotated[
        str | None, Query(pattern=ACTOR_PATTERN, description="actor or recipient name")
    ] = None,
    country: Annotated[
        str | None, Query(pattern=CODE_PATTERN, description="country code of the location")
    ] = None,
    since: Annotated[dt.date | None, Query(description="earliest event date")] = None,
    until: Annotated[dt.date | None, Query(description="latest event date")] = None,
    near_lat: Annotated[float | None, Query(ge=-90, le=90)] = None,
    near_lon: Annotated[float | None, Query(ge=-180, le=180)] = None,
    near_km: Annotated[float | None, Query(gt=0, le=20000)] = None,
    factuality: Annotated[list[Factuality], Query(description="asserted, negated, …")] = [],  # noqa: B006
    cluster: Annotated[str | None, Query(pattern=CLUSTER_PATTERN)] = None,
    min_fatalities: Annotated[
        int | None, Query(ge=0, le=10_000_000, description="at least this many killed")
    ] = None,
    actor_country: Annotated[
        str | None, Query(pattern=CODE_PATTERN, description="actor's country code")
    ] = None,
    sector: Annotated[
        str | None, Query(pattern=SECTOR_PATTERN, description="actor's sector (GOV, MIL…)")
    ] = None,
    outlet: Annotated[
        str | None, Query(pattern=OUTLET_PATTERN, description="part of the outlet's host")
    ] = None,
    min_confidence: Annotated[float | None, Query(ge=0, le=1)] = None,
    text: Annotated[
        str | None, Query(pattern=TEXT_PATTERN, description="words in the evidence sentence")
    ] = None,
    review: Annotated[list[ReviewStatus], Query(description="review status (repeatable)")] = [],  # noqa: B006
) -> EventQuery:
    """The filters of ``khabar events`` as query parameters."""
    known = plover_types()  # read once per process (lru_cache); warmed by create_app
    for value in type:
        if value.upper() not in known:
            raise _invalid("type", f"unknown PLOVER event type; one of {', '.join(known)}", value)
    for name, day in (("since", since), ("until", until)):
        if day is not None and not MIN_DATE <= day <= MAX_DATE:
            raise _invalid(name, f"date out of range {MIN_DATE}..{MAX_DATE}", str(day))
    if since and until and since > until:
        raise _invalid("until", "until is before since", str(until))
    near_parts = (near_lat, near_lon, near_km)
    if any(p is not None for p in near_parts) and any(p is None for p in near_parts):
        raise _invalid("near_km", "give near_lat, near_lon and near_km together", None)
    near = (near_lat, near_lon, near_km) if near_lat is not None else None
    return EventQuery(
        types=[v.upper() for v in type],
        actor=actor,
        country=country.upper() if country else None,
        since=since,
        until=until,
        near=near,
        factuality=list(dict.fromkeys(factuality)),
        cluster=cluster,
        min_fatalities=min_fatalities,
        actor_country=actor_country.upper() if actor_country else None,
        sector=sector.upper() if sector else None,
        outlet=outlet,
        min_confidence=min_confidence,
        text=text,
        review=list(dict.fromkeys(review)),
    )
