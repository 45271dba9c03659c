"""Sentences per second of khabar's embedder: onnxruntime export vs torch (sentence-transformers).

Texts: the project's own event-type training sentences (news-like, 8-20 words), so the
figure is reproducible from a clean clone. Both runtimes run in one process, one after the
other, on the same texts, after a warm-up; the vectors are compared too.

    python benchmarks/embed_speed.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import json

import numpy as np

from khabar.nlp.classify import load_examples
from khabar.nlp.embed import Embedder, measure_speed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    texts = [e.text for e in load_examples()]
    onnx = Embedder.load(runtime="onnx")
    torch = Embedder.load(runtime="torch")
    report = {
        "sentences": len(texts),
        "repeat": args.repeat,
        "onnx_sentences_per_s": round(measure_speed(onnx, texts, args.repeat), 1),
        "torch_sentences_per_s": round(measure_speed(torch, texts, args.repeat), 1),
        "min_cosine_onnx_vs_torch": float(
            (onnx.encode(texts) * torch.encode(texts)).sum(axis=1).min()
        ),
    }
    report["speedup"] = round(report["onnx_sentences_per_s"] / report["torch_sentences_per_s"], 2)
    print(json.dumps(report, indent=2))
    assert np.isfinite(report["speedup"])


if __name__ == "__main__":
    main()
