"""Provides the workshop views' pieces: the live chart, standings, the room, and polling.

Every name and answer shown here is user text, so it goes in as Content (never markup).
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content

from playbook.domain.workshop import Phase, Session, Standing, TeamStanding, seconds_left
from playbook.store.workshop_records import Person
from playbook.tui.widgets.bars import bar

POLL_SECONDS = 0.3


def right_labels(question) -> list[str]:
    """The chart labels that are right answers: choice texts, True/False, or "Right"."""
    if question.type == "single":
        return [c.text for c in question.choices if c.id == question.answer]
    if question.type == "multiple":
        return [c.text for c in question.choices if c.id in (question.answer or ())]
    if question.type == "true_false":
        return ["True" if question.answer else "False"]
    return ["Right"]


def chart(bars: Sequence[tuple[str, int]], width: int = 60, right: Sequence[str] = ()) -> Content:
    """The answers as one bar per choice, fitted to `width` cells:
    `✓ label  ██████····  3 (50%)`, the ✓ on the right ones (after the reveal)."""
    if not bars:
        return Content("")
    total = sum(count for _, count in bars)
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


def countdown(session: Session, now: float) -> Content:
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
    now: float,
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


class Polling:
    """For a screen: `reload()` when another process committed (PRAGMA data_version
    changed), else `tick()` (for the countdown); checked every POLL_SECONDS."""

    _seen_version: int | None = None

    def start_polling(self) -> None:
        self.set_interval(POLL_SECONDS, self.poll)  # type: ignore[attr-defined]

    def poll(self) -> None:
        from playbook.store.db import StoreError

        try:
            version = self.app.store.data_version()  # type: ignore[attr-defined]
        except StoreError:
            return
        if version != self._seen_version:
            self._seen_version = version
            self.reload()
        else:
            self.tick()

    def reload(self) -> None:
        raise NotImplementedError

    def tick(self) -> None:
        """Called on polls that found nothing new: update what moves with the clock."""
