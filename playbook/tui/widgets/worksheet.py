"""Provides Worksheet: a stage's questions, one editor per field, with the scorecard on top."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll

from playbook.content.models import Stage
from playbook.tui.widgets.fields import editor_for
from playbook.tui.widgets.scorechart import ScoreChart


class Worksheet(VerticalScroll):
    """Every worksheet field of a stage, in order; each posts FieldEditor.Changed."""

    DEFAULT_CSS = """
    Worksheet {
        height: 1fr;
        padding: 1 1 0 1;
    }
    """

    def __init__(self, stage: Stage, answers: dict[str, str]) -> None:
        super().__init__(id="worksheet-pane")
        self.stage = stage
        self.answers = answers

    def compose(self) -> ComposeResult:
        if any(field.kind == "score" for field in self.stage.fields):
            yield ScoreChart(id="scorechart")
        for field in self.stage.fields:
            yield editor_for(field, self.answers.get(field.id, ""))

    def on_mount(self) -> None:
        self.screen.refresh_status()
