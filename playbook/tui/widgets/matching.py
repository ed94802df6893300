"""Provides MatchList: pair each left-hand item with a right-hand option by number or click."""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.widgets import Static

from playbook.content.questions import Grade, Matching, Question
from playbook.tui.widgets.answer import AnswerWidget, Row


class OptionsLine(Static):
    """The numbered right-hand options on one wrapping line; a click picks one."""

    DEFAULT_CSS = """
    OptionsLine { margin: 1 0 0 1; width: 1fr; }
    """

    @dataclass
    class Picked(Message):
        number: int

    def show(self, options: list[str]) -> None:
        """Short options share a line; long ones get a line each, so each reads whole."""
        listed = sum(len(option) + 6 for option in options) > 64
        parts = [Content.from_markup("[b]Options:[/b]" + ("\n" if listed else " "))]
        for number, option in enumerate(options, start=1):
            if number > 1:
                parts.append(Content("\n" if listed else "  ·  "))
            link = Content.from_markup(
                f"[@click=pick({number})][b]{number}[/b] $text[/]", text=option
            )
            parts.append(Content("  ") + link if listed else link)
        self.update(Content("").join(parts))

    def action_pick(self, number: int) -> None:
        self.post_message(self.Picked(number))


class MatchList(AnswerWidget):
    """Up/down choose a left-hand item; a number key gives it that option and moves on;
    backspace clears it. With the mouse: click an item, then click an option."""

    BINDINGS = [
        *(Binding(str(n), f"pick({n})", show=False) for n in range(1, 10)),
        Binding("backspace,delete", "clear", "Clear", show=False),
    ]

    def __init__(
        self, question: Question, order: tuple[str, ...] = (), *, id: str | None = None
    ) -> None:
        super().__init__(question, order, id=id)
        assert isinstance(question, Matching)
        self.lefts = [p.left for p in question.pairs]
        options = [o for o in question.options if o]  # a card's pairs carry no right side
        self.options = list(order) if sorted(order) == sorted(options) else options
        self.matched: dict[str, str] = {}
        self.hint = (
            f"↑↓ item · 1-{len(self.options)} give it that option and jump to the next "
            "unmatched item · backspace clears · enter submits"
        )

    def compose(self) -> ComposeResult:
        for index, left in enumerate(self.lefts):
            yield Row(index, self._text(left), self._marker(index), marker_width=5)
        yield OptionsLine()

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one(OptionsLine).show(self.options)

    def _marker(self, index: int, mark: str = "") -> str:
        return f"{chr(ord('a') + index)} {mark}".rstrip()

    def _text(self, left: str, note: str = "") -> Content:
        right = self.matched.get(left)
        if right is None:
            answer = Content.styled("?", "dim")
        else:
            number = self.options.index(right) + 1
            answer = Content.assemble((f"{number} ", "bold"), right)
        return Content.assemble(left, "\n", ("→ ", "bold"), answer, (note, "dim"))

    @property
    def response(self) -> object | None:
        return dict(self.matched) if len(self.matched) == len(self.lefts) else None

    def restore(self, response: object) -> None:
        if isinstance(response, dict):
            self.matched = {k: v for k, v in response.items() if k in self.lefts}
            for row in self.rows:
                row.set_text(self._text(self.lefts[row.index]))
                row.set_state(chosen=self.lefts[row.index] in self.matched)

    def missing(self) -> str:
        left = len(self.lefts) - len(self.matched)
        return f"Match every item first ({left} still without an option)."

    def action_pick(self, number: int) -> None:
        if self.locked or not 1 <= number <= len(self.options):
            return
        index = self.cursor
        self.matched[self.lefts[index]] = self.options[number - 1]
        self.rows[index].set_text(self._text(self.lefts[index]))
        self.rows[index].set_state(chosen=True)
        unmatched = [i for i, left in enumerate(self.lefts) if left not in self.matched]
        later = [i for i in unmatched if i > index] or unmatched
        if later:
            self.cursor = later[0]
        self.changed()

    def action_clear(self) -> None:
        if self.locked:
            return
        left = self.lefts[self.cursor]
        self.matched.pop(left, None)
        self.rows[self.cursor].set_text(self._text(left))
        self.rows[self.cursor].set_state(chosen=False)
        self.changed()

    def on_row_clicked(self, event: Row.Clicked) -> None:
        event.stop()
        self.focus()
        self.cursor = event.row.index

    def on_options_line_picked(self, event: OptionsLine.Picked) -> None:
        event.stop()
        self.focus()
        self.action_pick(event.number)

    def reveal(self, grade: Grade) -> None:
        super().reveal(grade)
        right = {p.left: p.right for p in self.question.pairs}
        for row in self.rows:
            left = self.lefts[row.index]
            ok = self.matched.get(left) == right[left]
            row.set_marker(self._marker(row.index, "✓" if ok else "✗"))
            row.set_state(chosen=False, verdict=ok)
            if not ok:
                row.set_text(self._text(left, f"   (right: {right[left]})"))
