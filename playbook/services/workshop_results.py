"""Provides WorkshopResults: a workshop's answers as CSV, its debrief, item analysis, series.

Shared by `playbook workshop export`, the workshop server's downloads and the dashboard's
end view. Built from the answers as they were graded when given: nothing is graded again.
In an anonymous workshop every export names people as the room saw them ("Participant 3"),
never by their real names.
"""

from __future__ import annotations

from playbook.content.library import Library
from playbook.content.questions import OpenText, Scale
from playbook.domain.workshop import (
    SeriesStanding,
    alias,
    anonymize,
    combined_leaderboard,
    leaderboard,
    normalize_code,
    plural,
    team_board,
    top_words,
)
from playbook.domain.workshop_analysis import (
    AnswerRow,
    ItemStats,
    export_csv,
    export_markdown,
    md_text,
)
from playbook.domain.workshop_errors import WorkshopNotFound
from playbook.services.workshop_views import analysis, item_question, scores_by_person
from playbook.store.store import Store
from playbook.store.workshops import Participant, Response, Workshop

__all__ = ["ItemStats", "analysis", "answer_rows", "scores_by_person"]


def shown_names(workshop: Workshop, people: list[Participant]) -> dict[int, str]:
    """How exports name each participant: "Participant N" in an anonymous workshop."""
    if workshop.anonymous:
        return {p.id: alias(n) for n, p in enumerate(people, start=1)}
    return {p.id: p.name for p in people}


def answer_rows(
    library: Library, workshop: Workshop, people: list[Participant], responses: list[Response]
) -> list[AnswerRow]:
    """One row per participant and question or poll on the agenda, answered or not."""
    given = {(r.participant_id, r.item_index): r for r in responses}
    names = shown_names(workshop, people)
    rows = []
    for person in people:
        name = names[person.id]
        for number, item in enumerate(workshop.agenda, start=1):
            question = item_question(library, item)
            if question is None:
                continue
            r = given.get((person.id, number - 1))
            if r is None:
                rows.append(AnswerRow(name, person.team, number, question))
            else:
                rows.append(
                    AnswerRow(
                        name,
                        person.team,
                        number,
                        question,
                        r.response,
                        None if question.is_poll else r.score,
                        r.points,
                        r.seconds,
                        r.confidence,
                    )
                )
    return rows


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
        """The combined leaderboard of the workshop's series (empty without a series);
        "Participant N" by rank when the workshop is anonymous."""
        if not workshop.series:
            return []
        board = combined_leaderboard(
            self.rows.totals(w.id) for w in self.rows.in_series(workshop.series)
        )
        if not workshop.anonymous:
            return board
        ranked = anonymize(leaderboard([(s.name, s.name, None, s.points) for s in board]))
        by_rank = sorted(board, key=lambda s: (s.rank, s.name.casefold()))
        return [
            SeriesStanding(shown.rank, shown.name, shown.points, real.workshops)
            for shown, real in zip(ranked, by_rank, strict=True)
        ]

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
        walls: dict[str, list[str]] = {}
        notes: dict[str, str] = {}
        for index, item in enumerate(workshop.agenda):
            question = item_question(self.library, item)
            if question is None and item.answerable:
                continue
            if question is None:
                stage = self.library.stages.get(item.ref)
                prompts[item.ref] = stage.discussion if stage else ()
                continue
            here = [r for r in responses if r.item_index == index]
            distributions[item.ref] = question.distribution((r.response, r.score) for r in here)
            if isinstance(question, Scale):
                mean = question.mean(r.response for r in here)
                if mean is not None:
                    notes[item.ref] = f"Mean {mean:.1f} of 5, from {plural(len(here), 'answer')}."
            elif isinstance(question, OpenText):
                wall = [question.describe(r.response) for r in here if not r.hidden]
                walls[item.ref] = wall
                words = ", ".join(f"{w} ({n})" for w, n in top_words(wall))
                if words:
                    notes[item.ref] = f"Most used words: {words}."
            else:
                answers[item.ref] = question.right_answer()
        people = self.rows.participants(workshop.id)
        names = shown_names(workshop, people)
        rows = [
            (pid, names[pid], team, points)
            for pid, _, team, points in self.rows.totals(workshop.id)
        ]
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
            walls=walls,
            notes=notes,
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
