"""Provides TextAnswer: a typed answer (short text or a number) in an Input."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Input, Static

from playbook.content.models import Question
from playbook.domain.quiz import Grade, parse_number
from playbook.tui.widgets.answer import AnswerWidget


class TextAnswer(AnswerWidget):
    """Type the answer; enter submits (the Input posts Submitted, which the screen handles)."""

    DEFAULT_CSS = """
    TextAnswer {
        & > Horizontal { height: auto; }
        & Input { width: 1fr; max-width: 60; }
        & .unit { width: auto; padding: 1 1 0 1; }
        & .mark { width: auto; padding: 1 1 0 1; text-style: bold; }
        & .mark.-right { color: $success; }
        & .mark.-wrong { color: $error; }
    }
    """
    can_focus = False

    def __init__(self, question: Question, seed: str = "", *, id: str | None = None) -> None:
        super().__init__(question, seed, id=id)
        self.numeric = question.type == "numeric"
        self.hint = (
            "type a number (7.4, 7,4 and $7.4bn all work) · enter submits"
            if self.numeric
            else "type your answer (case does not matter) · enter submits"
        )

    def compose(self) -> ComposeResult:
        with Horizontal():
            yield Input(
                placeholder="a number" if self.numeric else "your answer",
                max_length=200,
                id="typed",
            )
            if self.numeric and self.question.unit:
                yield Static(Content(self.question.unit), classes="unit")
            yield Static(classes="mark")

    @property
    def value(self) -> str:
        return self.query_one(Input).value

    @property
    def response(self) -> object | None:
        value = self.value.strip()
        if not value:
            return None
        if self.numeric and parse_number(value) is None:
            return None
        return self.value

    def missing(self) -> str:
        if self.numeric and self.value.strip():
            return f"Cannot read a number in {self.value.strip()!r}: type digits, e.g. 7.4."
        return "Type an answer first."

    def focus_answer(self) -> None:
        self.query_one(Input).focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        self.changed()

    def reveal(self, grade: Grade) -> None:
        super().reveal(grade)
        self.query_one(Input).disabled = True
        mark = self.query_one(".mark", Static)
        mark.update("✓ right" if grade.correct else "✗ wrong")
        mark.set_class(grade.correct, "-right")
        mark.set_class(not grade.correct, "-wrong")
