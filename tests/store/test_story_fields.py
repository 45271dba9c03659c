"""The story fields in the store: fatalities (column + ``--min-fatalities``), mentions, outlet."""

from __future__ import annotations

import io

from khabar.export import flatten, write_csv
from khabar.model import Evidence, Fatalities, Span
from khabar.store import EventQuery, open_store
from khabar.store.query import query_events
from tests.store.factories import make_event, make_result

TEXT = "Gunmen attacked a convoy, killing at least 14 people. The convoy was hit near Kabul."


def killed(value: int | None, words: str) -> Fatalities:
    start = TEXT.index(words)
    return Fatalities(
        value=value, text=words, start=start, end=start + len(words), how="t", rule="r"
    )


def stored_events(store_url: str) -> list[tuple[str, int | None, int]]:
    later = TEXT.index("The convoy was hit")
    mention = Evidence(
        text=TEXT[later:], start=later, end=len(TEXT), trigger=Span(text="hit", start=later + 15,
                                                                    end=later + 18)
    )  # fmt: skip
    deadly = make_event(TEXT.split(".")[0] + ".", eid="e1").model_copy(
        update={"fatalities": killed(14, "at least 14"), "mentions": [mention]}
    )
    vague = make_event("Gunmen attacked a convoy.", eid="e2").model_copy(
        update={"fatalities": killed(None, "at least 14")}
    )
    plain = make_event("Gunmen attacked a convoy.", eid="e3")
    result = make_result(TEXT, [deadly, vague, plain], url="https://www.example.org/a")
    result.article.outlet = "Wirecast"
    with open_store(store_url) as store:
        store.add_result(result)
        out = []
        for minimum in (None, 0, 14, 15):
            rows = list(query_events(store, EventQuery(min_fatalities=minimum)))
            out.append((str(minimum), len(rows), sum(len(r.event.mentions) for r in rows)))
        first = next(iter(query_events(store, EventQuery(min_fatalities=1))))
        assert first.article.outlet == "Wirecast"  # the credited outlet beats the URL host
        assert first.event.fatalities == killed(14, "at least 14")
        return out  # type: ignore[return-value]


def test_min_fatalities_filters_on_the_stated_number(store_url: str) -> None:
    assert stored_events(store_url) == [("None", 3, 1), ("0", 1, 1), ("14", 1, 1), ("15", 0, 0)]


def test_exports_carry_fatalities_and_the_number_of_mentions() -> None:
    with open_store("sqlite://") as store:
        ev = make_event("Gunmen attacked a convoy.").model_copy(
            update={"fatalities": killed(None, "at least 14")}
        )
        store.add_result(make_result(TEXT, [ev]))
        [se] = list(query_events(store))
    flat = flatten(se)
    assert (flat.fatalities, flat.fatalities_text, flat.n_mentions) == (None, "at least 14", 1)
    buf = io.StringIO()
    write_csv([se], buf)
    assert "fatalities,fatalities_text,n_mentions" in buf.getvalue().splitlines()[0]
