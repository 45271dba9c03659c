"""khabar.geo.variants: the other spellings a mention is looked up by."""

from __future__ import annotations

import pytest

from khabar.geo.variants import name_variants


@pytest.mark.parametrize(
    ("mention", "expected"),
    [
        ("northern Afghanistan", ("Afghanistan", "direction word ignored")),
        ("the far south-east Ukraine", ("Ukraine", "direction word ignored")),
        ("St. Louis", ("Saint Louis", "abbreviation expanded")),
        ("Mt Pleasant", ("Mount Pleasant", "abbreviation expanded")),
        ("Platte Co.", ("Platte County", "abbreviation expanded")),
        ("Guinea-Bissau", ("Guinea Bissau", "hyphen as space")),
        ("DUSHANBE", ("Dushanbe", "upper case")),
    ],
)
def test_variants(mention: str, expected: tuple[str, str]) -> None:
    assert expected in name_variants(mention)


def test_no_variant_for_a_plain_name() -> None:
    assert name_variants("Kabul") == [] and name_variants("USA") == []
