"""Provides HealthChecks: surveys of people on both sides of a live alliance, answered
anonymously from phones through the workshop server, and what the founder does with them
(the results, the trend, the action plan, when the next check and review are due).

The survey page knows a check by its code; an answer is kept under a hash of the key its
device made, so one device answers once (and may correct itself). No name is asked for,
kept or shown.
"""

from __future__ import annotations

import hashlib
import sqlite3
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from playbook.content.library import Library
from playbook.content.models import HealthArea
from playbook.domain.health import (
    MIN_SHOWN,
    Action,
    HealthAnswer,
    HealthError,
    HealthResults,
    Schedule,
    Side,
    TrendLine,
    checked_actions,
    checked_answer,
    checked_interval,
    results,
    schedule,
    trend,
)
from playbook.domain.workshop import new_join_code, normalize_code
from playbook.services.clock import Clock
from playbook.store.health import CheckRow
from playbook.store.records import Alliance
from playbook.store.store import Store

if TYPE_CHECKING:
    from playbook.domain.document import Document

MIN_KEY = 16  # characters in a device's key


@dataclass(frozen=True)
class Survey:
    """What anyone with the code may see: the questions, never the answers."""

    code: str
    alliance: str
    organisations: tuple[str, str]  # ours, the partner's
    areas: tuple[HealthArea, ...]
    open: bool


@dataclass(frozen=True)
class CheckSummary:
    check: CheckRow
    number: int  # 1 for the alliance's first check
    results: HealthResults
    actions: tuple[Action, ...]


class HealthChecks:
    def __init__(self, store: Store, library: Library, clock: Clock) -> None:
        self.rows = store.health
        self.alliances = store.alliances
        self.library = library
        self.clock = clock

    @property
    def areas(self) -> tuple[HealthArea, ...]:
        """The statements as the content gives them now (the Alliance manager stage's)."""
        for stage in self.library.ordered_stages:
            if stage.health_check:
                return stage.health_check
        return ()

    # -- the founder's side -------------------------------------------------------------

    def checks(self, alliance: Alliance) -> list[CheckRow]:
        return self.rows.of_alliance(alliance.id)

    def current(self, alliance: Alliance) -> CheckRow | None:
        """The check still open, if one is."""
        return next((c for c in self.checks(alliance) if c.closed_at is None), None)

    def open(self, alliance: Alliance, rng=None) -> CheckRow:
        """A new check with its own code (or the one still open): HealthError when the
        content gives no statements."""
        found = self.current(alliance)
        if found is not None:
            return found
        if not self.areas:
            raise HealthError(
                "There are no health-check statements: add 'health_check' to the Alliance "
                "manager stage's file (see the bundled one)."
            )
        stored = [
            {"id": a.id, "title": a.title, "statements": [list(s) for s in a.statements]}
            for a in self.areas
        ]
        for _attempt in range(20):
            code = new_join_code(rng) if rng else new_join_code()
            if self.rows.code_taken(code):
                continue
            try:
                return self.rows.open_check(alliance.id, code, stored, self.clock())
            except sqlite3.IntegrityError:
                continue
        raise HealthError("Could not find a free code: try again.")

    def close(self, check: CheckRow) -> None:
        self.rows.close_check(check.id, self.clock())

    def get(self, check_id: int) -> CheckRow | None:
        return self.rows.get(check_id)

    def results(self, check: CheckRow) -> HealthResults:
        return results(_areas(check.areas), [_answer(a) for a in self.rows.answers(check.id)])

    def summaries(self, alliance: Alliance) -> list[CheckSummary]:
        """Every check of the alliance, oldest first, with its results and plan."""
        return [
            CheckSummary(check, number, self.results(check), self.actions(check))
            for number, check in enumerate(self.checks(alliance), start=1)
        ]

    def trend(self, alliance: Alliance) -> tuple[TrendLine, ...]:
        """One line per area across the checks that got answers."""
        answered = [s.results for s in self.summaries(alliance) if s.results.respondents]
        return trend(answered)

    def actions(self, check: CheckRow) -> tuple[Action, ...]:
        return tuple(
            Action(what, owner, date.fromisoformat(due))
            for what, owner, due in self.rows.actions(check.id)
        )

    def save_actions(self, check: CheckRow, rows: list[tuple[str, str, str]]) -> tuple[Action, ...]:
        """The action plan of a check (what, owner, due), replacing the one before;
        HealthError naming the row when one cannot be saved (then nothing is)."""
        actions = checked_actions(rows, self._today())
        self.rows.save_actions(check.id, [(a.what, a.owner, a.due.isoformat()) for a in actions])
        return actions

    def schedule(self, alliance: Alliance) -> Schedule:
        check_days, review_days, created = self.rows.intervals(alliance.id)
        checks = self.checks(alliance)
        last_review = self.rows.last_review(alliance.id)
        return schedule(
            created.astimezone().date(),
            checks[-1].opened_at.astimezone().date() if checks else None,
            last_review.astimezone().date() if last_review else None,
            check_days,
            review_days,
            self._today(),
            len(checks),
            any(c.closed_at is None for c in checks),
        )

    def set_intervals(self, alliance: Alliance, check_days: object, review_days: object) -> None:
        """How often to check the alliance's health and review its North Star, in days."""
        self.rows.set_intervals(
            alliance.id,
            checked_interval(check_days, "health-check"),
            checked_interval(review_days, "North Star review"),
        )

    def record_review(self, alliance: Alliance) -> None:
        """The North Star was reviewed today: the next review counts from now."""
        self.rows.record_review(alliance.id, self.clock())

    # -- the respondent's side (through the server) ---------------------------------------

    def survey(self, code: str) -> Survey:
        check = self._by_code(code)
        alliance = self.alliances.get(check.alliance_id)
        assert alliance is not None
        return Survey(
            check.code,
            alliance.name,
            (alliance.our_side or "Our organisation", alliance.partner or "The partner"),
            _areas(check.areas),
            check.closed_at is None,
        )

    def respond(self, code: str, key: str, side: str, scores: dict, comments: dict) -> HealthAnswer:
        """Save one device's answers (again, to correct them); HealthError saying what to
        change, or that the check is closed."""
        check = self._by_code(code)
        if check.closed_at is not None:
            raise HealthError("This health check has closed: thank you all the same.")
        answer = checked_answer(_areas(check.areas), side, scores, comments)
        saved = self.rows.answer(
            check.id,
            _respondent(key),
            answer.side.value,
            dict(answer.scores),
            dict(answer.comments),
        )
        if not saved:
            raise HealthError("This health check has closed: thank you all the same.")
        return answer

    def mine(self, code: str, key: str) -> HealthAnswer | None:
        """What this device answered before, to show it again."""
        check = self._by_code(code)
        found = self.rows.answered(check.id, _respondent(key))
        return _answer(found) if found else None

    # -- the results as a document ------------------------------------------------------

    def document(self, alliance: Alliance, check: CheckRow | None = None) -> Document:
        summaries = self.summaries(alliance)
        if check is not None:
            summaries = [s for s in summaries if s.check.opened_at <= check.opened_at]
        return health_document(
            alliance, summaries, trend([s.results for s in summaries if s.results.respondents])
        )

    # -- helpers -------------------------------------------------------------------------

    def _by_code(self, code: str) -> CheckRow:
        check = self.rows.by_code(normalize_code(code))
        if check is None:
            raise HealthError("There is no health check with that code: check the link.")
        return check

    def _today(self) -> date:
        return self.clock().astimezone().date()


def _respondent(key: str) -> str:
    key = str(key or "")
    if len(key) < MIN_KEY or len(key) > 200:
        raise HealthError("The page lost its key: reload it and answer again.")
    return hashlib.sha256(key.encode()).hexdigest()


def _areas(stored: list) -> tuple[HealthArea, ...]:
    return tuple(
        HealthArea(a["id"], a["title"], tuple((s[0], s[1]) for s in a["statements"]))
        for a in stored
    )


def _answer(row) -> HealthAnswer:
    return HealthAnswer(
        Side(row.side),
        {str(k): int(v) for k, v in row.scores.items()},
        {str(k): str(v) for k, v in row.comments.items()},
    )


def _figure(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f}"


def health_document(
    alliance: Alliance, summaries: list[CheckSummary], lines: tuple[TrendLine, ...]
) -> Document:
    """The latest check's results (each area per organisation and the gap, the comments by
    area), the trend across checks and the action plan, as a document."""
    from playbook.content.fields import Grid, Para
    from playbook.domain.document import Bars, Document, Heading, Note, Part

    us, them = alliance.our_side or "Us", alliance.partner or "The partner"
    parts: list[Part] = []
    if not summaries:
        parts.append(Note("No health check yet."))
        return Document(f"Health check: {alliance.name}", tuple(parts))
    last = summaries[-1]
    found = last.results
    opened = last.check.opened_at.astimezone()
    subtitle = (
        f"Check {last.number}, opened {opened:%-d %B %Y}",
        f"{found.counts[Side.OURS]} from {us}, {found.counts[Side.PARTNER]} from {them}",
    )
    sides = ((Side.OURS, us), (Side.PARTNER, them))
    hidden = [name for side, name in sides if not found.shown(side)]
    if hidden:
        parts.append(
            Note(
                f"Fewer than {MIN_SHOWN} answers from {' and '.join(hidden)}: their figures are "
                "shown only within everyone's, so no one's answer can be read off them."
            )
        )
    parts.append(Heading("Each area, as each organisation sees it"))
    parts.append(
        Bars(
            tuple((a.title, a.ours, a.partner) for a in found.areas),
            (us, them),
            5,
        )
    )
    rows = tuple(
        (a.title, _figure(a.ours), _figure(a.partner), _figure(a.gap), _figure(a.overall))
        for a in found.areas
    )
    parts.append(Grid(("Area", us, them, "Gap", "Everyone"), rows))
    talk = [a.title for a in found.areas if a.worth_talking]
    if talk:
        parts.append(Note("Talk about these first, the sides see them apart: " + ", ".join(talk)))
    parts.append(Heading("Comments, by area"))
    any_comment = False
    for area in found.areas:
        if not area.comments:
            continue
        any_comment = True
        parts.append(Heading(area.title, 3))
        for comment in area.comments:
            who = {Side.OURS: us, Side.PARTNER: them}.get(comment.side) if comment.side else None
            parts.append(Para(comment.text, lead=who or ""))
    if not any_comment:
        parts.append(Note("No comments."))
    if len([s for s in summaries if s.results.respondents]) >= 2:
        parts.append(Heading("The trend across checks"))
        numbers = [s.number for s in summaries if s.results.respondents]
        parts.append(
            Grid(
                ("Area", *(f"Check {n}" for n in numbers), "Change"),
                tuple(
                    (
                        line.title,
                        *(_figure(p) for p in line.points),
                        "–" if line.change is None else f"{line.change:+.1f}",
                    )
                    for line in lines
                ),
            )
        )
    parts.append(Heading("Action plan"))
    if last.actions:
        parts.append(
            Grid(
                ("What", "Owner", "Due"),
                tuple((a.what, a.owner, f"{a.due:%d %B %Y}") for a in last.actions),
            )
        )
    else:
        parts.append(Note("No actions agreed yet."))
    return Document(f"Health check: {alliance.name}", tuple(parts), subtitle)
