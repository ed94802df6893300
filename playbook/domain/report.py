"""Provides StatsReport: a profile's quiz statistics for a screen, a text table or JSON."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import asdict, dataclass
from datetime import date, datetime, timedelta

from playbook.content.library import Library
from playbook.domain.review import forecast
from playbook.domain.stats import CaseStats, daily_activity, stage_mastery

FORECAST_DAYS = 7
ACTIVITY_DAYS = 30


@dataclass(frozen=True)
class CaseLine:
    case_id: str
    title: str
    questions: int
    attempts: int
    best: float | None  # percent; None when never finished
    last: float | None
    half_way: bool = False  # a quiz of this case was left half way and can be resumed


@dataclass(frozen=True)
class StageLine:
    stage_id: str
    title: str
    mastery: float  # 0..1, the mean of each answered question's latest score
    seen: int  # questions of the stage answered at least once
    total: int  # questions tagged with the stage

    @property
    def known(self) -> float:
        """The share of all the stage's questions known: mastery weighted by coverage."""
        return self.mastery * self.seen / self.total if self.total else 0.0

    @property
    def seen_line(self) -> str:
        """'2 of 43 seen, 50% right', or 'none of 60 seen yet' (not a misleading 0% right)."""
        if not self.seen:
            return f"none of {self.total} seen yet"
        return f"{self.seen} of {self.total} seen, {self.mastery:.0%} right"


@dataclass(frozen=True)
class StatsReport:
    today: date
    answers: int
    cards: int  # questions in the review queue
    due_now: int
    forecast: tuple[int, ...]  # due on each of the next days; day 0 holds the overdue too
    later: int  # due after those days: with `forecast`, every card in the queue
    activity: tuple[int, ...]  # answers per day, oldest first, ending today
    cases: tuple[CaseLine, ...]
    stages: tuple[StageLine, ...]

    @property
    def attempted(self) -> tuple[CaseLine, ...]:
        return tuple(c for c in self.cases if c.attempts)

    @property
    def half_way(self) -> tuple[CaseLine, ...]:
        return tuple(c for c in self.cases if c.half_way)

    def as_dict(self) -> dict:
        data = asdict(self)
        data["today"] = self.today.isoformat()
        for line, stage in zip(data["stages"], self.stages, strict=True):
            line["known"] = stage.known
        return data


def build_report(
    library: Library,
    case_results: Mapping[str, CaseStats],
    history: Iterable[tuple[str, float, datetime]],
    cards: Iterable[tuple[str, datetime]],
    now: datetime,
    half_way: Collection[str] = frozenset(),
) -> StatsReport:
    """Gather the report; `now` in the learner's time zone decides what "today" is.

    Questions no longer in the content are left out of mastery and the review figures.
    """
    known = {q.key: q for owner in library.owners for q in owner.questions}
    history = [(key, score, at) for key, score, at in history if key in known]
    dues = [due for key, due in cards if key in known]
    totals: dict[str, int] = {}
    for question in known.values():
        if question.stage:
            totals[question.stage] = totals.get(question.stage, 0) + 1
    mastery = stage_mastery(history, {k: q.stage for k, q in known.items()}, totals)
    stages = tuple(
        StageLine(s.id, s.title, mastery[s.id].score, mastery[s.id].seen, totals[s.id])
        for s in library.ordered_stages
        if s.id in totals
    )
    cases = []
    for case in library.owners:  # the cases, then the question banks
        result = case_results.get(case.id)
        cases.append(
            CaseLine(
                case.id,
                case.title,
                len(case.questions),
                result.attempts if result else 0,
                result.best if result else None,
                result.last if result else None,
                case.id in half_way,
            )
        )
    local = [at.astimezone(now.tzinfo) for _, _, at in history]
    return StatsReport(
        today=now.date(),
        answers=len(history),
        cards=len(dues),
        due_now=sum(1 for due in dues if due <= now),
        forecast=(days := tuple(forecast(dues, now, FORECAST_DAYS))),
        later=len(dues) - sum(days),
        activity=tuple(daily_activity(local, now.date(), ACTIVITY_DAYS)),
        cases=tuple(cases),
        stages=stages,
    )


# --- as plain text, for `playbook stats` ---------------------------------------------

SPARKS = " ▁▂▃▄▅▆▇█"


def text_bar(fraction: float, width: int) -> str:
    filled = round(min(1.0, max(0.0, fraction)) * width)
    return "█" * filled + "·" * (width - filled)


def sparkline(values: tuple[int, ...]) -> str:
    top = max(values, default=0)
    if not top:
        return "▁" * len(values)
    return "".join(SPARKS[max(1, round(v / top * 8))] if v else "▁" for v in values)


def format_report(report: StatsReport, profile: str) -> str:
    """The report as text tables with bar charts, for a terminal or a file."""
    lines = [
        f"Quiz stats for {profile} ({report.today.isoformat()})",
        f"{report.answers} answers · {len(report.attempted)} of {len(report.cases)} cases "
        f"quizzed · {report.due_now} due for review now",
        "",
    ]
    if report.attempted:
        width = max(len(c.title) for c in report.attempted)
        lines.append(f"{'Case':<{width}}  Tries  Best  Last")
        for c in report.attempted:
            lines.append(
                f"{c.title:<{width}}  {c.attempts:>5}  {c.best or 0:>3.0f}%  {c.last or 0:>3.0f}%"
                f"  {text_bar((c.best or 0) / 100, 10)}"
            )
    elif not report.half_way:
        lines.append("No quiz finished yet: run `playbook quiz CASE`.")
    for c in report.half_way:
        lines.append(f"Left half way: {c.title} (`playbook quiz {c.case_id}` picks it up)")
    lines += ["", "Mastery by playbook stage (share of each stage's questions known)"]
    for s in report.stages:
        lines.append(f"  {s.title:<18} {text_bar(s.known, 20)} {s.known:>4.0%}  {s.seen_line}")
    lines += ["", "Review forecast (questions coming due; overdue counts as today)"]
    top = max(report.forecast, default=0) or 1
    for offset, count in enumerate(report.forecast):
        day = report.today + timedelta(days=offset)
        label = "today" if offset == 0 else day.strftime("%a %d %b")
        lines.append(f"  {label:<10} {text_bar(count / top, 20)} {count}")
    lines.append(f"  {'later':<10} {' ' * 20} {report.later}")
    lines.append(f"  {report.cards} in the queue in all")
    lines += [
        "",
        f"Activity, last {len(report.activity)} days (answers a day, oldest first)",
        f"  {sparkline(report.activity)}  total {sum(report.activity)}, "
        f"busiest day {max(report.activity, default=0)}",
    ]
    return "\n".join(lines)
