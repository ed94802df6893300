"""Provides the workshop views' pieces: the live chart, the wall, standings, the room, the QR.

Every name and answer shown here is user text, so it goes in as Content (never markup).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from textual.content import Content

from playbook.domain.workshop import Phase, Session, plural, seconds_left
from playbook.services.workshop_views import Bar, Chart, PersonView, Place, TeamPlace
from playbook.tui.widgets.bars import bar


def chart(bars: Sequence[Bar], width: int = 60, people: int | None = None) -> Content:
    """The answers as one bar per choice, fitted to `width` cells:
    `✓ label  ██████····  3 (50%)`, the ✓ on the right ones (after the reveal). The share
    is of the people who answered: with several answers each, the bars add up to more."""
    if not bars:
        return Content("")
    top = max((b.count for b in bars), default=0)
    longest = max(len(" ".join(str(b.label).split())) for b in bars)
    bar_width = max(6, min(30, width // 3))
    label_width = max(8, min(longest, width - bar_width - 14))
    lines = []
    for b in bars:
        text = " ".join(str(b.label).split())
        if len(text) > label_width:
            text = text[: label_width - 1] + "…"
        share = f"{b.share:.0%}" if people is None or people else "–"
        lines.append(
            Content.assemble(
                ("✓ " if b.right else "  ", "bold $success"),
                Content(text.ljust(label_width)),
                " ",
                bar(b.count / top if top else 0.0, bar_width, "$success" if b.right else "$accent"),
                f" {b.count} ({share})",
            )
        )
    return Content("\n").join(lines)


def answers(result: Chart, width: int = 60, moderator: bool = False) -> Content:
    """A chart of any kind: bars (and a scale's mean), or an open question's wall and the
    words used most. `moderator` shows the entries taken off the wall, marked."""
    if result.hidden:
        return Content.styled(
            f"{plural(result.answered, 'answer')} so far: the chart is hidden until answering"
            " closes.",
            "$foreground-muted",
        )
    if result.bars:
        body = chart(result.bars, width, result.answered)
        if result.mean is not None:
            body = Content.assemble(body, "\n", ("Mean ", "bold"), f"{result.mean:.1f} of 5")
        return body
    if not result.wall:
        return Content.styled("No answers yet.", "$foreground-muted")
    lines = []
    wall = [e for e in result.wall if moderator or not e.hidden]
    if result.words:
        words = " · ".join(f"{w.word} {w.count}" for w in result.words)
        lines.append(Content.assemble(("Words used most: ", "bold"), Content(words)))
    for number, entry in enumerate(wall, start=1):
        text = Content(entry.text)
        if entry.hidden:
            text = Content.assemble(
                ("hidden  ", "$warning"), text.stylize("strike $foreground-muted")
            )
        prefix = f"{number:>2}. " if moderator else "• "
        lines.append(Content.assemble(prefix, text))
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
    if session.phase is Phase.CLOSED and session.current_settled:
        return Content("■ Answering is over for this item")
    return Content(PHASE_TEXT[session.phase])


PHASE_TEXT = {
    Phase.LOBBY: "○ Not started: people are joining",
    Phase.WAITING: "○ Answering is not open yet",
    Phase.CLOSED: "■ Answering is closed",
    Phase.REVEALED: "✓ The answer is revealed",
    Phase.ENDED: "■ The workshop has ended",
}


def standings(rows: Sequence[Place], limit: int = 10, me: int = 0) -> Content:
    """A leaderboard: `1  Ada (Red)  1,750`, the viewer's own line in bold."""
    if not any(s.points for s in rows):
        return Content.styled("No points yet.", "$foreground-muted")
    lines = []
    for s in rows[:limit]:
        name = s.name + (f" ({s.team})" if s.team else "")
        line = Content.assemble(f"{s.rank:>2}  ", Content(name), f"  {s.points:,}")
        lines.append(line.stylize("bold") if me and s.participant_id == me else line)
    if len(rows) > limit:
        lines.append(Content.styled(f"… and {len(rows) - limit} more", "$foreground-muted"))
    return Content("\n").join(lines)


def podium(places: Sequence[Place]) -> Content:
    """The top three at the end: `1st  Ada  2,750`."""
    if not places:
        return Content("")
    ordinal = {1: "1st", 2: "2nd", 3: "3rd"}
    lines = [Content.styled("Podium", "bold underline")]
    for p in places:
        name = p.name + (f" ({p.team})" if p.team else "")
        lines.append(
            Content.assemble((f"{ordinal[p.rank]:<4} ", "bold"), Content(name), f"  {p.points:,}")
        )
    return Content("\n").join(lines)


def teams(rows: Sequence[TeamPlace]) -> Content:
    if not rows:
        return Content.styled("No teams yet.", "$foreground-muted")
    return Content("\n").join(
        Content.assemble(
            f"{t.rank:>2}  ",
            Content(t.team),
            f"  {t.points:,}",
            (f"  ({t.members}, ⌀ {t.mean:.0f})", "$foreground-muted"),
        )
        for t in rows
    )


STATUS_STYLE = {
    "away": "$foreground-muted",
    "answered": "$success",
    "no answer": "$foreground-muted",
}


def room(people: Sequence[PersonView], width: int = 28, limit: int = 60) -> Content:
    """Who has joined and where each is: ✓ answered, … answering (or – no answer once
    answering closed), at item N, here, away."""
    if not people:
        return Content.styled("Nobody has joined yet.", "$foreground-muted")
    marks = {"answered": "✓ answered", "answering": "… answering", "no answer": "– no answer"}
    lines = []
    ordered = sorted(people, key=lambda p: p.name.casefold())
    for p in ordered[:limit]:
        where = marks.get(p.status, p.status)
        style = STATUS_STYLE.get(p.status, "$warning" if p.status.startswith("at item") else "")
        name = p.name + (f" ({p.team})" if p.team else "")
        room_for_name = max(6, width - len(where) - 2)
        if len(name) > room_for_name:
            name = name[: room_for_name - 1] + "…"
        lines.append(Content.assemble(Content(name), "  ", (where, style)))
    if len(ordered) > limit:
        lines.append(Content.styled(f"… and {len(ordered) - limit} more", "$foreground-muted"))
    return Content("\n").join(lines)


def qr_block(rows: Sequence[Sequence[bool]]) -> Content:
    """A QR code drawn with half blocks: two rows of modules per line of text, dark on
    light (with the quiet zone light too), so a phone camera reads it off the screen."""
    lines = []
    for top in range(0, len(rows), 2):
        upper = rows[top]
        lower = rows[top + 1] if top + 1 < len(rows) else [False] * len(upper)
        cells = []
        for a, b in zip(upper, lower, strict=True):
            cells.append(
                {(True, True): " ", (True, False): "▄", (False, True): "▀"}.get((a, b), "█")
            )
        lines.append(Content.styled("".join(cells), "#ffffff on #000000"))
    return Content("\n").join(lines)
