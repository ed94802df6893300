"""Provides a workshop's results as documents: the CSV of answers and the Markdown debrief.

Shared by `playbook workshop export` and the dashboard's end view.
"""

from __future__ import annotations

import contextlib
from datetime import datetime
from pathlib import Path

from playbook.content.models import Library
from playbook.domain.quiz import right_answer
from playbook.domain.workshop import (
    SeriesStanding,
    combined_leaderboard,
    leaderboard,
    team_board,
)
from playbook.domain.workshop_analysis import (
    AnswerRow,
    ItemStats,
    distribution,
    export_csv,
    export_markdown,
    item_analysis,
    md_text,
)
from playbook.store.workshop_records import Response, Workshop
from playbook.store.workshops import WorkshopStore


def answer_rows(
    library: Library, workshop: Workshop, people: list[dict], responses: list[Response]
) -> list[AnswerRow]:
    """One row per participant and question on the agenda, answered or not."""
    given = {(r.participant_id, r.item_index): r for r in responses}
    rows = []
    for person in people:
        for number, item in enumerate(workshop.agenda, start=1):
            question = library.question(item.ref) if item.is_question else None
            if question is None:
                continue
            r = given.get((person["id"], number - 1))
            if r is None:
                rows.append(AnswerRow(person["name"], person["team"], number, question))
            else:
                rows.append(
                    AnswerRow(
                        person["name"],
                        person["team"],
                        number,
                        question,
                        r.response,
                        r.score,
                        r.points,
                        r.seconds,
                        r.confidence,
                    )
                )
    return rows


def scores_by_person(responses: list[Response]) -> dict[object, dict[str, float]]:
    scores: dict[object, dict[str, float]] = {}
    for r in responses:
        scores.setdefault(r.participant_id, {})[r.question_key] = r.score
    return scores


def analysis(workshop: Workshop, responses: list[Response]) -> list[ItemStats]:
    """Facility and discrimination of each question on the agenda."""
    return item_analysis(scores_by_person(responses), list(dict.fromkeys(workshop.question_keys)))


def series_board(store: WorkshopStore, workshop: Workshop) -> list[SeriesStanding]:
    """The combined leaderboard of the workshop's series (empty without a series)."""
    if not workshop.series:
        return []
    return combined_leaderboard(rows for _, rows in store.series(workshop.series))


def csv_text(store: WorkshopStore, library: Library, code: str) -> str:
    workshop, people, responses = store.results(code)
    return export_csv(answer_rows(library, workshop, people, responses))


def markdown_text(store: WorkshopStore, library: Library, code: str) -> str:
    """The debrief: each item's distribution or prompts, item analysis, the standings."""
    workshop, _people, responses = store.results(code)
    distributions: dict[str, list[tuple[str, int]]] = {}
    answers: dict[str, str] = {}
    prompts: dict[str, tuple] = {}
    for index, item in enumerate(workshop.agenda):
        if item.is_question:
            question = library.question(item.ref)
            if question is not None:
                given = [r.response for r in responses if r.item_index == index]
                distributions[item.ref] = distribution(question, given)
                answers[item.ref] = right_answer(question)
        else:
            stage = library.stages.get(item.ref)
            prompts[item.ref] = stage.discussion if stage else ()
    rows = store.totals(workshop.id)
    when = workshop.created_at
    with contextlib.suppress(ValueError):
        when = datetime.fromisoformat(workshop.created_at).strftime("%Y-%m-%d")
    text = export_markdown(
        workshop.title,
        workshop.code,
        when,
        workshop.agenda,
        distributions,
        analysis(workshop, responses),
        prompts,
        leaderboard(rows) if workshop.leaderboard else [],
        teams=team_board(rows) if workshop.team_mode else (),
        right_answers=answers,
    )
    series = series_board(store, workshop)
    if series:
        text += "\n" + series_markdown(workshop.series or "", series)
    return text


def series_markdown(name: str, standings: list[SeriesStanding]) -> str:
    lines = [
        f"## Series: {md_text(name)}",
        "",
        "| Rank | Name | Points | Workshops |",
        "|---|---|---|---|",
    ]
    lines += [f"| {s.rank} | {md_text(s.name)} | {s.points} | {s.workshops} |" for s in standings]
    return "\n".join(lines) + "\n"


def write_csv(path: Path, text: str) -> Path:
    """Write CSV text as is (its own "\\r\\n" line ends), atomically."""
    path = path.expanduser()
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.partial")
    with open(partial, "w", encoding="utf-8", newline="") as out:
        out.write(text)
    partial.replace(path)
    return path
