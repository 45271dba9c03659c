"""The one typed loader for the word and label tables of the rules (``nlp/data/words/*.yaml``).

A rule module names its table where it used to spell it out::

    MODALS = WordSet("factuality", "modals")

:class:`WordSet` and :class:`WordMap` are read-only views that load their file on first use
(nothing is read on import) and behave as a ``frozenset`` / ``dict`` of strings. Each file
is validated by :class:`WordFile`: ``sets`` of words and ``maps`` of words to labels.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Set
from functools import cache
from importlib import resources
from typing import TypeVar

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

from khabar.errors import KhabarError
from khabar.ontology.plover import load_ontology

_T = TypeVar("_T")


class WordFile(BaseModel):
    """One ``nlp/data/words/<name>.yaml``: named word sets and named word -> label maps."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    version: int
    sets: dict[str, frozenset[str]] = {}
    maps: dict[str, dict[str, str]] = {}


@cache
def load_word_file(name: str) -> WordFile:
    """The packaged word file ``name`` (read once; it is package data, not configuration)."""
    path = resources.files("khabar.nlp").joinpath(f"data/words/{name}.yaml")
    try:
        return WordFile.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
    except FileNotFoundError:
        raise KhabarError(f"no packaged word file nlp/data/words/{name}.yaml") from None
    except (ValidationError, yaml.YAMLError) as exc:
        raise KhabarError(f"packaged nlp/data/words/{name}.yaml is malformed: {exc}") from None


def word_file_names() -> list[str]:
    """Every packaged word file, by name."""
    folder = resources.files("khabar.nlp").joinpath("data/words")
    return sorted(
        p.name.removesuffix(".yaml") for p in folder.iterdir() if p.name.endswith(".yaml")
    )


def _lookup(tables: dict[str, _T], file: str, kind: str, key: str) -> _T:
    table = tables.get(key)
    if table is None:
        raise KhabarError(f"nlp/data/words/{file}.yaml has no {kind} {key!r}")
    return table


#: Every view made so far, so that a test can check that each names a table that exists.
DECLARED: list[WordSet | WordMap | QuadTypes] = []


class WordSet(Set[str]):
    """A named set of words in a word file, loaded on first use."""

    def __init__(self, file: str, key: str) -> None:
        self.file, self.key = file, key
        self._words: frozenset[str] | None = None
        DECLARED.append(self)

    @property
    def words(self) -> frozenset[str]:
        if self._words is None:
            self._words = _lookup(load_word_file(self.file).sets, self.file, "set", self.key)
        return self._words

    def __contains__(self, word: object) -> bool:
        return word in self.words

    def __iter__(self) -> Iterator[str]:
        return iter(self.words)

    def __len__(self) -> int:
        return len(self.words)

    def __hash__(self) -> int:
        return hash((self.file, self.key))

    @classmethod
    def _from_iterable(cls, it: Iterable[str]) -> frozenset[str]:  # type: ignore[override]
        return frozenset(it)

    def __repr__(self) -> str:
        return f"WordSet({self.file!r}, {self.key!r})"


class WordMap(Mapping[str, str]):
    """A named word -> label map in a word file, loaded on first use."""

    def __init__(self, file: str, key: str) -> None:
        self.file, self.key = file, key
        self._map: dict[str, str] | None = None
        DECLARED.append(self)

    @property
    def table(self) -> dict[str, str]:
        if self._map is None:
            self._map = _lookup(load_word_file(self.file).maps, self.file, "map", self.key)
        return self._map

    def __getitem__(self, word: str) -> str:
        return self.table[word]

    def __iter__(self) -> Iterator[str]:
        return iter(self.table)

    def __len__(self) -> int:
        return len(self.table)

    def __repr__(self) -> str:
        return f"WordMap({self.file!r}, {self.key!r})"


class QuadTypes(Set[str]):
    """The PLOVER types of some quad classes (``ontology/data/plover.yaml``), less the named
    ones: a type group the rules test, read from the ontology rather than typed out."""

    def __init__(self, *quads: str, less: Iterable[str] = ()) -> None:
        self.quads, self.less = quads, frozenset(less)
        self._types: frozenset[str] | None = None
        DECLARED.append(self)

    @property
    def types(self) -> frozenset[str]:
        if self._types is None:
            ontology = load_ontology()
            unknown = [q for q in self.quads if q not in ontology.quad_classes]
            if unknown:
                raise KhabarError(f"PLOVER has no quad class {unknown[0]!r}")
            self._types = frozenset(
                code
                for code, spec in ontology.types.items()
                if spec.quad in self.quads and code not in self.less
            )
        return self._types

    def __contains__(self, type_: object) -> bool:
        return type_ in self.types

    def __iter__(self) -> Iterator[str]:
        return iter(self.types)

    def __len__(self) -> int:
        return len(self.types)

    def __hash__(self) -> int:
        return hash((self.quads, self.less))

    @classmethod
    def _from_iterable(cls, it: Iterable[str]) -> frozenset[str]:  # type: ignore[override]
        return frozenset(it)

    def __repr__(self) -> str:
        return f"QuadTypes{self.quads!r}"
