"""Provides WorkshopResults: a workshop's answers as CSV, its debrief, item analysis, series.

Shared by `playbook workshop export` and the dashboard's end view. Built from the answers
as they were graded when given: nothing is graded again.
"""

from __future__ import annotations

from playbook.content.models import Library
from playbook.domain.workshop import (
    SeriesStanding,
    WorkshopNotFound,
    combined_leaderboard,
    leaderboard,
    normalize_code,
    team_board,
)
from playbook.domain.workshop_analysis import (
    AnswerRow,
    ItemStats,
    export_csv,
    export_markdown,
    item_analysis,
    md_text,
)
from playbook.store.store import Store
from playbook.store.workshops import Participant, Response, Workshop


def answer_rows(
    library: Library, workshop: Workshop, people: list[Participant], responses: list[Response]
) -> list[AnswerRow]:
    """One row per participant and question on the agenda, answered or not."""
    given = {(r.participant_id, r.item_index): r for r in responses}
    rows = []
    for person in people:
        for number, item in enumerate(workshop.agenda, start=1):
            question = library.question(item.ref) if item.is_question else None
            if question is None:
                continue
            r = given.get((person.id, number - 1))
            if r is None:
                rows.append(AnswerRow(person.name, person.team, number, question))
            else:
                rows.append(
                    AnswerRow(
                        person.name,
                        person.team,
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


class WorkshopResults:
    """A workshop's results for the facilitator: exports, item analysis, the series board."""

    def __init__(self, store: Store, library: Library) -> None:
        self.rows = store.workshops
        self.library = library

    def workshop(self, code: str) -> Workshop:
        found = self.rows.get(normalize_code(code))
        if found is None:
            raise WorkshopNotFound(f"There is no workshop with the code {code!r}.")
        return found

    def analysis(self, workshop: Workshop) -> list[ItemStats]:
        return analysis(workshop, self.rows.responses(workshop.id))

    def series_board(self, workshop: Workshop) -> list[SeriesStanding]:
        """The combined leaderboard of the workshop's series (empty without a series)."""
        if not workshop.series:
            return []
        return combined_leaderboard(
            self.rows.totals(w.id) for w in self.rows.in_series(workshop.series)
        )

    def csv_text(self, code: str) -> str:
        workshop = self.workshop(code)
        people = self.rows.participants(workshop.id)
        responses = self.rows.responses(workshop.id)
        return export_csv(answer_rows(self.library, workshop, people, responses))

    def markdown_text(self, code: str) -> str:
        """The debrief: each item's distribution or prompts, item analysis, the standings."""
        workshop = self.workshop(code)
        responses = self.rows.responses(workshop.id)
        distributions: dict[str, list[tuple[str, int]]] = {}
        answers: dict[str, str] = {}
        prompts: dict[str, tuple] = {}
        for index, item in enumerate(workshop.agenda):
            if item.is_question:
                question = self.library.question(item.ref)
                if question is not None:
                    given = [(r.response, r.score) for r in responses if r.item_index == index]
                    distributions[item.ref] = question.distribution(given)
                    answers[item.ref] = question.right_answer()
            else:
                stage = self.library.stages.get(item.ref)
                prompts[item.ref] = stage.discussion if stage else ()
        rows = self.rows.totals(workshop.id)
        when = workshop.created_at.strftime("%Y-%m-%d") if workshop.created_at else ""
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
        series = self.series_board(workshop)
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
