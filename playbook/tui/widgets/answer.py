"""Provides AnswerWidget, the base of every quiz answer widget, and Row, a clickable line."""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from playbook.content.questions import Grade, Question


class Row(Widget):
    """One line of an answer list: a marker column, the text (wrapped under itself), and a
    note shown after grading.

    It is one widget that draws its own columns, not a marker, a text and a note widget in
    containers: a quiz redraws every row when it reveals, and five widgets a row made the
    layout after a submit most of its time.
    """

    DEFAULT_CSS = """
    Row {
        height: auto;
        padding: 0 1 0 0;
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
        self._text = _content(text)
        self._marker = marker
        self._marker_width = marker_width
        self._note = Content()
        self.chosen = False
        self.verdict: bool | None = None  # after grading: right, wrong, or not marked
        self._wrapped_at: tuple[int, list[Content]] | None = None

    @property
    def text(self) -> Content:
        return self._text

    @property
    def marker(self) -> str:
        return self._marker

    @property
    def note(self) -> Content:
        return self._note

    def set_marker(self, marker: str) -> None:
        if marker != self._marker:
            self._marker = marker
            self.refresh()

    def set_text(self, text: str | Content) -> None:
        self._text = _content(text)
        self._wrapped_at = None
        self.refresh(layout=True)

    def set_note(self, note: str | Content) -> None:
        self._note = _content(note)
        self._wrapped_at = None
        self.refresh(layout=True)

    def set_state(self, *, chosen: bool | None = None, verdict: bool | None = None) -> None:
        """Chosen shows the marker bold; a verdict (after grading) colours it right or wrong."""
        if chosen is not None:
            self.chosen = chosen
        self.verdict = verdict
        self.refresh()

    def _lines(self, width: int) -> list[Content]:
        """The text, then the note, wrapped to the room beside the marker column."""
        if self._wrapped_at is not None and self._wrapped_at[0] == width:
            return self._wrapped_at[1]
        room = max(1, width - self._marker_width)
        lines = self._text.wrap(room) or [Content()]
        if self._note:
            lines += [line.stylize("$foreground-muted") for line in self._note.wrap(room)]
        self._wrapped_at = (width, lines)
        return lines

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self._lines(width))

    def render(self) -> Content:
        style = "bold $accent" if self.chosen else ""
        if self.verdict is not None:
            style = f"{style} {'$success' if self.verdict else '$error'}".strip()
        marker = Content.styled(self._marker, style) if style else Content(self._marker)
        cell = (Content(" ") + marker).truncate(self._marker_width, pad=True)
        gap = Content(" " * self._marker_width)
        first, *rest = self._lines(self.size.width)
        return Content("\n").join([cell + first, *(gap + line for line in rest)])

    def on_click(self) -> None:
        self.post_message(self.Clicked(self))


def _content(text: str | Content) -> Content:
    return text if isinstance(text, Content) else Content(text)


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
        # Without scrolling: a list taller than the room below the prompt would otherwise
        # push the prompt out of view to show its last row. The cursor's row scrolls into
        # view when the cursor moves.
        self.focus(scroll_visible=False)

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
