"""khabar.nlp.classify: training data checks, the cache, and predictions."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from khabar.errors import ModelLoadError
from khabar.nlp.classify import (
    NONE_LABEL,
    EventTypeClassifier,
    TypeScores,
    labels,
    load_examples,
)
from khabar.nlp.embed import Embedder
from khabar.ontology.plover import load_ontology


def test_labels_are_the_16_types_plus_none() -> None:
    assert labels() == [*load_ontology().type_names, NONE_LABEL]
    assert len(labels()) == 17


def test_training_file_has_enough_examples_per_label() -> None:
    examples = load_examples()
    counts = Counter(e.type for e in examples)
    assert set(counts) == set(labels())
    assert min(counts[t] for t in load_ontology().type_names) >= 30
    assert counts[NONE_LABEL] >= 60
    texts = [e.text for e in examples]
    assert len(texts) == len(set(texts)), "duplicate training sentences"


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('{"text": "x", "type": "HUG"}', "unknown label 'HUG'"),
        ('{"text": "x"}', "not a {'text', 'type'} JSON object"),
        ("not json", "not a {'text', 'type'} JSON object"),
    ],
)
def test_bad_training_file_is_a_clear_error(tmp_path: Path, line: str, message: str) -> None:
    path = tmp_path / "examples.jsonl"
    path.write_text(line + "\n", encoding="utf-8")
    with pytest.raises(ModelLoadError, match=message.replace("{", r"\{").replace("}", r"\}")):
        load_examples(path)


@pytest.mark.slow
def test_predict_returns_scores_over_all_labels(event_classifier: EventTypeClassifier) -> None:
    (scores,) = event_classifier.predict(["The army deployed tanks along the border."])
    assert isinstance(scores, TypeScores)
    assert set(scores.scores) == set(labels())
    assert sum(scores.scores.values()) == pytest.approx(1.0, abs=1e-4)
    assert scores.best == max(scores.scores, key=lambda k: scores.scores[k])
    assert scores.best_score == pytest.approx(scores.scores[scores.best])


@pytest.mark.slow
@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Riot police detained forty students outside the university on Tuesday.", "COERCE"),
        ("Gunmen killed six people in an attack on a bus near the town.", "ASSAULT"),
        ("Tens of thousands of people marched in the capital against the reform.", "PROTEST"),
        ("The ministers met in Vienna to discuss the nuclear programme.", "CONSULT"),
        ("The union threatened to strike if its demands were ignored.", "THREATEN"),
        ("The lake is the deepest in the region and freezes every winter.", NONE_LABEL),
    ],
)
def test_predict_obvious_sentences(
    event_classifier: EventTypeClassifier, sentence: str, expected: str
) -> None:
    assert event_classifier.predict([sentence])[0].best == expected


@pytest.mark.slow
def test_predict_empty_list(event_classifier: EventTypeClassifier) -> None:
    assert event_classifier.predict([]) == []


@pytest.mark.slow
def test_weights_are_cached_by_training_file(embedder: Embedder, tmp_path: Path) -> None:
    examples = tmp_path / "examples.jsonl"
    examples.write_text(
        "\n".join(
            f'{{"text": "sentence {i} about {label.lower()}", "type": "{label}"}}'
            for label in labels()
            for i in range(2)
        ),
        encoding="utf-8",
    )
    first = EventTypeClassifier.load(embedder, examples_path=examples, cache_dir=tmp_path)
    cached = list((tmp_path / "classifiers").glob("event-type-*.npz"))
    assert len(cached) == 1
    again = EventTypeClassifier.load(embedder, examples_path=examples, cache_dir=tmp_path)
    assert again.key == first.key
    assert (again.coef == first.coef).all()
    examples.write_text(examples.read_text() + '\n{"text": "one more", "type": "NONE"}')
    changed = EventTypeClassifier.load(embedder, examples_path=examples, cache_dir=tmp_path)
    assert changed.key != first.key
    assert len(list((tmp_path / "classifiers").glob("event-type-*.npz"))) == 2
