"""Provides the workshop views' pieces: the live chart, standings, the room, and polling.

Every name and answer shown here is user text, so it goes in as Content (never markup).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from textual.content import Content

from playbook.domain.workshop import Phase, Session, Standing, TeamStanding, seconds_left
from playbook.services.workshop import Person
from playbook.tui.widgets.bars import bar


def chart(
    bars: Sequence[tuple[str, int]],
    width: int = 60,
    right: Sequence[str] = (),
    people: int | None = None,
) -> Content:
    """The answers as one bar per choice, fitted to `width` cells:
    `✓ label  ██████····  3 (50%)`, the ✓ on the right ones (after the reveal). The share
    is of `people` (everyone who answered) when given: with several answers each, the
    bars add up to more than the people."""
    if not bars:
        return Content("")
    total = people if people is not None else sum(count for _, count in bars)
    top = max((count for _, count in bars), default=0)
    longest = max(len(" ".join(str(label).split())) for label, _ in bars)
    bar_width = max(6, min(30, width // 3))
    label_width = max(8, min(longest, width - bar_width - 14))
    lines = []
    for label, count in bars:
        text = " ".join(str(label).split())
        if len(text) > label_width:
            text = text[: label_width - 1] + "…"
        is_right = label in right
        share = f"{count / total:.0%}" if total else "–"
        lines.append(
            Content.assemble(
                ("✓ " if is_right else "  ", "bold $success"),
                Content(text.ljust(label_width)),
                " ",
                bar(count / top if top else 0.0, bar_width, "$success" if is_right else "$accent"),
                f" {count} ({share})",
            )
        )
    return Content("\n").join(lines)


def countdown(session: Session, now: datetime) -> Content:
    """ "12 s left" while answering is open; otherwise what the phase means."""
    left = seconds_left(session, now)
    if session.phase is Phase.OPEN:
        if left is None:
            return Content.from_markup("[b $success]● Answering is open[/] (no time limit)")
        style = "$error" if left <= 5 else "$success"
        return Content.assemble(
            ("● Answering is open: ", f"bold {style}"), (f"{left} s left", "bold")
        )
    return Content(PHASE_TEXT[session.phase])


PHASE_TEXT = {
    Phase.LOBBY: "○ Not started: people are joining",
    Phase.WAITING: "○ Answering is not open yet",
    Phase.CLOSED: "■ Answering is closed",
    Phase.REVEALED: "✓ The answer is revealed",
    Phase.ENDED: "■ The workshop has ended",
}


def standings(rows: Sequence[Standing], limit: int = 10, me: object = None) -> Content:
    """A leaderboard: `1  Ada (Red)  1,750`, the viewer's own line in bold."""
    if not any(s.points for s in rows):
        return Content.styled("No points yet.", "$text-muted")
    lines = []
    for s in rows[:limit]:
        name = s.name + (f" ({s.team})" if s.team else "")
        line = Content.assemble(f"{s.rank:>2}  ", Content(name), f"  {s.points:,}")
        lines.append(line.stylize("bold") if s.participant_id == me else line)
    if len(rows) > limit:
        lines.append(Content.styled(f"… and {len(rows) - limit} more", "$text-muted"))
    return Content("\n").join(lines)


def teams(rows: Sequence[TeamStanding]) -> Content:
    if not rows:
        return Content.styled("No teams yet.", "$text-muted")
    return Content("\n").join(
        Content.assemble(
            f"{t.rank:>2}  ",
            Content(t.team),
            f"  {t.points:,}",
            (f"  ({t.members}, ⌀ {t.mean:.0f})", "$text-muted"),
        )
        for t in rows
    )


def room(
    people: Sequence[Person],
    now: datetime,
    index: int,
    current_question: bool,
    width: int = 28,
    answering_open: bool = True,
) -> Content:
    """Who has joined and where each is: ✓ answered, … answering (or – no answer once
    answering closed), at item N, here, away."""
    if not people:
        return Content.styled("Nobody has joined yet.", "$text-muted")
    lines = []
    for p in sorted(people, key=lambda p: p.name.casefold()):
        if not p.online(now):
            where = ("away", "$text-muted")
        elif current_question and p.answered:
            where = ("✓ answered", "$success")
        elif p.at_item is not None and p.at_item != index:
            where = (f"at item {p.at_item + 1}", "$warning")
        elif current_question and answering_open:
            where = ("… answering", "")
        elif current_question:
            where = ("– no answer", "$text-muted")
        else:
            where = ("here", "")
        name = p.name + (f" ({p.team})" if p.team else "")
        room_for_name = max(6, width - len(where[0]) - 2)
        if len(name) > room_for_name:
            name = name[: room_for_name - 1] + "…"
        lines.append(Content.assemble(Content(name), "  ", where))
    return Content("\n").join(lines)
