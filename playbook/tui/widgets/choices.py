"""Provides ChoiceList: single choice, multiple answers, true/false and a 1-5 scale, by number
or click."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding

from playbook.content.questions import (
    SCALE_POINTS,
    ChoiceQuestion,
    Grade,
    MultipleChoice,
    Question,
    Scale,
    SingleChoice,
    TrueFalse,
)
from playbook.tui.widgets.answer import AnswerWidget, Row

NUMBER_KEYS = [Binding(str(n), f"pick({n})", show=False) for n in range(1, 10)]


class ChoiceList(AnswerWidget):
    """Number keys pick (or, for multiple answers, toggle) a choice; space works on the
    highlighted one; a click does the same. True/false also takes t and f."""

    BINDINGS = [
        *NUMBER_KEYS,
        Binding("space", "toggle", "Toggle"),
        Binding("space", "choose", "Choose"),
        Binding("t", "pick_value(True)", show=False),
        Binding("f", "pick_value(False)", show=False),
    ]

    def __init__(
        self, question: Question, order: tuple[str, ...] = (), *, id: str | None = None
    ) -> None:
        super().__init__(question, order, id=id)
        self.is_true_false = isinstance(question, TrueFalse)
        if isinstance(question, TrueFalse):
            shown = order if sorted(order) == ["false", "true"] else ("true", "false")
            self.values: list[object] = [value == "true" for value in shown]
            self.labels = ["True" if v else "False" for v in self.values]
            self.notes = [
                question.feedback_true if v else question.feedback_false for v in self.values
            ]
        elif isinstance(question, Scale):
            self.values = list(SCALE_POINTS)
            self.labels = [question.label(point) for point in SCALE_POINTS]
            self.notes = [""] * len(SCALE_POINTS)
        else:
            assert isinstance(question, ChoiceQuestion)
            ids = [c.id for c in question.choices]
            shown = order if sorted(order) == sorted(ids) else tuple(ids)
            choices = [question.choice(choice_id) for choice_id in shown]
            self.values = [c.id for c in choices if c]
            self.labels = [c.text for c in choices if c]
            self.notes = [c.feedback for c in choices if c]
        self.multiple = isinstance(question, MultipleChoice)
        self.chosen: set[int] = set()
        count = len(self.values)
        if self.multiple:
            self.hint = f"1-{count} or space toggle choices (several may be right) · enter submits"
        elif self.is_true_false:
            first, second = ("t", "f") if self.values[0] is True else ("f", "t")
            self.hint = (
                f"1 or {first}: {self.labels[0].lower()} · 2 or {second}: "
                f"{self.labels[1].lower()} · enter submits"
            )
        elif isinstance(question, Scale):
            self.hint = "1-5 pick a point on the scale · enter submits"
        else:
            self.hint = f"1-{count} pick a choice · enter submits"

    def compose(self) -> ComposeResult:
        for index, label in enumerate(self.labels):
            yield Row(index, label, self._marker(index))

    def _marker(self, index: int, mark: str = "") -> str:
        chosen = index in self.chosen
        box = ("[x]" if chosen else "[ ]") if self.multiple else ("(•)" if chosen else "( )")
        return f"{index + 1} {box} {mark}".rstrip()

    @property
    def response(self) -> object | None:
        if self.multiple:
            return [self.values[i] for i in sorted(self.chosen)] or None
        return self.values[next(iter(self.chosen))] if self.chosen else None

    def missing(self) -> str:
        if self.multiple:
            return "Tick at least one choice first (number keys or space)."
        return f"Pick a choice first (1-{len(self.values)})."

    def _choose(self, index: int) -> None:
        if self.locked or not 0 <= index < len(self.values):
            return
        if self.multiple:
            self.chosen ^= {index}
        else:
            self.chosen = {index}
        self.cursor = index
        for row in self.rows:
            row.set_marker(self._marker(row.index))
            row.set_state(chosen=row.index in self.chosen)
        self.changed()

    def restore(self, response: object) -> None:
        picked = response if isinstance(response, list) else [response]
        for value in picked:
            if value in self.values and self.values.index(value) not in self.chosen:
                self._choose(self.values.index(value))

    def action_pick(self, number: int) -> None:
        self._choose(number - 1)

    def action_pick_value(self, value: bool) -> None:
        if self.is_true_false:
            self._choose(self.values.index(value))

    def action_toggle(self) -> None:
        self._choose(self.cursor)

    def action_choose(self) -> None:
        self._choose(self.cursor)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "toggle":
            return self.multiple and not self.locked
        if action == "choose":
            return not self.multiple and not self.locked
        return True

    def on_row_clicked(self, event: Row.Clicked) -> None:
        event.stop()
        self.focus()
        self._choose(event.row.index)

    def reveal(self, grade: Grade) -> None:
        super().reveal(grade)
        q = self.question
        if isinstance(q, TrueFalse):
            right = {self.values.index(q.answer)}
        elif isinstance(q, MultipleChoice):
            right = {i for i, v in enumerate(self.values) if v in q.answer}
        elif isinstance(q, SingleChoice):
            right = {self.values.index(q.answer)} if q.answer in self.values else set()
        else:
            right = set()
        for row in self.rows:
            i = row.index
            mark = "✓" if i in right else ("✗" if i in self.chosen else "")
            row.set_marker(self._marker(i, mark))
            row.set_state(verdict=True if i in right else (False if i in self.chosen else None))
            # Feedback where it teaches: on what was chosen, and on a right one missed.
            if self.notes[i] and (i in self.chosen or (self.multiple and i in right)):
                row.set_note(self.notes[i])
