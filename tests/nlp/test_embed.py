"""khabar.nlp.embed: pooling arithmetic, batching, and agreement of ONNX with torch."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pytest

from khabar.nlp.embed import DIMENSION, Embedder, EmbedderInfo, mean_pool_normalise


class _RecordingBackend:
    """Fake backend: vector i is one-hot on the sentence length, so order is checkable."""

    def __init__(self) -> None:
        self.batches: list[list[str]] = []

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        self.batches.append(list(texts))
        out = np.zeros((len(texts), DIMENSION), dtype=np.float32)
        for row, text in enumerate(texts):
            out[row, len(text) % DIMENSION] = 1.0
        return out


def _fake_embedder(batch_size: int) -> tuple[Embedder, _RecordingBackend]:
    backend = _RecordingBackend()
    info = EmbedderInfo(model="fake", package_version="0", runtime="onnx", dimension=DIMENSION)
    return Embedder(backend, info, batch_size=batch_size), backend


def test_mean_pool_ignores_padding_and_normalises() -> None:
    tokens = np.array([[[3.0, 4.0], [100.0, 100.0]], [[1.0, 0.0], [0.0, 1.0]]])
    mask = np.array([[1, 0], [1, 1]])
    pooled = mean_pool_normalise(tokens, mask)
    np.testing.assert_allclose(pooled[0], [0.6, 0.8], atol=1e-6)
    np.testing.assert_allclose(pooled[1], [2**-0.5, 2**-0.5], atol=1e-6)


def test_encode_batches_and_keeps_input_order() -> None:
    embedder, backend = _fake_embedder(batch_size=2)
    texts = ["ccc", "a", "bbbbb", "dd", "e"]
    vectors = embedder.encode(texts)
    assert vectors.shape == (5, DIMENSION)
    assert [len(b) for b in backend.batches] == [2, 2, 1]
    assert [int(v.argmax()) for v in vectors] == [len(t) for t in texts]


def test_encode_empty_list() -> None:
    embedder, backend = _fake_embedder(batch_size=4)
    assert embedder.encode([]).shape == (0, DIMENSION)
    assert backend.batches == []


SENTENCES = [
    "Police arrested dozens of opposition activists in the capital on Sunday.",
    "The two governments agreed to reopen the border.",
    "Hi",
    "Thousands of demonstrators marched through the city centre, chanting slogans against "
    "the new tax and demanding that the minister resign; police watched from a distance. " * 6,
]


@pytest.mark.slow
def test_embedder_vectors_are_unit_length(embedder: Embedder) -> None:
    vectors = embedder.encode(SENTENCES)
    assert vectors.shape == (len(SENTENCES), DIMENSION)
    assert vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


@pytest.mark.slow
def test_onnx_matches_sentence_transformers(embedder: Embedder) -> None:
    """Same vectors as sentence-transformers (cosine >= 0.999), padding included."""
    if embedder.info.runtime != "onnx":
        pytest.skip("onnxruntime export unavailable here; the torch runtime is in use")
    reference = Embedder.load(runtime="torch")
    ours = embedder.encode(SENTENCES)
    theirs = reference.encode(SENTENCES)
    cosines = (ours * theirs).sum(axis=1)
    assert cosines.min() >= 0.999


@pytest.mark.slow
def test_similar_sentences_are_closer(embedder: Embedder) -> None:
    a, b, c = embedder.encode(
        [
            "Soldiers opened fire on the crowd.",
            "Troops shot at the demonstrators.",
            "The museum houses ancient manuscripts.",
        ]
    )
    assert float(a @ b) > float(a @ c) + 0.2
