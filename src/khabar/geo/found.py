"""What a name finds in the gazetteer, apart from the text around it: the resolver looks each
name up once per :class:`~khabar.geo.resolve.Geocoder` (news repeats names) and gives every
mention of it fresh :class:`~khabar.geo.context.Candidate` objects from the ranked priors."""

from __future__ import annotations

from typing import NamedTuple

from khabar.geo.context import Candidate, Mention
from khabar.geo.entry import GazetteerEntry
from khabar.geo.index import GazetteerIndex

#: Names remembered per geocoder before the memory is emptied (a long-running server).
MAX_NAMES = 100_000


#: A candidate as the name lookup ranks it, before the text's context, apart from its entry
#: (``Found.entries``): (main name?, prior, reasons for the prior, score, reasons). A plain
#: tuple of plain values: a lookup's priors live as long as the geocoder, and such tuples
#: are no work for the garbage collector; each candidate made from it shares its reasons.
Prior = tuple[bool, float, tuple[str, ...], float, tuple[str, ...]]


class Found(NamedTuple):
    """The candidates of one name (with the kind the text gives it), and how they were found."""

    query: str
    notes: tuple[str, ...]
    #: The name looked up is only the part before a comma; the rest is the qualifier text.
    partial: bool
    tail: str | None
    respelled: bool
    embedded: bool
    demonym: bool
    #: The entries of the best ``max_candidates`` candidates, ranked, and their priors.
    entries: tuple[GazetteerEntry, ...]
    cands: tuple[Prior, ...]
    #: The kinds of the main-name candidates among all found (not only the best).
    main_kinds: frozenset[str]


def priors(cands: list[Candidate]) -> tuple[tuple[GazetteerEntry, ...], tuple[Prior, ...]]:
    """The ranked candidates of a lookup as their entries and priors."""
    entries = tuple(c.entry for c in cands)
    return entries, tuple(
        (c.main, c.prior, tuple(c.base_why), c.score, tuple(c.why)) for c in cands
    )


def candidates(found: Found) -> list[Candidate]:
    """Fresh candidates of ``found`` (scoring changes them)."""
    return [
        Candidate(e, main, prior, base_why, score, why)
        for e, (main, prior, base_why, score, why) in zip(found.entries, found.cands, strict=True)
    ]


def give_candidates(looked_up: list[tuple[Mention, Found | None]]) -> list[Mention | None]:
    """Give each mention fresh candidates from what its name found, except a mention with
    the same ``twin_key`` as an earlier one (a name the text repeats alike): it shares that
    twin's candidates, which score the same for both. The twin of each mention, or None."""
    first: dict[tuple[object, ...], Mention] = {}
    twins: list[Mention | None] = []
    for m, found in looked_up:
        key = m.twin_key()
        twin = first.get(key) if key is not None else None
        if twin is not None:
            m.cands = twin.cands
        else:
            m.cands = candidates(found) if found is not None else []
            if key is not None:
                first[key] = m
        twins.append(twin)
    return twins


#: ``country_entries`` by index file (path, modification time): a rebuilt file gets new ones.
_SHARED: dict[tuple[str, int], dict[str, GazetteerEntry]] = {}


def country_entries(index: GazetteerIndex) -> dict[str, GazetteerEntry]:
    """The country entries of ``index`` by alpha-3 code: one table per index file (and version
    of it) per process, shared by the geocoders of every index object open on it; one per
    call for an in-memory index."""
    key = (str(index.path), index.path.stat().st_mtime_ns) if index.path else None
    hit = _SHARED.get(key) if key else None
    if hit is None:
        hit = {e.country: e for e in index.iter_entries(["country"]) if e.country}
        if key is not None:
            _SHARED.clear()
            _SHARED[key] = hit
    return hit
