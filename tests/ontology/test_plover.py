"""The PLOVER ontology data."""

from __future__ import annotations

import pytest

from khabar.errors import OntologyError
from khabar.ontology import load_ontology


def test_sixteen_types_in_four_quad_classes() -> None:
    ont = load_ontology()
    assert len(ont.types) == 16
    assert {t.quad for t in ont.types.values()} == set(ont.quad_classes)
    assert ont.event_type("assault").quad == "material_conflict"
    assert ont.event_type("AGREE").quad == "verbal_cooperation"


@pytest.mark.parametrize(
    ("legacy", "expected"),
    [
        ("DEMAND", ("REQUEST", None)),
        ("DISAPPROVE", ("ACCUSE", "disapprove")),
        ("INVESTIGATE", ("ACCUSE", "investigate")),
        ("FIGHT", ("ASSAULT", None)),
        ("PROTEST", ("PROTEST", None)),
        ("DOCUMENT", None),
    ],
)
def test_legacy_labels_map_to_current_types(legacy: str, expected: object) -> None:
    assert load_ontology().normalise_legacy(legacy) == expected


def test_unknown_type_mode_and_context_are_errors() -> None:
    ont = load_ontology()
    with pytest.raises(OntologyError, match="unknown PLOVER event type"):
        ont.event_type("GOSSIP")
    with pytest.raises(OntologyError):
        ont.check_mode("ASSAULT", "tickle")
    assert ont.check_mode("ASSAULT", "firearms") == "firearms"
    with pytest.raises(OntologyError):
        ont.check_context("astrology")
