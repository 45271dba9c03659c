"""Geoparsing evaluation: read the LGL / GeoVirus / GeoWebNews corpora, score a geocoder.

Pure functions over typed models: ``read_corpus`` (:mod:`.geo_corpus`) parses a file,
``score_resolution`` and ``score_recognition`` compute the standard metrics (Gritta et al.
2019: accuracy within 161 km, mean and median error, AUC of the log-error curve; span
precision/recall/F1).
The CLI (``khabar evaluate geo``) is a thin shell around them.
"""

from __future__ import annotations

import itertools
import math
import statistics
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Sequence

from pydantic import BaseModel, Field

from khabar.evaluate.geo_corpus import GoldArticle, GoldToponym
from khabar.geo.distance import haversine_km
from khabar.geo.home import HomeRegion
from khabar.model.core import Entity, Place

#: Half the Earth's circumference: the error charged for a toponym left unresolved.
MAX_KM = 20039.0

#: GeoWebNews types counted as locations for recognition (as the corpus README says).
GWN_LOCATION_TYPES = frozenset(
    {"Literal", "Literal_Modifier", "Mixed", "Embedded_Literal", "Demonym"}
)


class ResolutionScore(BaseModel):
    n: int = Field(description="gold toponyms with coordinates")
    resolved: int = Field(description="of those, resolved to some place")
    acc161: float = Field(description="share within 161 km (unresolved count as wrong)")
    mean_km: float
    median_km: float
    auc: float = Field(description="area under the log-error curve, 0 best, 1 worst")


class BucketScore(BaseModel):
    """Resolved toponyms whose resolution score lies in [low, high): how many, how many right."""

    low: float
    high: float
    n: int
    right: int = Field(description="within 161 km of the gold point")
    accuracy: float | None = Field(description="right / n; None when the bucket is empty")


#: Edges of the score buckets that ``calibration`` reports (the last one includes 1.0).
SCORE_BUCKETS = (0.0, 0.5, 0.8, 0.9, 0.95, 1.0)


class RecognitionScore(BaseModel):
    gold: int
    predicted: int
    correct: int
    precision: float
    recall: float
    f1: float


def auc_of_errors(errors_km: list[float]) -> float:
    """Gritta et al.'s AUC: area under the sorted log(1 + error) curve, scaled to [0, 1]."""
    if not errors_km:
        return 0.0
    ys = sorted(math.log(1.0 + min(e, MAX_KM)) for e in errors_km)
    if len(ys) == 1:
        return ys[0] / math.log(1.0 + MAX_KM)
    area = sum((a + b) / 2 for a, b in itertools.pairwise(ys))
    return area / ((len(ys) - 1) * math.log(1.0 + MAX_KM))


def score_errors(errors_km: list[float | None]) -> ResolutionScore:
    """Metrics from per-toponym errors (None = left unresolved, charged ``MAX_KM``)."""
    errs = [MAX_KM if e is None else e for e in errors_km]
    if not errs:
        return ResolutionScore(n=0, resolved=0, acc161=0.0, mean_km=0.0, median_km=0.0, auc=0.0)
    return ResolutionScore(
        n=len(errs),
        resolved=sum(e is not None for e in errors_km),
        acc161=sum(e <= 161.0 for e in errs) / len(errs),
        mean_km=statistics.fmean(errs),
        median_km=statistics.median(errs),
        auc=auc_of_errors(errs),
    )


Resolver = Callable[[str, list[Place]], list[Place]]
#: Resolves with a home region (``Geocoder.resolve(text, mentions, home=...)``).
HomeResolver = Callable[[str, list[Place], HomeRegion | None], list[Place]]
ErrorRow = tuple[GoldToponym, Place, float | None]
Recogniser = Callable[[str], list[Place]]


def _article_errors(art: GoldArticle, resolve: Resolver) -> list[ErrorRow]:
    gold = [t for t in art.toponyms if t.lat is not None and t.lon is not None]
    if not gold:
        return []
    mentions = [
        Place(text=art.text[t.start : t.end] or t.text, start=t.start, end=t.end) for t in gold
    ]
    out: list[ErrorRow] = []
    for t, p in zip(gold, resolve(art.text, mentions), strict=True):
        err = None
        if p.lat is not None and p.lon is not None:
            err = haversine_km(t.lat, t.lon, p.lat, p.lon)  # type: ignore[arg-type]
        out.append((t, p, err))
    return out


def resolution_errors(articles: Iterable[GoldArticle], resolve: Resolver) -> list[ErrorRow]:
    """Resolve every gold toponym with coordinates (given its gold span); return the errors."""
    return [row for art in articles for row in _article_errors(art, resolve)]


def resolution_errors_by_source(
    articles: Sequence[GoldArticle],
    resolve: HomeResolver,
    infer_home: Callable[[list[list[Place]]], HomeRegion | None],
) -> list[ErrorRow]:
    """As ``resolution_errors``, in two passes: the first without a home region; then each
    article is resolved again with the home region that ``infer_home`` reads off the first
    pass's places of the *other* articles of its source (never the article's own, never gold)."""
    first = [_article_errors(a, _with_home(resolve, None)) for a in articles]
    by_source: dict[str, list[int]] = defaultdict(list)
    for i, art in enumerate(articles):
        if art.source:
            by_source[art.source].append(i)
    out: list[ErrorRow] = []
    for i, art in enumerate(articles):
        peers = [[p for _, p, _ in first[j]] for j in by_source.get(art.source or "", []) if j != i]
        home = infer_home(peers) if peers else None
        # without a home region the second pass would be the first again
        out.extend(first[i] if home is None else _article_errors(art, _with_home(resolve, home)))
    return out


def _with_home(resolve: HomeResolver, home: HomeRegion | None) -> Resolver:
    def bound(text: str, mentions: list[Place]) -> list[Place]:
        return resolve(text, mentions, home)

    return bound


def score_resolution(articles: Iterable[GoldArticle], resolve: Resolver) -> ResolutionScore:
    return score_errors([e for _, _, e in resolution_errors(articles, resolve)])


def score_resolution_by_subset(
    rows: list[tuple[GoldToponym, Place, float | None]],
    populated_or_admin: Collection[int] = frozenset(),
) -> dict[str, ResolutionScore]:
    """Metrics of ``resolution_errors`` rows. ``all``: every gold toponym with coordinates;
    ``geonames``: those the annotators also linked to a GeoNames id (what gazetteer-based
    systems such as Mordecai3 report on; in GeoWebNews the others are mostly buildings,
    streets and organisations); ``populated_admin``: those whose GeoNames id is in
    ``populated_or_admin`` (populated places and administrative areas, as Mordecai3's
    ``pa_only`` split), when that set is given."""
    out = {"all": score_errors([e for _, _, e in rows])}
    with_id = [e for t, _, e in rows if t.geonameid is not None]
    if with_id:
        out["geonames"] = score_errors(with_id)
    pa = [e for t, _, e in rows if t.geonameid is not None and t.geonameid in populated_or_admin]
    if pa:
        out["populated_admin"] = score_errors(pa)
    return out


def calibration(
    rows: Iterable[tuple[object, Place, float | None]],
    edges: tuple[float, ...] = SCORE_BUCKETS,
) -> list[BucketScore]:
    """Accuracy (within 161 km) of the resolved places by score bucket: how far a score can be
    trusted. Unresolved places (no score) are not in any bucket."""
    counts = [[0, 0] for _ in edges[:-1]]
    for _, place, err in rows:
        if place.score is None or err is None:
            continue
        i = next((k for k in range(len(edges) - 1) if place.score < edges[k + 1]), len(edges) - 2)
        counts[i][0] += 1
        counts[i][1] += err <= 161.0
    return [
        BucketScore(low=lo, high=hi, n=n, right=r, accuracy=r / n if n else None)
        for (lo, hi), (n, r) in zip(itertools.pairwise(edges), counts, strict=True)
    ]


def realign(original: str, normalised: str, places: list[Place]) -> list[Place]:
    """Move places found in ``normalised`` (a reader's cleaned copy of ``original``) back onto
    ``original``: the nearest occurrence of the same words around the proportional offset."""
    if original == normalised:
        return places
    ratio = len(original) / max(len(normalised), 1)
    out: list[Place] = []
    for p in places:
        guess = int(p.start * ratio)
        best: int | None = None
        lo = max(0, guess - 300)
        pos = original.find(p.text, lo, guess + 300 + len(p.text))
        while pos >= 0:
            if best is None or abs(pos - guess) < abs(best - guess):
                best = pos
            pos = original.find(p.text, pos + 1, guess + 300 + len(p.text))
        if best is not None:
            out.append(p.model_copy(update={"start": best, "end": best + len(p.text)}))
    return out


def with_demonyms(
    text: str, places: list[Place], entities: Iterable[Entity], resolve: Resolver
) -> list[Place]:
    """``places`` (as the pipeline resolved them) and the text's demonym entities that no
    place covers, resolved as demonyms (``kind="demonym"``) with the places as context: the
    corpora count "Mexicans" and "European" as toponyms, the pipeline's place list does not."""
    taken = {(p.start, p.end) for p in places}
    extra = [
        Place(text=e.text, start=e.start, end=e.end, kind="demonym")
        for e in entities
        if e.label == "DEMONYM" and (e.start, e.end) not in taken
    ]
    if not extra:
        return places
    resolved = resolve(text, [*places, *extra])[len(places) :]
    return sorted([*places, *resolved], key=lambda p: p.start)


def counts_demonyms(articles: Iterable[GoldArticle], is_demonym: Callable[[str], bool]) -> bool:
    """Whether the gold marks demonyms as toponyms (GeoWebNews's ``Demonym`` type, LGL's
    untyped "Russian"; GeoVirus none): at least 1 % of the gold toponyms are ``is_demonym``."""
    tops = [t for a in articles for t in a.toponyms]
    marked = sum(t.type == "Demonym" or (t.type is None and is_demonym(t.text)) for t in tops)
    return bool(tops) and marked >= 0.01 * len(tops)


def is_gold_location(t: GoldToponym) -> bool:
    return t.type is None or t.type in GWN_LOCATION_TYPES


def score_recognition(
    articles: Iterable[GoldArticle], recognise: Recogniser
) -> tuple[RecognitionScore, ResolutionScore]:
    """End to end: exact-span P/R/F1, and resolution metrics over the gold locations that
    have coordinates (those the recogniser missed count as unresolved, ``MAX_KM``)."""
    gold_n = pred_n = correct = 0
    errors: list[float | None] = []
    for art in articles:
        gold = {(t.start, t.end): t for t in art.toponyms if is_gold_location(t)}
        # A span the annotators marked as a non-literal toponym (GeoWebNews "Metonymic",
        # "Non_Toponym"…) is neither right nor wrong for recognition: it is not counted.
        ignored = {(t.start, t.end) for t in art.toponyms if not is_gold_location(t)}
        preds = recognise(art.text)
        pred_spans = {(p.start, p.end): p for p in preds if (p.start, p.end) not in ignored}
        gold_n += len(gold)
        pred_n += len(pred_spans)
        for span, t in gold.items():
            p = pred_spans.get(span)
            if p is not None:
                correct += 1
            if t.lat is None or t.lon is None:
                continue
            if p is None or p.lat is None or p.lon is None:
                errors.append(None)
            else:
                errors.append(haversine_km(t.lat, t.lon, p.lat, p.lon))
    precision = correct / pred_n if pred_n else 0.0
    recall = correct / gold_n if gold_n else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    rec = RecognitionScore(
        gold=gold_n,
        predicted=pred_n,
        correct=correct,
        precision=precision,
        recall=recall,
        f1=f1,
    )
    return rec, score_errors(errors)
