"""Provides TextAnswer: a typed answer (short text, a number, a few words) in an Input."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Input, Static

from playbook.content.questions import Grade, Numeric, OpenText, Question
from playbook.tui.widgets.answer import AnswerWidget


class AnswerInput(Input):
    """The box a typed answer goes in, whose enter the footer shows as Submit: Input's own
    enter binding is hidden, and being the focused widget's, it hid the screen's Submit."""

    BINDINGS = [Binding("enter", "submit", "Submit")]


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

    def __init__(
        self, question: Question, order: tuple[str, ...] = (), *, id: str | None = None
    ) -> None:
        super().__init__(question, order, id=id)
        self.numeric = isinstance(question, Numeric)
        self.open = isinstance(question, OpenText)
        self.longest = question.longest if isinstance(question, OpenText) else 200
        if self.numeric:
            self.hint = "type a number (44,000, 7,4, 44k and $7.4bn all work) · enter submits"
        elif self.open:
            self.hint = (
                f"a few words (up to {self.longest} characters), shown on the wall without"
                " your name · enter submits"
            )
        else:
            self.hint = "type your answer (case and punctuation do not matter) · enter submits"

    def compose(self) -> ComposeResult:
        with Horizontal():
            yield AnswerInput(
                placeholder="a number" if self.numeric else "a few words" if self.open else
                "your answer",
                max_length=self.longest,
                id="typed",
            )  # fmt: skip
            unit = self.question.unit if isinstance(self.question, Numeric) else ""
            if unit:
                yield Static(Content(unit), classes="unit")
            yield Static(classes="mark")

    @property
    def value(self) -> str:
        return self.query_one(Input).value

    @property
    def response(self) -> object | None:
        value = self.value.strip()
        if not value or self.question.refusal(self.value):
            return None
        return self.value

    def missing(self) -> str:
        refusal = self.question.refusal(self.value) if self.value.strip() else ""
        return refusal or "Type an answer first."

    def restore(self, response: object) -> None:
        if isinstance(response, str | int | float) and not isinstance(response, bool):
            self.query_one(Input).value = str(response)

    def focus_answer(self) -> None:
        self.query_one(Input).focus(scroll_visible=False)  # the prompt stays in view

    def on_input_changed(self, event: Input.Changed) -> None:
        self.changed()

    def reveal(self, grade: Grade) -> None:
        super().reveal(grade)
        self.query_one(Input).disabled = True
        mark = self.query_one(".mark", Static)
        mark.update("✓ right" if grade.correct else "✗ wrong")
        mark.set_class(grade.correct, "-right")
        mark.set_class(not grade.correct, "-wrong")
