"""Cross-source de-duplication on a hand-written test set, with precision/recall reported.

Each group below is one real-world event written up by different outlets in different
words; ``near-miss`` entries share place and type (or text) with a group but are a
different event (another day, another city, the roles reversed, other participants).
"""

from __future__ import annotations

import datetime as dt
from itertools import combinations
from pathlib import Path

import pytest

from khabar.store import open_store
from khabar.store.dedup import DedupEvent, DedupRule, cluster_events, recluster
from khabar.store.query import query_events
from tests.store.factories import actor, make_event, make_result

P = tuple[str, str | None, str | None]
KABUL, KABUL2, PARIS, LYON = (34.53, 69.17), (34.55, 69.20), (48.86, 2.35), (45.76, 4.84)
KHARTOUM, KYIV, NAIROBI, LAGOS = (15.50, 32.56), (50.45, 30.52), (-1.29, 36.82), (6.52, 3.38)
TALIBAN: P = ("Taliban", "AFG", "REB")
POLICE: P = ("Police", "AFG", "COP")
PROTESTERS: P = ("Protesters", "FRA", "CVL")
FRA_GOV: P = ("Government", "FRA", "GOV")
SDN_ARMY: P = ("Army", "SDN", "MIL")
RSF: P = ("Rapid Support Forces", "SDN", "REB")

# (gold group, outlet, type, date, (lat, lon), country, actors, recipients, evidence)
CASES: list[tuple[str, str, str, str, tuple[float, float], str, list[P], list[P], str]] = [
    ("kabul", "a", "ASSAULT", "2026-03-01", KABUL, "AFG", [TALIBAN], [POLICE],
     "Taliban fighters attacked a police station in Kabul on Sunday, killing four officers."),
    ("kabul", "b", "ASSAULT", "2026-03-01", KABUL2, "AFG", [("Taliban militants", "AFG", "REB")],
     [POLICE], "Four policemen died when Taliban militants stormed a police checkpoint in the "
     "Afghan capital."),
    ("kabul", "c", "ASSAULT", "2026-03-02", KABUL, "AFG", [TALIBAN], [],
     "An attack by the Taliban on a Kabul police post left four officers dead, officials said."),
    ("kabul-later", "d", "ASSAULT", "2026-03-05", KABUL, "AFG", [TALIBAN], [POLICE],
     "Taliban fighters attacked a police station in Kabul, killing two officers."),
    ("kabul-school", "e", "ASSAULT", "2026-03-01", KABUL, "AFG", [TALIBAN], [],
     "A bomb exploded outside a girls' school in western Kabul, wounding pupils; the "
     "Taliban claimed it."),
    ("paris", "a", "PROTEST", "2026-03-01", PARIS, "FRA", [PROTESTERS], [FRA_GOV],
     "Thousands of protesters marched in Paris against the pension reform."),
    ("paris", "b", "PROTEST", "2026-03-01", PARIS, "FRA", [("Demonstrators", "FRA", "CVL")],
     [FRA_GOV], "Tens of thousands demonstrated in the French capital on Saturday against the "
     "government's pension overhaul, police said."),
    ("paris", "c", "PROTEST", "2026-03-01", PARIS, "FRA", [PROTESTERS], [],
     "Pension reform protesters rallied in Paris, unions said."),
    ("lyon", "d", "PROTEST", "2026-03-01", LYON, "FRA", [PROTESTERS], [FRA_GOV],
     "Thousands of protesters marched in Lyon against the pension reform."),
    ("khartoum", "a", "ASSAULT", "2026-03-01", KHARTOUM, "SDN", [SDN_ARMY], [RSF],
     "The Sudanese army carried out airstrikes on Rapid Support Forces positions in Khartoum."),
    ("khartoum", "b", "ASSAULT", "2026-03-01", KHARTOUM, "SDN", [SDN_ARMY], [RSF],
     "Army jets bombed RSF bases in Khartoum on Saturday, witnesses said."),
    ("khartoum", "c", "ASSAULT", "2026-03-02", KHARTOUM, "SDN", [("Sudanese military", "SDN",
     "MIL")], [RSF], "Military aircraft struck paramilitary RSF positions across Khartoum."),
    ("khartoum-rsf", "d", "ASSAULT", "2026-03-01", KHARTOUM, "SDN", [RSF], [SDN_ARMY],
     "RSF fighters shelled army positions in Khartoum."),
    ("kyiv", "a", "CONSULT", "2026-03-01", KYIV, "UKR", [("Zelensky", "UKR", "GOV")],
     [("Macron", "FRA", "GOV")], "Ukrainian President Zelensky met French President Macron in "
     "Kyiv."),
    ("kyiv", "b", "CONSULT", "2026-03-01", KYIV, "UKR", [("Macron", "FRA", "GOV")],
     [("Zelensky", "UKR", "GOV")], "Macron held talks with Zelensky in the Ukrainian capital "
     "on Saturday, discussing military aid."),
    ("kyiv-scholz", "c", "CONSULT", "2026-03-01", KYIV, "UKR", [("Zelensky", "UKR", "GOV")],
     [("Scholz", "DEU", "GOV")], "Zelensky met German Chancellor Scholz in Kyiv."),
    ("nairobi", "a", "ACCUSE", "2026-03-02", NAIROBI, "KEN", [("Odinga", "KEN", "OPP")],
     [("Government", "KEN", "GOV")], "Opposition leader Odinga accused the Kenyan government "
     "of rigging the election."),
    ("nairobi", "b", "ACCUSE", "2026-03-02", NAIROBI, "KEN", [("Opposition", "KEN", "OPP")],
     [("Government", "KEN", "GOV")], "Kenya's opposition accused the government of electoral "
     "fraud in Nairobi on Monday."),
    ("lagos", "a", "PROTEST", "2026-03-01", LAGOS, "NGA", [("Students", "NGA", "EDU")], [],
     "Students protested in Lagos over fuel prices."),
]  # fmt: skip


def dedup_events() -> list[DedupEvent]:
    return [
        DedupEvent(
            id=f"{i:02d}-{group}",
            article_id=f"art{i:02d}",
            source=outlet + "-" + group,
            type=type_,
            date=dt.date.fromisoformat(date),
            lat=ll[0],
            lon=ll[1],
            country=country,
            evidence=text,
            actors=actors,
            recipients=recips,
        )
        for i, (group, outlet, type_, date, ll, country, actors, recips, text) in enumerate(CASES)
    ]


def pair_scores(events: list[DedupEvent], assignment: dict[str, str]) -> tuple[float, float]:
    gold = {e.id: e.id.split("-", 1)[1] for e in events}
    tp = fp = fn = 0
    for a, b in combinations(events, 2):
        same_gold = gold[a.id] == gold[b.id]
        same_pred = assignment[a.id] == assignment[b.id]
        tp += same_gold and same_pred
        fp += same_pred and not same_gold
        fn += same_gold and not same_pred
    return tp / (tp + fp) if tp + fp else 1.0, tp / (tp + fn) if tp + fn else 1.0


def test_token_rule_precision_recall() -> None:
    events = dedup_events()
    precision, recall = pair_scores(events, cluster_events(events, DedupRule()))
    print(f"\ndedup (token overlap): pairwise precision {precision:.2f}, recall {recall:.2f}")
    assert precision >= 0.95
    assert recall >= 0.8


@pytest.mark.slow
def test_embedding_rule_precision_recall(embedder: object) -> None:
    events = dedup_events()
    assignment = cluster_events(events, DedupRule(), embed=embedder.encode)  # type: ignore[attr-defined]
    precision, recall = pair_scores(events, assignment)
    print(f"\ndedup (embeddings): pairwise precision {precision:.2f}, recall {recall:.2f}")
    assert precision >= 0.95
    assert recall >= 0.8


def test_near_misses_stay_apart() -> None:
    events = dedup_events()
    assignment = cluster_events(events)
    by_group = {e.id.split("-", 1)[1]: assignment[e.id] for e in events}
    for near, real in [
        ("kabul-later", "kabul"),
        ("lyon", "paris"),
        ("khartoum-rsf", "khartoum"),
        ("kyiv-scholz", "kyiv"),
        ("kabul-school", "kabul"),
    ]:
        assert by_group[near] != by_group[real], near


def test_same_article_events_are_never_merged() -> None:
    a, b = dedup_events()[:2]
    b = b.model_copy(update={"article_id": a.article_id})
    assert len(set(cluster_events([a, b]).values())) == 2


def test_clusters_are_stored_with_source_counts(store_url: str) -> None:
    with open_store(store_url) as store:
        for i, (group, outlet, type_, date, ll, country, actors, recips, text) in enumerate(
            CASES[:4]
        ):
            ev = make_event(
                text,
                type_=type_,
                date=date,
                place=(group, country, ll[0], ll[1]),
                actors=[actor(*p) for p in actors],
                recipients=[actor(*p) for p in recips],
            )
            store.add_result(make_result(f"{i} {text}", [ev], url=f"https://{outlet}.example/{i}"))
        assert recluster(store) == 2
        stored = list(query_events(store))
        assert store.count("events") == 4  # nothing deleted
        clusters = {se.event.evidence.text[:20]: se.cluster for se in stored}
        big = max((c for c in clusters.values() if c), key=lambda c: c.n_events)
        assert (big.n_events, big.n_articles, big.n_sources) == (3, 3, 3)


def test_text_similarity_is_what_keeps_the_school_bombing_apart() -> None:
    events = dedup_events()
    precision, recall = pair_scores(events, cluster_events(events, DedupRule(min_similarity=0)))
    print(f"\ndedup (no text criterion): precision {precision:.2f}, recall {recall:.2f}")
    assert precision < 1.0


def test_concurrent_reclustering_converges(store_url: str) -> None:
    import threading

    with open_store(store_url) as store:
        for i, case in enumerate(CASES[:4]):
            text = case[-1]
            ev = make_event(text, date=case[3], place=("x", case[5], *case[4]))
            store.add_result(make_result(f"{i} {text}", [ev], url=f"https://{case[1]}.ex/{i}"))
        errors: list[BaseException] = []

        def work() -> None:
            try:
                with open_store(store_url) as own:
                    recluster(own, force=True)
            except BaseException as exc:  # asserted below
                errors.append(exc)

        threads = [threading.Thread(target=work) for _ in range(3)]
        for th in threads:
            th.start()
        for th in threads:
            th.join()
        assert errors == []
        assert store.count("clusters") == recluster(store, force=True)


def test_incremental_clustering_equals_clustering_everything(tmp_path: Path) -> None:
    """Batches arriving one by one end with the clusters of one batch with everything."""
    results = []
    for i, (group, outlet, type_, date, ll, country, actors, recips, text) in enumerate(CASES):
        ev = make_event(
            text,
            type_=type_,
            date=date,
            place=(group, country, ll[0], ll[1]),
            actors=[actor(*p) for p in actors],
            recipients=[actor(*p) for p in recips],
        )
        results.append(make_result(f"{i} {text}", [ev], url=f"https://{outlet}.example/{i}"))
    with open_store(f"sqlite:///{tmp_path / 'inc.db'}") as inc:
        for r in reversed(results):  # worst order: a chain's middle arrives last
            inc.add_result(r)
            recluster(inc)
        incremental = inc.dump()
    with open_store(f"sqlite:///{tmp_path / 'all.db'}") as full:
        for r in results:
            full.add_result(r)
        recluster(full)
        assert full.dump() == incremental
        recluster(full, force=True)
        assert full.dump() == incremental


# ---------------------------------------------------------------- several outlets, one event
# Story-level dates and places (issue 9): each outlet's report dates the event from its own
# story (one may date an overnight attack a day later) and places it in the town or a
# district of it. Fictional places; each group is one event, the near-misses are the same
# kind of event in the same place on other days, or on the same day in another town.
MARVANI, MARVANI_DISTRICT, KELSO = (12.40, 44.10), (12.47, 44.18), (13.90, 45.60)
REBELS: P = ("Northern Front", "XXA", "REB")
ARMY: P = ("Army", "XXA", "MIL")
CROWD: P = ("Protesters", "XXA", "CVL")
XGOV: P = ("Government", "XXA", "GOV")

OUTLET_CASES: list[tuple[str, str, str, str, tuple[float, float], str, list[P], list[P], str]] = [
    ("raid", "wire", "ASSAULT", "2031-06-14", MARVANI, "XXA", [REBELS], [ARMY],
     "Northern Front rebels attacked an army post outside Marvani on Saturday, killing 14 "
     "soldiers, the defence ministry said."),
    ("raid", "local", "ASSAULT", "2031-06-15", MARVANI_DISTRICT, "XXA",
     [("Rebels", "XXA", "REB")], [("Soldiers", "XXA", "MIL")],
     "Fourteen soldiers were killed overnight when rebels stormed the army post in the "
     "Marvani hills, residents said."),
    ("raid", "radio", "ASSAULT", "2031-06-14", MARVANI, "XXA", [REBELS], [],
     "The Northern Front said its fighters attacked the army post near Marvani and killed "
     "soldiers."),
    ("raid-again", "wire", "ASSAULT", "2031-06-18", MARVANI, "XXA", [REBELS], [ARMY],
     "Northern Front rebels attacked an army post outside Marvani, killing two soldiers."),
    ("raid-kelso", "local", "ASSAULT", "2031-06-14", KELSO, "XXA", [REBELS], [ARMY],
     "Northern Front rebels attacked an army post outside Kelso on Saturday, killing soldiers."),
    ("march", "wire", "PROTEST", "2031-06-16", MARVANI, "XXA", [CROWD], [XGOV],
     "Thousands of protesters marched through Marvani on Monday against the fuel price rise."),
    ("march", "paper", "PROTEST", "2031-06-16", MARVANI_DISTRICT, "XXA",
     [("Demonstrators", "XXA", "CVL")], [],
     "Demonstrators filled the streets of Marvani to protest the rise in fuel prices, "
     "police said."),
    ("march-next-week", "wire", "PROTEST", "2031-06-23", MARVANI, "XXA", [CROWD], [XGOV],
     "Thousands of protesters marched through Marvani against the fuel price rise again."),
    ("march-kelso", "paper", "PROTEST", "2031-06-16", KELSO, "XXA", [CROWD], [XGOV],
     "Thousands of protesters marched through Kelso on Monday against the fuel price rise."),
]  # fmt: skip


def outlet_events() -> list[DedupEvent]:
    return [
        DedupEvent(
            id=f"{i:02d}-{group}",
            article_id=f"outlet-art{i:02d}",
            source=outlet,
            type=type_,
            date=dt.date.fromisoformat(date),
            lat=ll[0],
            lon=ll[1],
            country=country,
            evidence=text,
            actors=actors,
            recipients=recips,
        )
        for i, (group, outlet, type_, date, ll, country, actors, recips, text) in enumerate(
            OUTLET_CASES
        )
    ]


def test_reports_from_several_outlets_link_and_other_days_stay_apart() -> None:
    events = outlet_events()
    precision, recall = pair_scores(events, cluster_events(events))
    print(f"\ndedup (several outlets): pairwise precision {precision:.2f}, recall {recall:.2f}")
    assert (precision, recall) == (1.0, 1.0)


@pytest.mark.parametrize(
    ("near", "real"),
    [("raid-again", "raid"), ("raid-kelso", "raid"), ("march-next-week", "march"),
     ("march-kelso", "march")],
)  # fmt: skip
def test_same_topic_on_another_day_or_in_another_town_is_another_event(
    near: str, real: str
) -> None:
    events = outlet_events()
    assignment = cluster_events(events)
    clusters = {e.id.split("-", 1)[1]: assignment[e.id] for e in events}
    assert clusters[near] != clusters[real]


def test_a_story_dated_a_day_later_by_one_outlet_still_links() -> None:
    wire, local = outlet_events()[:2]
    assert (local.date - wire.date).days == 1  # type: ignore[operator]
    assert cluster_events([wire, local])[local.id] == wire.id
    assert len(set(cluster_events([wire, local], DedupRule(date_window_days=0)).values())) == 2


def test_outlets_are_counted_per_cluster_in_the_store(store_url: str) -> None:
    with open_store(store_url) as store:
        for i, (group, outlet, type_, date, ll, country, actors, recips, text) in enumerate(
            OUTLET_CASES
        ):
            ev = make_event(
                text,
                type_=type_,
                date=date,
                place=(group, country, ll[0], ll[1]),
                actors=[actor(*p) for p in actors],
                recipients=[actor(*p) for p in recips],
            )
            store.add_result(make_result(f"{i} {text}", [ev], url=f"https://{outlet}.example/{i}"))
        recluster(store)
        sizes = sorted(
            (se.cluster.n_events, se.cluster.n_sources)
            for se in query_events(store)
            if se.cluster is not None and se.cluster.n_events > 1
        )
        assert sorted(set(sizes)) == [(2, 2), (3, 3)]


def _country_level(country: str, point: tuple[float, float], outlet: str) -> DedupEvent:
    """A report that places the raid only in the country (its point is the country's)."""
    return DedupEvent(
        id=f"90-raid-{outlet}", article_id=f"outlet-{outlet}", source=outlet, type="ASSAULT",
        date=dt.date(2031, 6, 14), lat=point[0], lon=point[1], geo_precision="country",
        country=country, actors=[REBELS], recipients=[ARMY],
        evidence="Northern Front rebels attacked an army post in the north of the country on "
        "Saturday, killing 14 soldiers.",
    )  # fmt: skip


def test_a_report_placed_only_in_the_country_links_within_that_country() -> None:
    wire = outlet_events()[0]
    centroid = (15.0, 47.5)  # hundreds of km from the town: a distance would refuse it
    same = _country_level("XXA", centroid, "intl")
    assert cluster_events([wire, same])[same.id] == wire.id
    other = _country_level("XXB", centroid, "abroad")
    assert cluster_events([wire, other])[other.id] == other.id
    coarse_off = DedupRule(coarse_precisions=())
    assert cluster_events([wire, same], coarse_off)[same.id] == same.id
