"""Provides ConfidenceBar: how sure the trainee is of an answer, for certainty-based marking."""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Static

from playbook.domain.quiz import CBM_MARKS, CONFIDENCE_LEVELS

KEYS = {"low": "l", "medium": "m", "high": "h"}


class ConfidenceBar(Static, can_focus=True):
    """l, m or h (or ←/→, or a click) say how sure; posts Chosen. Inside a text box, press
    enter or tab first to reach it: the letters belong to the typing there."""

    DEFAULT_CSS = """
    ConfidenceBar {
        height: auto;
        width: 1fr;
        margin-top: 1;
        padding: 0 1;
        border: round $foreground 30%;
        &:focus { border: round $accent; }
        &.-wanted { border: round $warning; }
    }
    """
    BINDINGS = [
        Binding("l", "choose('low')", "Low", show=False),
        Binding("m", "choose('medium')", "Medium", show=False),
        Binding("h", "choose('high')", "High", show=False),
        Binding("left", "step(-1)", show=False),
        Binding("right", "step(1)", show=False),
    ]

    level: reactive[str | None] = reactive(None)
    locked = False
    # What each level is worth when right and when wrong: certainty marks in a quiz, or
    # a workshop's points (set by the screen that shows the bar).
    marks: dict[str, tuple[float, float]] = CBM_MARKS

    @dataclass
    class Chosen(Message):
        level: str

    def render(self) -> Content:
        parts = [Content.from_markup("[b]How sure?[/b]  ")]
        for level in CONFIDENCE_LEVELS:
            right, wrong = self.marks[level]
            label = f"{level} ({KEYS[level]})"
            if level == self.level:
                chip = Content.from_markup(f"[reverse b] ● {label} [/]")
            else:
                chip = Content.assemble(
                    " ", Content.from_markup(f"[@click=choose('{level}')]○ {label}[/]"), " "
                )
            parts += [chip, Content.styled(f" {right:+,g}/{wrong:,g}  ", "dim")]
        return Content("").join(parts)

    def action_choose(self, level: str) -> None:
        if self.locked or level not in CONFIDENCE_LEVELS:
            return
        self.level = level
        self.remove_class("-wanted")
        self.post_message(self.Chosen(level))

    def action_step(self, step: int) -> None:
        index = CONFIDENCE_LEVELS.index(self.level) if self.level else (0 if step > 0 else 2)
        if self.level is not None:
            index = max(0, min(2, index + step))
        self.action_choose(CONFIDENCE_LEVELS[index])
