"""Where the gazetteer's source data lies, and khabar's own tables of regions (``data/``)."""

from __future__ import annotations

import importlib.util
from functools import lru_cache
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict

from khabar.errors import GazetteerError

_DATA = Path(__file__).with_name("data")


def package_dir(package: str) -> Path:
    """The directory of an installed data package (nothing is downloaded)."""
    spec = importlib.util.find_spec(package)
    if spec is None or spec.origin is None:
        raise GazetteerError(
            f"the data package {package!r} is not installed: pip install khabar's dependencies"
        )
    return Path(spec.origin).parent


class Region(BaseModel):
    """An area news names that the gazetteers lack (a region, sea or seat of government)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str
    aliases: tuple[str, ...] = ()
    country: str | None = None
    lat: float
    lon: float


class RegionTables(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    regions: tuple[Region, ...]
    continent_aliases: dict[str, tuple[str, ...]]


@lru_cache(maxsize=1)
def load_regions() -> RegionTables:
    """``geo/data/regions.yaml``, validated."""
    path = _DATA / "regions.yaml"
    return RegionTables.model_validate(yaml.safe_load(path.read_text("utf-8")))


class GeoWords(BaseModel):
    """The resolver's word tables (``geo/data/words.yaml``): keys folded, values place names."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    continent_demonyms: dict[str, str]
    area_demonyms: dict[str, str]
    us_state_abbreviations: dict[str, str]
    kind_words: dict[str, str]
    #: Words of a feature's name ("Mississippi River", "Lake Ontario"): such a name is near its
    #: town or county but not at its state's or country's point (``khabar.geo.embedded``).
    feature_words: frozenset[str] = frozenset()
    #: Words of a street's or a venue's address ("Hampton Avenue"): named after anywhere.
    street_words: frozenset[str] = frozenset()
    #: Countries (alpha-3) whose place names English writes in many transliterations of
    #: Arabic or Persian ("Deir ez-Zor", "Deir Ezzor"): looked up by a normalised spelling
    #: when the name as written is not found (``khabar.geo.spelling``).
    transliterated_countries: frozenset[str] = frozenset()
    #: The Arabic definite article as transliterations write it ("al-", "el-", "ez-").
    transliterated_articles: frozenset[str] = frozenset()
    #: Words that start a town's own name ("Puerto", "Fort", "Kafr"): such a name is not
    #: named after the place inside it (``khabar.geo.embedded``).
    settlement_words: frozenset[str] = frozenset()
    #: News agencies named like a place ("Xinhua"): a credit line, never the place of a story.
    agency_names: frozenset[str] = frozenset()


@lru_cache(maxsize=1)
def load_words() -> GeoWords:
    """``geo/data/words.yaml``, validated."""
    path = _DATA / "words.yaml"
    return GeoWords.model_validate(yaml.safe_load(path.read_text("utf-8")))
