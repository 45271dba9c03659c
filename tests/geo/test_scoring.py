"""khabar.geo.scoring: the resolver's weights are data, validated, and injectable."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from khabar.geo.resolve import Geocoder
from khabar.geo.scoring import Scoring, load_scoring
from khabar.model.core import Place
from tests.geo.tiny import tiny_index


def test_the_shipped_weights_load() -> None:
    s = load_scoring()
    assert s.ranking.kind_prior["country"] > s.ranking.kind_prior["city"]
    assert 0 < s.calibration.unresolved_below < 1


def test_bad_weights_are_refused() -> None:
    data = load_scoring().model_dump()
    data["calibration"]["far_factor"] = 3.0  # a penalty factor must lie in [0, 1]
    with pytest.raises(ValidationError):
        Scoring.model_validate(data)
    data = load_scoring().model_dump()
    data["ranking"]["unknown_bonus"] = 1.0
    with pytest.raises(ValidationError):
        Scoring.model_validate(data)


def test_a_geocoder_takes_other_weights() -> None:
    """With every mention unresolved below a threshold of 1, nothing is resolved."""
    data = load_scoring().model_dump()
    data["calibration"]["unresolved_below"] = 1.0
    strict = Geocoder(tiny_index(), scoring=Scoring.model_validate(data))
    (p,) = strict.resolve("Kabul", [Place(text="Kabul", start=0, end=5)])
    assert p.lat is None and "below 1.0" in (p.how or "")
    (q,) = Geocoder(tiny_index()).resolve("Kabul", [Place(text="Kabul", start=0, end=5)])
    assert q.name == "Kabul" and q.lat is not None
