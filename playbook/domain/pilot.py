"""Provides the pilot tracker: the pilot's indicators recorded period by period, against its
go and kill lines and the North Star's pace, and at the review date a proposal: go, adjust
or stop, with the figures.

The go and kill lines are the numbers of the Pilot worksheet's criteria; each is tied to
the indicator whose words it shares most ("At least 400 refills per store per week" and
"Refills sold per store per week"). The proposal looks at the latest reading of the
indicator the go line is tied to: at or above it, go; at or below the kill line, stop;
between the two, adjust.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from playbook.content.fields import list_items
from playbook.domain.checks import Context, goal_pace, singular, targets
from playbook.domain.dates import read_day

STOP = frozenset("a an the of per and or in on at by for to from with each every is are".split())


@dataclass(frozen=True)
class Line:
    """A go or kill line: the number, the indicator it is tied to, and its words."""

    value: float
    indicator: str
    text: str


@dataclass(frozen=True)
class Series:
    indicator: str
    kind: str  # "leading" or "lagging"
    points: tuple[tuple[int, str, float], ...]  # (position, period, value)

    @property
    def latest(self) -> tuple[int, str, float] | None:
        return self.points[-1] if self.points else None


@dataclass(frozen=True)
class Proposal:
    decision: str  # "go", "adjust", "stop" or "" (not enough to say yet)
    because: str


@dataclass(frozen=True)
class PilotReport:
    series: tuple[Series, ...]
    go: Line | None
    kill: Line | None
    pace: float | None  # the North Star's pace, per place per week, when it can be read
    pace_words: str
    review: date | None
    proposal: Proposal


def _words(text: str) -> set[str]:
    return {singular(w) for w in re.findall(r"[a-z]+", text.casefold()) if w not in STOP}


def _number(text: str, ctx: Context) -> float | None:
    for found in targets(text, ctx.today):
        try:
            return float(found.strip().rstrip("%").replace(",", "").lstrip("$€£¥"))
        except ValueError:
            continue
    return None


def _tie(text: str, indicators: list[str]) -> str:
    """The indicator that shares most words with a criterion (the first on a tie)."""
    words = _words(text)
    scored = [(len(words & _words(i)), -n, i) for n, i in enumerate(indicators)]
    best = max(scored, default=(0, 0, ""))
    return best[2] if best[0] else (indicators[0] if indicators else "")


def report(
    pilot: Mapping[str, object],
    goal: str,
    readings: Mapping[str, list[tuple[int, str, float]]],
    ctx: Context,
) -> PilotReport:
    """The tracker for a Pilot worksheet's typed answers, the North Star goal and the
    readings recorded so far."""
    leading = list_items(str(pilot.get("leading") or ""))
    lagging = list_items(str(pilot.get("lagging") or ""))
    indicators = leading + lagging
    series = tuple(
        Series(i, "leading" if i in leading else "lagging", tuple(readings.get(i, [])))
        for i in indicators
    )
    go_text = str(pilot.get("go-criteria") or "")
    kill_text = str(pilot.get("kill-criterion") or "")
    go_value, kill_value = _number(go_text, ctx), _number(kill_text, ctx)
    go = Line(go_value, _tie(go_text, indicators), go_text) if go_value is not None else None
    kill = (
        Line(kill_value, _tie(kill_text, indicators), kill_text) if kill_value is not None else None
    )
    pace = goal_pace(goal, ctx)
    review, _ = read_day(str(pilot.get("review-date") or ""), ctx.today)
    return PilotReport(
        series,
        go,
        kill,
        pace.per_place_week if pace else None,
        f"{pace.per_place_week:,.0f} {pace.noun}s per place per week ({pace.written})"
        if pace
        else "",
        review,
        propose(series, go, kill, review, ctx.today),
    )


def propose(
    series: tuple[Series, ...],
    go: Line | None,
    kill: Line | None,
    review: date | None,
    today: date | None,
) -> Proposal:
    if go is None:
        return Proposal("", "The go criteria have no number to compare with.")
    tied = next((s for s in series if s.indicator == go.indicator), None)
    if tied is None or tied.latest is None:
        return Proposal("", f"No reading yet of “{go.indicator}”, the indicator the go line uses.")
    _position, period, value = tied.latest
    early = review is not None and today is not None and today < review
    when = f" (so far: the review is on {review:%-d %B %Y})" if early else ""
    if value >= go.value:
        return Proposal(
            "go",
            f"{go.indicator} reached {value:g} in {period}, at or above the go line of "
            f"{go.value:g}{when}.",
        )
    if kill is not None and kill.indicator == go.indicator and value <= kill.value:
        return Proposal(
            "stop",
            f"{go.indicator} is {value:g} in {period}, at or below the kill line of "
            f"{kill.value:g}{when}.",
        )
    low = f", above the kill line of {kill.value:g}" if kill else ""
    return Proposal(
        "adjust",
        f"{go.indicator} is {value:g} in {period}: below the go line of {go.value:g}{low}"
        f"{when}. Change one thing and measure again, or agree a new date.",
    )
