"""Provides the teaching text shown after an answer: verdict, right answer, why, and where."""

from __future__ import annotations

from datetime import datetime

from textual.content import Content

from playbook.content.answers import format_number
from playbook.content.questions import Grade, Question
from playbook.domain.quiz import CBM_MARKS, confidence_level


def verdict(grade: Grade) -> Content:
    if grade.correct:
        return Content.from_markup("[bold $success]✓ Right.[/]")
    if grade.score > 0:
        return Content.from_markup(
            "[bold $warning]◐ Partly right: $pct.[/]", pct=f"{grade.score:.0%}"
        )
    return Content.from_markup("[bold $error]✗ Not right.[/]")


def cbm_line(mark: float, confidence: str | None, score: float) -> Content:
    """The certainty-based mark, and what the same confidence would have earned otherwise."""
    right, wrong = CBM_MARKS[confidence_level(confidence)]
    if score >= 1:
        other = f"wrong would cost {wrong:g}" if wrong else "no risk"
    else:
        other = f"right would earn +{right:g}"
    return Content.from_markup(
        "Certainty mark [b]$mark[/b] ($level confidence; $other).",
        mark=signed(mark),
        level=confidence or "low",
        other=other,
    )


def teaching(
    question: Question,
    grade: Grade,
    stage_title: str,
    *,
    answer_line: str = "",
    rows_shown: bool = False,
) -> Content:
    """The feedback on what was given, the right answer (when missed), the explanation, and
    the stage and case section.

    `rows_shown`: the answer's own rows are on screen, already showing each option's
    feedback (choice kinds) or marking where each item belongs (ordering, matching)."""
    lines: list[Content] = []
    if answer_line:
        lines.append(Content.from_markup("[b]Your answer:[/b] $a", a=answer_line))
    if grade.note:
        lines.append(Content.styled(grade.note, "bold $success"))
    if not (question.feedback_inline and rows_shown):
        lines += [Content(f) for f in grade.feedback if f]
    if not grade.correct and not (question.marks_in_place and rows_shown):
        lines.append(Content.from_markup("[b]Right answer:[/b] $a", a=grade.right_answer))
    elif question.states_exact and grade.right_answer:
        lines.append(Content.from_markup("[b]Exact answer:[/b] $a", a=grade.right_answer))
    lines.append(Content.from_markup("[b]Why:[/b] $e", e=grade.explanation))
    where = []
    if stage_title:
        where.append(Content.from_markup("Playbook stage: [b]$s[/b]", s=stage_title))
    if question.see:
        where.append(Content.from_markup("in the case, see [i]$s[/i]", s=question.see))
    if where:
        lines.append(Content(" · ").join(where).stylize("$foreground-muted"))
    return Content("\n").join(lines)


def points(value: float) -> str:
    return format_number(round(value, 2))


def signed(value: float) -> str:
    """+3, -6, 0, +0.67: a mark with its sign and at most two decimals."""
    value = round(value, 2)
    return "0" if value == 0 else ("+" if value > 0 else "-") + format_number(abs(value))


def all_choices(question: Question) -> Content:
    """Every option with its feedback: what each choice not picked would have taught."""
    lines = [Content.styled("Every choice:", "bold")]
    for option, feedback in question.option_feedback():
        line = Content.assemble("  • ", (option, "italic"))
        if feedback:
            line += Content.assemble(": ", feedback)
        lines.append(line)
    return Content("\n").join(lines)


def comes_back(due: datetime, now: datetime) -> Content:
    """When the question comes back for review, in words: "tomorrow", "in 4 days"."""
    return Content.styled(f"Comes back for review {when(due, now)}.", "$foreground-muted")


def when(due: datetime, now: datetime) -> str:
    seconds = (due - now).total_seconds()
    if seconds < 3600:
        minutes = max(1, round(seconds / 60))
        return f"in {minutes} minute{'s' if minutes != 1 else ''}"
    if seconds < 20 * 3600:
        hours = round(seconds / 3600)
        return f"in {hours} hour{'s' if hours != 1 else ''}"
    days = (due.date() - now.date()).days
    if days <= 1:
        return "tomorrow"
    if days < 60:
        return f"in {days} days"
    months = round(days / 30.4)
    return f"in about {months} months"
