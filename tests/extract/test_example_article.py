"""The founding example: ../shared/examples/tajikistan-appeal.txt against its gold events.

Third-party text: read from ../shared, never copied into the repository.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from khabar.ingest.read import RawArticle
from khabar.model import Event, ExtractionResult

pytestmark = [pytest.mark.slow, pytest.mark.gold]


@pytest.fixture(scope="module")
def example(shared_dir: Path, extractor) -> tuple[ExtractionResult, list[dict]]:  # type: ignore[no-untyped-def, type-arg]
    text = (shared_dir / "examples" / "tajikistan-appeal.txt").read_text(encoding="utf-8")
    gold_path = shared_dir / "examples" / "tajikistan-appeal.gold.jsonl"
    gold = [json.loads(line) for line in gold_path.read_text(encoding="utf-8").splitlines() if line]
    return extractor.extract(RawArticle(text=text), published=dt.date(2021, 8, 24)), gold


def _covering(result: ExtractionResult, evidence: str, type_: str) -> list[Event]:
    start = result.article.text.find(evidence)
    assert start >= 0, evidence
    end = start + len(evidence)
    return [
        e
        for e in result.events
        if e.type == type_ and e.evidence.start < end and start < e.evidence.end
    ]


def _evidence(gold: list[dict], type_: str, source: str, target: str) -> str:  # type: ignore[type-arg]
    """The gold's own evidence string for one asserted event, so no sentence is quoted here."""
    found = [
        g["evidence"]
        for g in gold
        if g["type"] == type_
        and g["source"] == source
        and g["target"] == target
        and g["factuality"] == "asserted"
    ]
    assert len(found) == 1, (type_, source, target, found)
    return str(found[0])


def _one(result: ExtractionResult, evidence: str, type_: str) -> Event:
    found = [e for e in _covering(result, evidence, type_) if e.factuality == "asserted"]
    assert found, f"no asserted {type_} for {evidence!r}"
    return max(found, key=lambda e: e.confidence)


def test_democratic_party_accuses_and_requests_on_august_20(example) -> None:  # type: ignore[no-untyped-def]
    result, gold = example
    party = "Democratic Party of Tajikistan"
    accuse = _one(result, _evidence(gold, "ACCUSE", party, "Taliban"), "ACCUSE")
    assert [a.name for a in accuse.actor] == ["Democratic Party of Tajikistan"]
    assert [r.name for r in accuse.recipient] == ["Taliban"]
    assert accuse.date is not None and accuse.date.value == "2021-08-20"
    assert accuse.date.how == "paragraph"
    urge = _one(result, _evidence(gold, "REQUEST", party, "Government of Tajikistan"), "REQUEST")
    assert [a.name for a in urge.actor] == ["Democratic Party of Tajikistan"]
    assert [(r.name, r.country, r.sector) for r in urge.recipient] == [
        ("Government of Tajikistan", "TJK", "GOV")
    ]
    assert urge.date is not None and urge.date.value == "2021-08-20"


def test_saleh_asks_foreign_partners(example) -> None:  # type: ignore[no-untyped-def]
    result, gold = example
    ev = _one(result, _evidence(gold, "REQUEST", "Amrullah Saleh", "Foreign partners"), "REQUEST")
    assert [a.name for a in ev.actor] == ["Amrullah Saleh"]
    # the pronoun is reported by the text that names its actor; `how` names the pronoun
    assert ev.actor[0].text == "Amrullah Saleh" and "pronoun 'he'" in ev.actor[0].how
    assert [r.text for r in ev.recipient] == ["foreign partners"]


def test_basij_e_milli_requests_support_from_rahmon(example) -> None:  # type: ignore[no-untyped-def]
    result, gold = example
    ev = _one(result, _evidence(gold, "REQUEST", "Basij-e Milli", "Emomali Rahmon"), "REQUEST")
    assert [a.name for a in ev.actor] == ["Basij-e Milli"]
    assert [(r.name, r.country) for r in ev.recipient] == [("Emomali Rahmon", "TJK")]


def test_protest_and_assault_in_nangarhar_on_august_18(example) -> None:  # type: ignore[no-untyped-def]
    result, gold = example
    protest = _one(result, _evidence(gold, "PROTEST", "Afghan protesters", "Taliban"), "PROTEST")
    assault = _one(result, _evidence(gold, "ASSAULT", "Taliban", "Afghan protesters"), "ASSAULT")
    assert [a.name for a in assault.actor] == ["Taliban"]
    assert [r.text for r in assault.recipient] == ["the protesters"]
    for ev in (protest, assault):
        assert ev.date is not None and ev.date.value == "2021-08-18"
        assert ev.location is not None and ev.location.text == "Nangarhar"
        assert ev.location.country == "AFG" and ev.location.precision == "admin1"
        assert ev.location.lat is not None and abs(ev.location.lat - 34.3) < 0.5
        assert ev.location.lon is not None and abs(ev.location.lon - 70.4) < 0.5


def test_no_trap_is_asserted(example) -> None:  # type: ignore[no-untyped-def]
    """Negated, hypothetical and historical gold lines are never reported as facts."""
    result, gold = example
    traps = [g for g in gold if g["factuality"] != "asserted"]
    assert traps
    for g in traps:
        for ev in _covering(result, g["evidence"], g["type"]):
            assert ev.factuality != "asserted", (g["evidence"], ev.type, ev.how)


def test_every_asserted_gold_event_is_found(example) -> None:  # type: ignore[no-untyped-def]
    result, gold = example
    for g in gold:
        if g["factuality"] != "asserted":
            continue
        types = {g["type"], *g["alt_types"]}
        found = [e for t in types for e in _covering(result, g["evidence"], t)]
        assert any(e.factuality == "asserted" for e in found), g["evidence"]


def test_evidence_offsets_are_exact(example) -> None:  # type: ignore[no-untyped-def]
    result, _ = example
    text = result.article.text
    for ev in result.events:
        assert text[ev.evidence.start : ev.evidence.end] == ev.evidence.text
        assert text[ev.evidence.trigger.start : ev.evidence.trigger.end] == ev.evidence.trigger.text
