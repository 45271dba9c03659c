"""PLOVER event typing of sentences by a classifier over all-MiniLM-L6-v2 embeddings.

A multinomial logistic regression is trained on ``data/event_examples.jsonl``: sentences the
khabar project wrote itself (never the evaluation corpora), about 30 per PLOVER type plus
``NONE`` sentences that describe no event. Training takes seconds; it happens at first use and
the weights are cached (as plain numpy arrays, not a pickle) in the user cache directory,
keyed by a hash of the training file, the classifier recipe and the embedding model.

Nothing here does I/O on import or in a constructor: call :meth:`EventTypeClassifier.load`.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
from collections.abc import Sequence
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
from pydantic import BaseModel, ConfigDict, Field

from khabar.errors import ModelLoadError
from khabar.nlp.embed import Embedder, default_cache_dir
from khabar.ontology.plover import load_ontology

log = logging.getLogger(__name__)

NONE_LABEL = "NONE"
#: bump when the training recipe (features, regularisation, class weights) changes.
CLASSIFIER_VERSION = "event-type-logreg.v1"
#: inverse regularisation strength, chosen by k-fold cross-validation on the project's own
#: examples (see docs/evaluation.md); never on the evaluation corpora.
REGULARISATION_C = 10.0


class TypeScores(BaseModel):
    """The classifier's view of one sentence: the best label and every label's probability."""

    model_config = ConfigDict(frozen=True)

    best: str = Field(description="one of the 16 PLOVER types, or 'NONE'")
    best_score: float = Field(ge=0.0, le=1.0)
    scores: dict[str, float] = Field(description="probability of each label; they sum to 1")


class TrainingExample(BaseModel):
    """One line of the training file."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    text: str = Field(min_length=1)
    type: str


class CrossValidation(BaseModel):
    """k-fold cross-validated figures of the classifier on its own training examples."""

    folds: int
    n: int
    accuracy: float
    fold_accuracy: list[float]
    macro_f1: float
    per_class_f1: dict[str, float]


def labels() -> list[str]:
    """The classifier's label set: the ontology's 16 types, then ``NONE``."""
    return [*load_ontology().type_names, NONE_LABEL]


def default_examples_path() -> Path:
    return Path(str(resources.files("khabar.nlp").joinpath("data/event_examples.jsonl")))


def load_examples(path: Path | None = None) -> list[TrainingExample]:
    """Read and check a training file (JSONL of ``{"text", "type"}``)."""
    path = path or default_examples_path()
    known = set(labels())
    examples: list[TrainingExample] = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise ModelLoadError(f"cannot read event examples {path}: {exc}") from exc
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            example = TrainingExample.model_validate_json(line)
        except ValueError as exc:
            raise ModelLoadError(
                f"{path}:{number}: not a {{'text', 'type'}} JSON object: {exc}"
            ) from exc
        if example.type not in known:
            raise ModelLoadError(
                f"{path}:{number}: unknown label {example.type!r}; use one of {sorted(known)}"
            )
        examples.append(example)
    missing = known - {e.type for e in examples}
    if missing:
        raise ModelLoadError(f"{path}: no examples for {sorted(missing)}")
    return examples


def training_key(examples_path: Path, embedder: Embedder) -> str:
    """Cache key: the training file's bytes, the recipe, the label set and the model."""
    digest = hashlib.sha256()
    digest.update(examples_path.read_bytes())
    digest.update(CLASSIFIER_VERSION.encode())
    digest.update(f"C={REGULARISATION_C}".encode())
    digest.update(",".join(labels()).encode())
    digest.update(f"{embedder.info.model}/{embedder.info.package_version}".encode())
    return digest.hexdigest()[:20]


def _fit(vectors: np.ndarray, targets: Sequence[str]) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """Fit the logistic regression; returns (coef, intercept, classes)."""
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=REGULARISATION_C, max_iter=2000, class_weight="balanced")
    model.fit(vectors, list(targets))
    return (
        np.asarray(model.coef_, dtype=np.float32),
        np.asarray(model.intercept_, dtype=np.float32),
        [str(c) for c in model.classes_],
    )


def _softmax(logits: np.ndarray) -> np.ndarray:
    shifted = logits - logits.max(axis=1, keepdims=True)
    exp = np.exp(shifted)
    return np.asarray(exp / exp.sum(axis=1, keepdims=True))


class EventTypeClassifier:
    """Scores sentences against the 16 PLOVER types and ``NONE``.

    Build it with :meth:`load`; the constructor only stores trained weights.
    """

    def __init__(
        self,
        embedder: Embedder,
        coef: np.ndarray,
        intercept: np.ndarray,
        classes: Sequence[str],
        key: str = "",
    ) -> None:
        if coef.shape != (len(classes), embedder.info.dimension):
            raise ModelLoadError(
                f"classifier weights have shape {coef.shape}, expected "
                f"({len(classes)}, {embedder.info.dimension})"
            )
        self.embedder = embedder
        self.coef = coef
        self.intercept = intercept
        self.classes = list(classes)
        self.key = key

    @classmethod
    def train(
        cls, embedder: Embedder, examples: Sequence[TrainingExample], key: str = ""
    ) -> EventTypeClassifier:
        vectors = embedder.encode([e.text for e in examples])
        coef, intercept, classes = _fit(vectors, [e.type for e in examples])
        return cls(embedder, coef, intercept, classes, key)

    @classmethod
    def load(
        cls,
        embedder: Embedder,
        examples_path: Path | None = None,
        cache_dir: Path | None = None,
    ) -> EventTypeClassifier:
        """Cached weights if the training file is unchanged, else train and cache them."""
        examples_path = examples_path or default_examples_path()
        key = training_key(examples_path, embedder)
        cache = (cache_dir or default_cache_dir()) / "classifiers" / f"event-type-{key}.npz"
        if cache.is_file():
            try:
                with np.load(cache, allow_pickle=False) as data:
                    return cls(
                        embedder,
                        data["coef"],
                        data["intercept"],
                        [str(c) for c in data["classes"]],
                        key,
                    )
            except (OSError, ValueError, KeyError, ModelLoadError) as exc:
                log.warning("ignoring unreadable classifier cache %s (%s)", cache, exc)
        classifier = cls.train(embedder, load_examples(examples_path), key)
        classifier._save(cache)
        return classifier

    def _save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(suffix=".npz", dir=path.parent)
        os.close(fd)
        tmp = Path(tmp_name)
        try:
            np.savez(
                tmp,
                coef=self.coef,
                intercept=self.intercept,
                classes=np.asarray(self.classes, dtype=str),
            )
            os.replace(tmp, path)
        finally:
            tmp.unlink(missing_ok=True)

    def save(self, path: Path) -> None:
        """Write the trained weights to ``path`` (a ``.npz`` of plain arrays)."""
        self._save(path)

    @classmethod
    def from_weights(cls, path: Path, embedder: Embedder | None = None) -> EventTypeClassifier:
        """A classifier from weights written by :meth:`save` (over the installed embedder)."""
        try:
            with np.load(path, allow_pickle=False) as data:
                coef, intercept = data["coef"], data["intercept"]
                classes = [str(c) for c in data["classes"]]
        except (OSError, ValueError, KeyError) as exc:
            raise ModelLoadError(f"{path}: unreadable classifier weights ({exc})") from None
        return cls(embedder or Embedder.load(), coef, intercept, classes)

    def probabilities(self, vectors: np.ndarray) -> np.ndarray:
        """Label probabilities for embedding ``vectors``, columns in ``self.classes`` order."""
        return _softmax(vectors @ self.coef.T + self.intercept)

    def predict(self, sentences: Sequence[str]) -> list[TypeScores]:
        """One :class:`TypeScores` per sentence (batched through the embedder)."""
        if not sentences:
            return []
        probs = self.probabilities(self.embedder.encode(sentences))
        out: list[TypeScores] = []
        for row in probs:
            best = int(row.argmax())
            out.append(
                TypeScores(
                    best=self.classes[best],
                    best_score=float(row[best]),
                    scores={c: float(p) for c, p in zip(self.classes, row, strict=True)},
                )
            )
        return out


def cross_validate(
    embedder: Embedder, examples: Sequence[TrainingExample] | None = None, folds: int = 5
) -> CrossValidation:
    """Stratified k-fold accuracy and macro F1 of the recipe on the project's own examples."""
    from sklearn.metrics import f1_score
    from sklearn.model_selection import StratifiedKFold

    examples = list(examples) if examples is not None else load_examples()
    vectors = embedder.encode([e.text for e in examples])
    targets = np.asarray([e.type for e in examples])
    predicted = np.empty_like(targets)
    fold_accuracy: list[float] = []
    splitter = StratifiedKFold(n_splits=folds, shuffle=True, random_state=13)
    for train_idx, test_idx in splitter.split(vectors, targets):
        coef, intercept, classes = _fit(vectors[train_idx], targets[train_idx].tolist())
        probs = _softmax(vectors[test_idx] @ coef.T + intercept)
        fold_pred = np.asarray(classes)[probs.argmax(axis=1)]
        predicted[test_idx] = fold_pred
        fold_accuracy.append(float((fold_pred == targets[test_idx]).mean()))
    names = labels()
    per_class: Any = f1_score(targets, predicted, labels=names, average=None, zero_division=0)
    return CrossValidation(
        folds=folds,
        n=len(examples),
        accuracy=float((predicted == targets).mean()),
        fold_accuracy=fold_accuracy,
        macro_f1=float(np.mean(per_class)),
        per_class_f1={n: float(f) for n, f in zip(names, per_class, strict=True)},
    )


def main() -> None:  # pragma: no cover - `python -m khabar.nlp.classify` prints the CV report
    embedder = Embedder.load()
    print(json.dumps(cross_validate(embedder).model_dump(), indent=2))


if __name__ == "__main__":  # pragma: no cover
    main()
