"""Provides OrderList: put items in order with shift/ctrl+arrows, number keys or clicks."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content

from playbook.content.questions import Grade, Ordering, Question
from playbook.tui.widgets.answer import AnswerWidget, Row


class OrderList(AnswerWidget):
    """Up/down highlight an item; shift+up/down (or ctrl+up/down) move it; a number key moves
    it to that place. With the mouse: click an item to pick it up, then click where it goes."""

    BINDINGS = [
        Binding("shift+up,ctrl+up", "move(-1)", "Move up"),
        Binding("shift+down,ctrl+down", "move(1)", "Move down"),
        *(Binding(str(n), f"move_to({n})", show=False) for n in range(1, 10)),
    ]

    def __init__(
        self, question: Question, order: tuple[str, ...] = (), *, id: str | None = None
    ) -> None:
        super().__init__(question, order, id=id)
        assert isinstance(question, Ordering)
        items = list(question.items)
        self.order: list[str] = list(order) if sorted(order) == sorted(items) else items
        self.grabbed: int | None = None  # a row picked up with the mouse
        self.touched = False
        self.hint = (
            f"↑↓ highlight · shift+↑↓ move it · 1-{len(self.order)} put it at that place · "
            "enter submits"
        )

    def compose(self) -> ComposeResult:
        for index, item in enumerate(self.order):
            yield Row(index, item, self._marker(index), marker_width=6)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("move", "move_to"):
            return not self.locked  # answered: the footer stops offering moves
        return True

    def _marker(self, index: int, mark: str = "") -> str:
        grabbed = "⇅" if index == self.grabbed else ""
        return f"{index + 1}. {grabbed or mark}".rstrip()

    @property
    def response(self) -> object | None:
        # The shown order is never the right one, so submitting it untouched is always a
        # slip of the enter key (two presses in exam mode), not an answer.
        return list(self.order) if self.touched else None

    def missing(self) -> str:
        return "Put the items in order first: shift+↑↓ or a number key moves the highlighted one."

    def restore(self, response: object) -> None:
        if isinstance(response, list) and sorted(response) == sorted(self.order):
            self.order = list(response)
            self.touched = True
            if self.is_mounted:
                self._redraw()

    def _redraw(self) -> None:
        for row in self.rows:
            row.set_text(self.order[row.index])
            row.set_marker(self._marker(row.index))
            row.set_state(chosen=row.index == self.grabbed)

    def _move(self, source: int, target: int) -> None:
        if self.locked:
            return
        target = max(0, min(len(self.order) - 1, target))
        if source == target:
            return
        item = self.order.pop(source)
        self.order.insert(target, item)
        self.cursor = target
        self.touched = True
        self._redraw()
        self.changed()

    def action_move(self, step: int) -> None:
        self._move(self.cursor, self.cursor + step)

    def action_move_to(self, place: int) -> None:
        if place <= len(self.order):
            self._move(self.cursor, place - 1)

    def on_row_clicked(self, event: Row.Clicked) -> None:
        event.stop()
        self.focus()
        if self.locked:
            return
        index = event.row.index
        if self.grabbed is None:
            self.grabbed = index
            self.cursor = index
            self._redraw()
        else:
            source, self.grabbed = self.grabbed, None
            self._redraw()
            self._move(source, index)

    def reveal(self, grade: Grade) -> None:
        super().reveal(grade)
        self.grabbed = None
        right = {item: i for i, item in enumerate(self.question.items)}
        for row in self.rows:
            item = self.order[row.index]
            ok = right[item] == row.index
            row.set_marker(self._marker(row.index, "✓" if ok else "✗"))
            row.set_state(chosen=False, verdict=ok)
            if not ok:
                row.set_text(Content.assemble(item, (f"  → place {right[item] + 1}", "dim")))
