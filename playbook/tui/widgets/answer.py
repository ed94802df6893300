"""Provides AnswerWidget, the base of every quiz answer widget, and Row, a clickable line."""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Static

from playbook.content.questions import Grade, Question


class Row(Horizontal):
    """One line of an answer list: a marker column, the text, and a note shown after grading."""

    DEFAULT_CSS = """
    Row {
        height: auto;
        padding: 0 1 0 0;
        & > .row-marker { width: 9; padding-left: 1; }
        & > Vertical { height: auto; width: 1fr; }
        & .row-text { width: 1fr; }
        & .row-note { width: 1fr; color: $text-muted; display: none; }
        & .row-note.-shown { display: block; }
        &.-chosen > .row-marker { text-style: bold; color: $accent; }
        &.-right > .row-marker { color: $success; }
        &.-wrong > .row-marker { color: $error; }
    }
    """

    @dataclass
    class Clicked(Message):
        row: Row

    def __init__(
        self, index: int, text: str | Content, marker: str = "", marker_width: int = 9
    ) -> None:
        super().__init__()
        self.index = index
        self._text = text if isinstance(text, Content) else Content(text)
        self._marker = marker
        self._marker_width = marker_width

    def compose(self) -> ComposeResult:
        marker = Static(Content(self._marker), classes="row-marker")
        marker.styles.width = self._marker_width
        yield marker
        with Vertical():
            yield Static(self._text, classes="row-text")
            yield Static(classes="row-note")

    def set_marker(self, marker: str) -> None:
        self.query_one(".row-marker", Static).update(Content(marker))

    def set_text(self, text: str | Content) -> None:
        self.query_one(".row-text", Static).update(
            text if isinstance(text, Content) else Content(text)
        )

    def set_note(self, note: str | Content) -> None:
        widget = self.query_one(".row-note", Static)
        widget.update(note if isinstance(note, Content) else Content(note))
        widget.set_class(bool(note), "-shown")

    def on_click(self) -> None:
        self.post_message(self.Clicked(self))


class AnswerWidget(Vertical):
    """Shows one question's answer controls; the screen reads `response` and calls `reveal`.

    Subclasses set `hint` (the keys to use) and implement `response`, `missing` and `reveal`.
    They never submit: enter is the screen's, so every type submits the same way.
    """

    DEFAULT_CSS = """
    AnswerWidget {
        height: auto;
        & Row.-cursor { background: $block-cursor-blurred-background; }
        &:focus Row.-cursor {
            background: $block-cursor-background;
            color: $block-cursor-foreground;
        }
    }
    """
    BINDINGS = [
        Binding("up", "cursor_up", "Up", show=False),
        Binding("down", "cursor_down", "Down", show=False),
    ]
    can_focus = True
    hint = ""
    cursor: reactive[int] = reactive(0, init=False)

    @dataclass
    class Changed(Message):
        """The answer changed (the screen may clear a "pick something first" note)."""

        widget: AnswerWidget

    def __init__(
        self, question: Question, order: tuple[str, ...] = (), *, id: str | None = None
    ) -> None:
        super().__init__(id=id)
        self.question = question
        self.order = order  # the options as this attempt (or room) shows them
        self.locked = False

    @property
    def response(self) -> object | None:
        """The answer as the grader reads it, or None if nothing was given yet."""
        raise NotImplementedError

    def missing(self) -> str:
        """What to tell someone who submits before answering."""
        return "Answer the question first."

    def restore(self, response: object) -> None:
        """Show an answer given earlier (an exam's question, visited again)."""

    def reveal(self, grade: Grade) -> None:
        """Lock the answer and mark what was right and wrong.

        The cursor is taken off its row rather than hidden with a class on the whole widget:
        a class here would restyle every row, which made a submit take twice as long.
        """
        self.locked = True
        rows = self.rows
        if 0 <= self.cursor < len(rows):
            rows[self.cursor].remove_class("-cursor")
        self.refresh_bindings()

    def focus_answer(self) -> None:
        self.focus()

    # -- a cursor over rows, for the list-like answers ----------------------

    @property
    def rows(self) -> list[Row]:
        return list(self.query(Row))

    def watch_cursor(self, old: int, new: int) -> None:
        if self.locked:
            return
        rows = self.rows
        if 0 <= old < len(rows):
            rows[old].remove_class("-cursor")
        if 0 <= new < len(rows):
            rows[new].add_class("-cursor")
            rows[new].scroll_visible(animate=False)

    def on_mount(self) -> None:
        rows = self.rows
        if rows:
            rows[min(self.cursor, len(rows) - 1)].add_class("-cursor")

    def action_cursor_up(self) -> None:
        if self.locked:  # answered: the arrows scroll the feedback instead
            self._scroll(-1)
        else:
            self.cursor = max(0, self.cursor - 1)

    def action_cursor_down(self) -> None:
        if self.locked:
            self._scroll(1)
        else:
            self.cursor = min(len(self.rows) - 1, self.cursor + 1)

    def _scroll(self, direction: int) -> None:
        scroller = next((a for a in self.ancestors if a.is_scrollable), None)
        if scroller is not None:
            scroller.scroll_relative(y=direction * 3, animate=False)

    def changed(self) -> None:
        self.post_message(self.Changed(self))
