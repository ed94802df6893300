"""Provides Worksheet: a stage's questions, one editor per field, with the scorecard on top."""

from __future__ import annotations

from collections.abc import Mapping

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.message import Message

from playbook.content.fields import ScoreField
from playbook.content.models import Stage
from playbook.tui.widgets.field_editors import editor_for
from playbook.tui.widgets.scorechart import ScoreChart


class Worksheet(VerticalScroll):
    """Every worksheet field of a stage, in order; each posts FieldEditor.Changed."""

    DEFAULT_CSS = """
    Worksheet {
        height: 1fr;
        padding: 1 1 0 1;
    }
    """

    class Mounted(Message):
        """The worksheet is in place (it may be built after the screen's first paint)."""

    def __init__(
        self, stage: Stage, answers: Mapping[str, str], messages: Mapping[str, list[str]]
    ) -> None:
        super().__init__(id="worksheet-pane")
        self.stage = stage
        self.answers = answers
        self.messages = messages

    def compose(self) -> ComposeResult:
        if any(isinstance(field, ScoreField) for field in self.stage.fields):
            yield ScoreChart(id="scorechart")
        for field in self.stage.fields:
            yield editor_for(field, self.answers.get(field.id, ""), self.messages[field.id])

    def on_mount(self) -> None:
        self.post_message(self.Mounted())
