"""Provides results_text: the dashboard's end view (item analysis, standings, the series)."""

from __future__ import annotations

from textual.content import Content

from playbook.domain.workshop import plural
from playbook.services.workshop_views import BoardView
from playbook.tui.widgets.workshop_view import standings


def _num(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"


def results_text(board: BoardView) -> Content:
    """What the room learned: each question's facility and discrimination, and the boards."""
    results = board.results
    lines: list[Content] = [Content.styled("Item analysis", "bold underline")]
    if results is None:
        return Content("")
    for s in results.items:
        prompt = s.title if len(s.title) <= 60 else s.title[:59] + "…"
        lines.append(Content.assemble(f"{s.number}. ", Content(prompt)))
        lines.append(
            Content.styled(
                f"   facility {_num(s.facility)} · discrimination {_num(s.discrimination)}\n"
                f"   {s.answered} answered · {s.verdict}",
                "$foreground-muted",
            )
        )
    if results.unanswered:
        lines.append(
            Content.styled(
                f"{plural(results.unanswered, 'question')} on the agenda got no answers.",
                "$foreground-muted",
            )
        )
    if results.series:
        lines += [
            Content(""),
            Content.styled(f"Series: {board.room.series}", "bold underline"),
            standings(results.series, limit=10),
        ]
    lines += [
        Content(""),
        Content.styled(
            f"Exports: playbook workshop export {board.room.code} --csv answers.csv "
            "--markdown debrief.md",
            "$foreground-muted",
        ),
    ]
    return Content("\n").join(lines)
