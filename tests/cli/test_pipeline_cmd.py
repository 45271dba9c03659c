"""``khabar pipeline``: every stage, in order, with what it requires and assigns."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from khabar.cli.main import app
from khabar.nlp.pipeline import KHABAR_STAGES, PipelineOptions

runner = CliRunner()


@pytest.mark.slow
def test_pipeline_prints_each_stage_with_requires_and_assigns(
    nlp_rules, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    asked: list[PipelineOptions] = []

    def load(options: PipelineOptions):  # type: ignore[no-untyped-def]
        asked.append(options)
        return nlp_rules

    monkeypatch.setattr("khabar.nlp.pipeline.load_pipeline", load)
    result = runner.invoke(app, ["pipeline", "--no-classify"])
    assert result.exit_code == 0, result.output
    assert asked == [PipelineOptions(classify=False)]
    out = result.output
    positions = [out.index(stage) for stage in KHABAR_STAGES]
    assert positions == sorted(positions)  # in pipeline order
    for name in ("khabar_ruler", "parser", "ner"):
        assert name in out
    meta = nlp_rules.get_pipe_meta("khabar_events_v4")
    for attr in (*meta.requires, *meta.assigns):
        assert attr in out
