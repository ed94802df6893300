"""Provides results_text: the dashboard's end view (item analysis, standings, the series)."""

from __future__ import annotations

from textual.content import Content

from playbook.domain.workshop import anonymize, leaderboard
from playbook.services import Services
from playbook.services.workshop import Board
from playbook.services.workshop_results import analysis
from playbook.tui.widgets.workshop_view import standings


def _num(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"


def results_text(services: Services, board: Board) -> Content:
    """What the room learned: each question's facility and discrimination, and the boards."""
    workshop = board.workshop
    lines: list[Content] = [Content.styled("Item analysis", "bold underline")]
    stats = analysis(workshop, list(board.all_responses))
    asked = [s for s in stats if s.answered]
    for number, s in enumerate(asked, start=1):
        question = services.library.question(s.key)
        prompt = question.prompt if question else s.key
        if len(prompt) > 60:
            prompt = prompt[:59] + "…"
        lines.append(Content.assemble(f"{number}. ", Content(prompt)))
        lines.append(
            Content.styled(
                f"   facility {_num(s.facility)} · discrimination {_num(s.discrimination)}\n"
                f"   {s.answered} answered · {s.verdict}",
                "$text-muted",
            )
        )
    if len(asked) < len(stats):
        missing = len(stats) - len(asked)
        lines.append(
            Content.styled(
                f"{missing} question{'s' if missing != 1 else ''} on the agenda got no answers.",
                "$text-muted",
            )
        )
    series = services.workshop_results.series_board(workshop)
    if series:
        lines += [Content(""), Content.styled(f"Series: {workshop.series}", "bold underline")]
        ranked = leaderboard([(s.name, s.name, None, s.points) for s in series])
        if workshop.anonymous:
            ranked = anonymize(ranked)
        lines.append(standings(ranked, limit=10))
    lines += [
        Content(""),
        Content.styled(
            f"Exports: playbook workshop export {workshop.code} --csv answers.csv "
            "--markdown debrief.md",
            "$text-muted",
        ),
    ]
    return Content("\n").join(lines)
