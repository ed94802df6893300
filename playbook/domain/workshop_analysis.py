"""Provides a workshop's results: item analysis, answer distributions and the exports."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from math import sqrt

from playbook.content.answers import format_number
from playbook.content.models import DiscussionPrompt
from playbook.content.questions import Question
from playbook.domain.workshop import AgendaItem, Standing, TeamStanding, display_code

# -- item analysis (classical test theory) -----------------------------------------------------

Scores = Mapping[object, Mapping[str, float]]  # participant -> question key -> score 0..1

TOP_SHARE = 0.27  # Kelley's upper and lower 27%
MIN_FOR_DISCRIMINATION = 4
TOO_EASY = 0.9
TOO_HARD = 0.2
WEAK_DISCRIMINATION = 0.2

GOOD = "good"
VERDICT_TOO_EASY = "too easy"
VERDICT_TOO_HARD = "too hard"
VERDICT_NO_SEPARATION = "does not separate strong from weak"
VERDICT_TOO_FEW = "not enough answers"


@dataclass(frozen=True)
class ItemStats:
    key: str
    answered: int
    facility: float | None  # mean score of those who answered: high means easy
    discrimination: float | None  # top 27% mean minus bottom 27% mean
    point_biserial: float | None  # item score vs total of the other items
    verdict: str


def _keys(scores: Scores, keys: Iterable[str] | None) -> list[str]:
    if keys is not None:
        return list(keys)
    return sorted({k for answers in scores.values() for k in answers})


def _answered(scores: Scores, key: str, keys: list[str]) -> list[tuple[float, float]]:
    """(total over `keys`, item score) for each participant who answered `key`."""
    return [
        (round(sum(answers.get(k, 0.0) for k in keys), 9), answers[key])
        for answers in scores.values()
        if key in answers
    ]


def facility(scores: Scores, key: str) -> float | None:
    """The mean score of those who answered the question; None if nobody did."""
    given = [answers[key] for answers in scores.values() if key in answers]
    return sum(given) / len(given) if given else None


def _group_mean(ranked: list[tuple[float, float]], size: int) -> float:
    """The mean item score of the first `size` of `ranked`; a tie at the edge counts in part."""
    taken, total, i = 0.0, 0.0, 0
    while taken < size:
        j = i
        while j < len(ranked) and ranked[j][0] == ranked[i][0]:
            j += 1
        block = [item for _, item in ranked[i:j]]
        room = size - taken
        if len(block) <= room:
            total, taken = total + sum(block), taken + len(block)
        else:
            total, taken = total + room * sum(block) / len(block), size
        i = j
    return total / size


def discrimination(scores: Scores, key: str, keys: Iterable[str] | None = None) -> float | None:
    """Top 27% minus bottom 27% mean item score, ranking those who answered by their total.

    The total is over `keys` (default: every question in `scores`). Participants tied on
    total at a group's edge share its last places. None with fewer than 4 answers.
    """
    rows = _answered(scores, key, _keys(scores, keys))
    if len(rows) < MIN_FOR_DISCRIMINATION:
        return None
    size = max(1, int(TOP_SHARE * len(rows) + 0.5))
    best_first = sorted(rows, key=lambda r: -r[0])
    worst_first = sorted(rows, key=lambda r: r[0])
    return _group_mean(best_first, size) - _group_mean(worst_first, size)


def point_biserial(scores: Scores, key: str, keys: Iterable[str] | None = None) -> float | None:
    """The correlation of the item score with the total of the OTHER items (None if undefined)."""
    others = [k for k in _keys(scores, keys) if k != key]
    rows = _answered(scores, key, others)
    if len(rows) < 2:
        return None
    n = len(rows)
    mean_rest = sum(r for r, _ in rows) / n
    mean_item = sum(i for _, i in rows) / n
    cov = sum((r - mean_rest) * (i - mean_item) for r, i in rows)
    var_rest = sum((r - mean_rest) ** 2 for r, _ in rows)
    var_item = sum((i - mean_item) ** 2 for _, i in rows)
    if var_rest <= 1e-12 or var_item <= 1e-12:
        return None
    return cov / sqrt(var_rest * var_item)


def verdict(facility: float | None, discrimination: float | None) -> str:
    """A short teaching verdict on a question."""
    if facility is None or discrimination is None:
        return VERDICT_TOO_FEW
    if facility > TOO_EASY:
        return VERDICT_TOO_EASY
    if facility < TOO_HARD:
        return VERDICT_TOO_HARD
    if discrimination < WEAK_DISCRIMINATION:
        return VERDICT_NO_SEPARATION
    return GOOD


def item_analysis(scores: Scores, keys: Iterable[str] | None = None) -> list[ItemStats]:
    """Statistics for each question of `keys` (default: all in `scores`), in that order."""
    ordered = _keys(scores, keys)
    stats = []
    for key in ordered:
        answered = sum(1 for answers in scores.values() if key in answers)
        fac = facility(scores, key)
        disc = discrimination(scores, key, ordered)
        pbis = point_biserial(scores, key, ordered)
        stats.append(ItemStats(key, answered, fac, disc, pbis, verdict(fac, disc)))
    return stats


# -- CSV export --------------------------------------------------------------------------------

CSV_HEADER = (
    "participant",
    "team",
    "item",
    "question",
    "answer",
    "correct",
    "score",
    "points",
    "seconds",
    "confidence",
)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"-?\d+(\.\d+)?")


@dataclass(frozen=True)
class AnswerRow:
    """One participant's answer to one question; answer and score None when not answered."""

    participant: str
    team: str | None
    item: int  # the item's place in the agenda, from 1
    question: Question
    answer: object = None  # the raw response, as quiz.grade() takes it
    score: float | None = None  # the grade, 0..1
    points: int = 0
    seconds: float | None = None
    confidence: str | None = None


def safe_cell(text: str) -> str:
    """A cell a spreadsheet will not run as a formula: "=SUM(A1)" -> "'=SUM(A1)"."""
    if text.startswith(_FORMULA_START) and not _PLAIN_NUMBER.fullmatch(text):
        return "'" + text
    return text


def _correct(score: float | None) -> str:
    if score is None:
        return ""
    return "yes" if score >= 1.0 else "no" if score <= 0.0 else "partly"


def export_csv(rows: Iterable[AnswerRow]) -> str:
    """The answers as CSV, one row per participant and question, safe to open in a spreadsheet."""
    out = io.StringIO()
    writer = csv.writer(out)  # "\r\n" line ends (RFC 4180): write the file with newline=""
    writer.writerow(CSV_HEADER)
    for row in rows:
        cells = (
            row.participant,
            row.team or "",
            str(row.item),
            row.question.prompt,
            "" if row.question.is_blank(row.answer) else row.question.describe(row.answer),
            _correct(row.score),
            "" if row.score is None else format_number(round(row.score, 4)),
            str(row.points),
            "" if row.seconds is None else f"{row.seconds:.1f}",
            row.confidence or "",
        )
        writer.writerow([safe_cell(cell) for cell in cells])
    return out.getvalue()


# -- Markdown debrief --------------------------------------------------------------------------

BAR_WIDTH = 30
LABEL_WIDTH = 40
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~#&])")
_MD_BLOCK_MARK = re.compile(r"^([-+=])")
_MD_NUMBERED = re.compile(r"^(\d+)([.)])")


def md_text(text: str) -> str:
    """User text kept literal in Markdown: one line, markup characters escaped (pipes too)."""
    line = " ".join(str(text).split())
    line = _MD_SPECIAL.sub(r"\\\1", line)
    return _MD_NUMBERED.sub(r"\1\\\2", _MD_BLOCK_MARK.sub(r"\\\1", line))


def bar_chart(bars: Sequence[tuple[str, int]]) -> str:
    """A text bar chart in a fenced block, e.g. "True   ██████  6"."""
    labels = [" ".join(str(label).split()) for label, _ in bars]
    labels = [lb if len(lb) <= LABEL_WIDTH else lb[: LABEL_WIDTH - 1] + "…" for lb in labels]
    width = max((len(lb) for lb in labels), default=0)
    top = max((count for _, count in bars), default=0)
    lines = []
    for label, (_, count) in zip(labels, bars, strict=True):
        length = round(BAR_WIDTH * count / top) if top else 0
        bar = "█" * max(length, 1 if count else 0)
        lines.append(f"{label.ljust(width)}  {bar.ljust(BAR_WIDTH)}  {count}".rstrip())
    body = "\n".join(lines)
    longest = max((len(run) for run in re.findall(r"`+", body)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}text\n{body}\n{fence}"


def _num(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"


def _table(header: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def _prompt_lines(prompt: DiscussionPrompt | str) -> list[str]:
    if isinstance(prompt, str):
        return [f"- {md_text(prompt)}"]
    lines = [f"- {md_text(prompt.prompt)}"]
    if prompt.strong_answer:
        lines.append(f"  - *A strong answer:* {md_text(prompt.strong_answer)}")
    return lines


def export_markdown(
    title: str,
    code: str,
    when: str | date | datetime,
    items: Sequence[AgendaItem],
    distributions: Mapping[str, Sequence[tuple[str, int]]],
    item_stats: Sequence[ItemStats],
    prompts: Mapping[str, Sequence[DiscussionPrompt | str]],
    standings: Sequence[Standing],
    *,
    teams: Sequence[TeamStanding] = (),
    right_answers: Mapping[str, str] | None = None,
    walls: Mapping[str, Sequence[str]] | None = None,
    notes: Mapping[str, str] | None = None,
) -> str:
    """A debrief: each item's answers as a bar chart or its prompts, item analysis, standings.

    Polls have no right answer: a scale shows its bars and a note (its mean), an open
    question its wall (the answers left on it) and a note (the words used most)."""
    if isinstance(when, datetime):
        when = when.strftime("%Y-%m-%d %H:%M")
    elif isinstance(when, date):
        when = when.isoformat()
    right_answers = right_answers or {}
    out = [f"# {md_text(title)}", "", f"Join code {display_code(code)} · {md_text(when)}", ""]
    for number, item in enumerate(items, start=1):
        out += [f"## {number}. {md_text(item.title or item.ref)}", ""]
        wall = (walls or {}).get(item.ref)
        if wall is not None:
            out += [*(f"- {md_text(text)}" for text in wall), ""] if wall else ["No answers.", ""]
        elif item.answerable:
            bars = distributions.get(item.ref, ())
            out += [bar_chart(bars) if any(c for _, c in bars) else "No answers.", ""]
        if item.ref in right_answers:
            out += [f"Right answer: {md_text(right_answers[item.ref])}", ""]
        if item.ref in (notes or {}):
            out += [md_text((notes or {})[item.ref]), ""]
        if not item.answerable:
            lines = [line for p in prompts.get(item.ref, ()) for line in _prompt_lines(p)]
            out += [*(lines or ["No discussion prompts."]), ""]
    titles = {item.ref: item.title or item.ref for item in items if item.is_question}
    if item_stats:
        header = ("Question", "Answered", "Facility", "Discrimination", "Point-biserial", "Verdict")
        rows = [
            (
                md_text(titles.get(s.key, s.key)),
                str(s.answered),
                _num(s.facility),
                _num(s.discrimination),
                _num(s.point_biserial),
                s.verdict,
            )
            for s in item_stats
        ]
        out += ["## Item analysis", "", _table(header, rows), ""]
    if standings:
        rows = [
            (str(s.rank), md_text(s.name), md_text(s.team or ""), str(s.points)) for s in standings
        ]
        out += ["## Leaderboard", "", _table(("Rank", "Name", "Team", "Points"), rows), ""]
    if teams:
        rows = [
            (str(t.rank), md_text(t.team), str(t.members), str(t.points), f"{t.mean:.0f}")
            for t in teams
        ]
        header = ("Rank", "Team", "Members", "Points", "Mean per member")
        out += ["## Teams", "", _table(header, rows), ""]
    return "\n".join(out).rstrip() + "\n"
