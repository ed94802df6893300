"""Provides the health check's rules: anonymous 1-5 answers from people on both sides of
an alliance, summed up per area and per organisation, the gap between the two, the
comments by area, the trend across checks, the action plan and when the next check and
the North Star review are due.

Nothing here knows a respondent: an answer carries its organisation, its scores and its
comments, never a name. An organisation's figures are shown apart only once at least
MIN_SHOWN of its people have answered, so nobody's answer can be read off a mean of one.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import Enum
from statistics import fmean

from playbook.content.models import HealthArea

MIN_SHOWN = 3  # answers from one organisation before its figures are shown apart
GAP_WORTH_TALKING = 1.0  # an area's gap (on the 1-5 scale) that goes on the agenda
MAX_COMMENT = 1000  # characters in one comment
MAX_ACTIONS = 20
DEFAULT_CHECK_DAYS = 90  # a health check each quarter, unless the alliance says otherwise
DEFAULT_REVIEW_DAYS = 91  # the quarterly North Star review
SCALE = (1, 5)


class Side(Enum):
    OURS = "ours"
    PARTNER = "partner"


class HealthError(ValueError):
    """An answer or an action plan that cannot be saved, with what to change."""


@dataclass(frozen=True)
class HealthAnswer:
    """One person's answers: their organisation, a score per statement, and comments."""

    side: Side
    scores: Mapping[str, int]  # statement id -> 1..5
    comments: Mapping[str, str] = field(default_factory=dict)  # area id -> text


def checked_answer(
    areas: Sequence[HealthArea],
    side: str,
    scores: Mapping[str, object],
    comments: Mapping[str, object],
) -> HealthAnswer:
    """The answer as it may be saved, or HealthError saying what is wrong: every statement
    scored 1-5 (and nothing else), comments only on the check's areas, in plain length."""
    try:
        chosen = Side(side)
    except ValueError:
        raise HealthError("Say which organisation you work for.") from None
    wanted = [sid for area in areas for sid, _text in area.statements]
    unknown = sorted(set(scores) - set(wanted))
    if unknown:
        raise HealthError(f"This check has no statement '{unknown[0]}'.")
    clean: dict[str, int] = {}
    missing = 0
    for sid in wanted:
        value = scores.get(sid)
        if value is None or value == "":
            missing += 1
            continue
        if isinstance(value, bool) or not isinstance(value, int | str):
            raise HealthError("Each score is a whole number from 1 to 5.")
        try:
            number = int(value)
        except ValueError:
            raise HealthError("Each score is a whole number from 1 to 5.") from None
        if not SCALE[0] <= number <= SCALE[1]:
            raise HealthError("Each score is a whole number from 1 to 5.")
        clean[sid] = number
    if missing:
        raise HealthError(
            f"{missing} statement{'s are' if missing > 1 else ' is'} not scored yet: "
            "give each a score from 1 (disagree) to 5 (agree)."
        )
    area_ids = {area.id for area in areas}
    notes: dict[str, str] = {}
    for area_id, text in comments.items():
        if area_id not in area_ids:
            raise HealthError(f"This check has no area '{area_id}'.")
        if not isinstance(text, str):
            raise HealthError("A comment is text.")
        text = " ".join(text.split())
        if len(text) > MAX_COMMENT:
            raise HealthError(f"A comment holds at most {MAX_COMMENT} characters.")
        if text:
            notes[area_id] = text
    return HealthAnswer(chosen, clean, notes)


# -- results -------------------------------------------------------------------------------


@dataclass(frozen=True)
class StatementResult:
    id: str
    text: str
    mean: float | None  # everyone's


@dataclass(frozen=True)
class Comment:
    text: str
    side: Side | None  # None where telling the side could tell the person


@dataclass(frozen=True)
class AreaResult:
    id: str
    title: str
    ours: float | None  # None: fewer than MIN_SHOWN of ours answered
    partner: float | None
    overall: float | None
    statements: tuple[StatementResult, ...]
    comments: tuple[Comment, ...]

    @property
    def gap(self) -> float | None:
        """How far apart the two organisations see this area (None if one is not shown)."""
        if self.ours is None or self.partner is None:
            return None
        return abs(self.ours - self.partner)

    @property
    def worth_talking(self) -> bool:
        return self.gap is not None and self.gap >= GAP_WORTH_TALKING - 1e-9


@dataclass(frozen=True)
class HealthResults:
    counts: Mapping[Side, int]
    areas: tuple[AreaResult, ...]

    @property
    def respondents(self) -> int:
        return sum(self.counts.values())

    def shown(self, side: Side) -> bool:
        return self.counts.get(side, 0) >= MIN_SHOWN


def _mean(values: Sequence[float]) -> float | None:
    return round(fmean(values), 2) if values else None


def results(areas: Sequence[HealthArea], answers: Sequence[HealthAnswer]) -> HealthResults:
    """Each area's mean per organisation (shown once MIN_SHOWN of its people answered),
    everyone's mean, each statement's mean, and the comments grouped by area (in an order
    that says nothing of who answered when)."""
    counts = {side: sum(1 for a in answers if a.side is side) for side in Side}
    shown = {side: counts[side] >= MIN_SHOWN for side in Side}
    found = []
    for area in areas:
        ids = [sid for sid, _ in area.statements]

        def scores(side: Side | None, ids=ids) -> list[int]:
            return [
                a.scores[sid]
                for a in answers
                if side is None or a.side is side
                for sid in ids
                if sid in a.scores
            ]

        statements = tuple(
            StatementResult(sid, text, _mean([a.scores[sid] for a in answers if sid in a.scores]))
            for sid, text in area.statements
        )
        comments = sorted(
            (
                Comment(a.comments[area.id], a.side if shown[a.side] else None)
                for a in answers
                if a.comments.get(area.id)
            ),
            key=lambda c: (c.text.casefold(), c.side.value if c.side else ""),
        )
        found.append(
            AreaResult(
                area.id,
                area.title,
                _mean(scores(Side.OURS)) if shown[Side.OURS] else None,
                _mean(scores(Side.PARTNER)) if shown[Side.PARTNER] else None,
                _mean(scores(None)),
                statements,
                tuple(comments),
            )
        )
    return HealthResults(counts, tuple(found))


@dataclass(frozen=True)
class TrendLine:
    """One area across checks, oldest first: everyone's mean at each (None: no answers)."""

    id: str
    title: str
    points: tuple[float | None, ...]

    @property
    def change(self) -> float | None:
        """From the first check with answers to the last."""
        known = [p for p in self.points if p is not None]
        return round(known[-1] - known[0], 2) if len(known) >= 2 else None


def trend(checks: Sequence[HealthResults]) -> tuple[TrendLine, ...]:
    """One line per area across `checks` (oldest first), by area id: an area added to the
    statements later starts where it was first asked."""
    order: dict[str, str] = {}
    for check in checks:
        for area in check.areas:
            order.setdefault(area.id, area.title)
    lines = []
    for area_id, title in order.items():
        points = []
        for check in checks:
            area = next((a for a in check.areas if a.id == area_id), None)
            points.append(area.overall if area else None)
        lines.append(TrendLine(area_id, title, tuple(points)))
    return tuple(lines)


# -- the action plan -----------------------------------------------------------------------


@dataclass(frozen=True)
class Action:
    what: str
    owner: str
    due: date


def checked_actions(rows: Sequence[tuple[str, str, str]], today: date) -> tuple[Action, ...]:
    """The plan's rows (what, owner, due) as they may be saved, blank rows left out, or
    HealthError naming the row and what to change."""
    from playbook.domain.dates import read_day  # the reading rules load only when needed
    from playbook.domain.wordlike import nonsense

    actions = []
    for number, (what, owner, due_text) in enumerate(rows, start=1):
        what, owner, due_text = (" ".join(str(v).split()) for v in (what, owner, due_text))
        if not (what or owner or due_text):
            continue
        where = f"Action {number}: "
        if len(what.split()) < 3:
            raise HealthError(where + "say what will be done, in a few words.")
        if odd := nonsense(what):
            raise HealthError(where + f"{odd} does not read as words.")
        if not owner:
            raise HealthError(where + "name who owns it: one person, not a team.")
        if odd := nonsense(owner):
            raise HealthError(where + f"{odd} does not read as a name.")
        day, problem = read_day(due_text, today)
        if day is None:
            raise HealthError(where + "the due date: " + problem)
        if day < today:
            raise HealthError(where + f"the due date {day:%d %B %Y} has passed.")
        actions.append(Action(what, owner, day))
    if len(actions) > MAX_ACTIONS:
        raise HealthError(f"Keep the plan to {MAX_ACTIONS} actions: pick the ones that matter.")
    return tuple(actions)


# -- when the next ones are due ------------------------------------------------------------


@dataclass(frozen=True)
class Schedule:
    next_check: date
    next_review: date
    check_days: int
    review_days: int
    today: date
    checks: int = 0  # health checks so far
    open_check: bool = False

    @property
    def check_overdue(self) -> bool:
        return self.next_check < self.today and not self.open_check

    @property
    def review_overdue(self) -> bool:
        return self.next_review < self.today


def schedule(
    start: date,
    last_check: date | None,
    last_review: date | None,
    check_days: int,
    review_days: int,
    today: date,
    checks: int = 0,
    open_check: bool = False,
) -> Schedule:
    """The next health check falls `check_days` after the last (or after `start`, the
    day the alliance was set up, before the first); the North Star review likewise."""
    return Schedule(
        (last_check or start) + timedelta(days=check_days),
        (last_review or start) + timedelta(days=review_days),
        check_days,
        review_days,
        today,
        checks,
        open_check,
    )


def checked_interval(days: object, what: str) -> int:
    try:
        number = int(str(days).strip())
    except ValueError:
        raise HealthError(f"The {what} interval is a number of days.") from None
    if not 7 <= number <= 366:
        raise HealthError(f"The {what} interval is between 7 and 366 days.")
    return number
