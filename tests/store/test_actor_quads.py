"""Actor-graph pairs carry the PLOVER quad class of most of their events (reviewed type)."""

from __future__ import annotations

from khabar.ontology import load_ontology
from khabar.store import open_store
from khabar.store.accounts import add_user
from khabar.store.query import query_events
from khabar.store.records import ReviewChanges
from khabar.store.review import ReviewRequest, review_event
from khabar.store.views import actor_summary
from tests.api.sample import REVIEWER_PASSWORD
from tests.store.factories import actor, make_event, make_result


def _pair(store: object) -> tuple[int, str | None]:
    (dyad,) = actor_summary(store).dyads  # type: ignore[arg-type]
    return dyad.count, dyad.quad_class


def test_pair_quad_is_the_majority_and_follows_reviews(store_url: str) -> None:
    types = load_ontology().types
    other = next(name for name, ty in types.items() if ty.quad != types["ASSAULT"].quad)
    army, rebels = [actor("Army")], [actor("Rebels")]
    with open_store(store_url) as store:
        for i, place in enumerate(["Kabul", "Herat", "Balkh"]):
            sentence = f"Army attacked Rebels in {place} on day {i}."
            ev = make_event(sentence, type_="ASSAULT", actors=army, recipients=rebels)
            store.add_result(make_result(sentence + " More.", [ev]))
        assert _pair(store) == (3, types["ASSAULT"].quad)
        user = add_user(store, "ana", "reviewer", REVIEWER_PASSWORD)
        ids = [e.id for e in query_events(store)]
        for eid in ids[:2]:  # two of three re-typed by a reviewer: the majority flips
            change = ReviewRequest(action="edit", changes=ReviewChanges(type=other))
            review_event(store, eid, user, change)
        assert _pair(store) == (3, types[other].quad)
