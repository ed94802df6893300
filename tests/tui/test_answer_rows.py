"""The rows of an answer list draw their own columns: the text wraps under itself, not
under the marker; a note shows muted; the marker takes the colour of the verdict."""

from __future__ import annotations

import re
from pathlib import Path

from textual.app import App, ComposeResult
from textual.content import Content

from playbook.tui.widgets.answer import Row

LONG = "Delta licensed the brand for a yearly fee, so the exit was simply the end of it"


class Rows(App):
    def compose(self) -> ComposeResult:
        yield Row(0, LONG, "1 ( )")
        yield Row(1, "A merger", "2 ( )")


def line(row: Row, y: int) -> str:
    return "".join(segment.text for segment in row.render_line(y))


def colour(row: Row, y: int, text: str):
    return next(s.style.color for s in row.render_line(y) if text in s.text)


async def test_text_wraps_under_itself_and_a_note_follows_muted():
    app = Rows()
    async with app.run_test(size=(40, 12)) as pilot:
        first, second = app.query(Row)
        assert first.size.height == 3  # the text needs three lines beside a 9-cell marker
        assert line(first, 0).startswith(" 1 ( )   Delta")
        for y in (1, 2):
            assert line(first, y).startswith(" " * 9) and line(first, y).strip()
        words = " ".join(line(first, y)[9:].strip() for y in range(3))
        assert words == LONG  # nothing lost to the wrap
        assert second.region.y == first.region.y + 3  # the row below moved down to make room

        first.set_note("No third company formed.")
        await pilot.pause()
        assert first.size.height == 4
        assert line(first, 3).strip() == "No third company formed."
        foreground = colour(first, 0, "Delta")
        note = colour(first, 3, "No third")
        assert note != foreground and sum(note.triplet) < sum(foreground.triplet)


async def test_the_marker_shows_chosen_then_the_verdict():
    app = Rows()
    async with app.run_test(size=(60, 8)) as pilot:
        first, second = app.query(Row)
        plain = colour(second, 0, "2 ( )")
        first.set_state(chosen=True)
        await pilot.pause()
        chosen = next(s.style for s in first.render_line(0) if "1 ( )" in s.text)
        assert chosen.bold and chosen.color != plain
        first.set_marker("1 (•) ✗")
        first.set_state(chosen=True, verdict=False)
        second.set_marker("2 ( ) ✓")
        second.set_state(verdict=True)
        await pilot.pause()
        wrong, right = colour(first, 0, "✗"), colour(second, 0, "✓")
        assert len({wrong, right, plain}) == 3
        assert line(first, 0).startswith(" 1 (•) ✗ Delta")


async def test_user_text_in_a_row_is_literal():
    app = Rows()
    async with app.run_test(size=(60, 8)) as pilot:
        row = app.query(Row).first()
        row.set_text("[b]bold?[/b] $name")
        row.set_note(Content("[red]note[/]"))
        await pilot.pause()
        assert "[b]bold?[/b] $name" in line(row, 0)
        assert "[red]note[/]" in line(row, 1)


def test_content_styles_never_use_the_css_only_muted_colour():
    """`$text-muted` is "auto 60%": right in CSS, but in a Content style it comes out white,
    the opposite of muted. Content styles use `$foreground-muted`."""
    root = Path(__file__).parents[2] / "playbook"
    quoted = re.compile(r"""["'][^"'\n]*\$text-muted[^"'\n]*["']""")
    found = [
        f"{path.relative_to(root.parent)}:{number}"
        for path in sorted(root.rglob("*.py"))
        for number, text in enumerate(path.read_text().splitlines(), start=1)
        if quoted.search(text) and "color: $text-muted" not in text
    ]
    assert found == []
