"""Provides ScoreChart: the Vibe-check scorecard as bars, flags and a culture comparison."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from playbook.domain.flags import CULTURE_GAP
from playbook.domain.vibe import Scorecard

BAR = 20  # cells for a score of 5


def chart(card: Scorecard, title: str = "", compact: bool = False) -> Content:
    """Bars for the four factors, flags in words (not colour alone), then the culture gaps.

    `compact` fits half a screen: shorter bars, flags and scales on lines of their own.
    """
    bar_cells = BAR // 2 if compact else BAR
    lines: list[Content] = []
    if title:
        lines.append(Content.styled(title, "bold"))
    width = max((len(f.label) for f in card.factors), default=10)
    for factor in card.factors:
        score = factor.score or 0
        filled = score * bar_cells // 5
        style = "$text-warning" if factor.flags else "$text-success"
        flags = f"⚑ {'; '.join(factor.flags)}" if factor.flags else ""
        lines.append(
            Content.assemble(
                f"{factor.label:<{width}} ",
                ("█" * filled, style),
                ("░" * (bar_cells - filled), "dim"),
                f" {score if factor.score else '–'}/5",
                ("" if compact or not flags else f"  {flags}", "$text-warning"),
            )
        )
        if compact and flags:
            lines.append(Content.styled(f"  {flags}", "$text-warning"))
    if card.dimensions:
        lines.append(Content(""))
        lines.append(Content.styled("Culture, side by side   ● us  ◆ them", "bold"))
        dim_width = max(len(d.label) for d in card.dimensions)
        for dim in card.dimensions:
            cells = []
            for n in range(1, 6):
                mark = "●" if dim.us == n else "·"
                if dim.them == n:
                    mark = "◆" if dim.us != n else "◈"
                cells.append(mark)
            gap = f"  ⚑ {dim.gap} apart" if dim.gap is not None and dim.gap >= CULTURE_GAP else ""
            scale = Content.assemble(
                (f"{dim.low_pole[:14]:>14} ", "dim"),
                " ─ ".join(cells),
                (f" {dim.high_pole[:14]}", "dim"),
                (gap, "$text-warning"),
            )
            if compact:
                lines.append(Content(dim.label))
                lines.append(scale)
            else:
                lines.append(Content.assemble(f"{dim.label:<{dim_width}} ", scale))
    return Content("\n").join(lines)


class ScoreChart(Static):
    """A live chart of one scorecard; call show() with a new card to redraw."""

    DEFAULT_CSS = """
    ScoreChart {
        height: auto;
        padding: 1;
        border: round $primary 40%;
        margin-bottom: 1;
    }
    """

    def show(self, card: Scorecard, title: str = "", compact: bool = False) -> None:
        self.update(chart(card, title, compact))
