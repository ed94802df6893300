"""Provides PartnerSessionDialog: the live partner session, opened from the gap view.

It shows where the partner answers (the workshop server's address, when one serves this
database), the partner's seat key and a QR code of their link, our own key (to answer on
the web page instead), and where each side is: waiting, answering or submitted. `s`
submits our side from our worksheet as it is; when both sides are in, the dialog closes
with True, and the gap view shows the partner's answers.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Footer, Label, Static

from playbook.services.errors import StoreError, WorkshopError
from playbook.services.partner_session import AnswersRefused, SessionInfo, display_key
from playbook.services.records import Alliance
from playbook.tui.base import PlaybookDialog, in_words

POLL_SECONDS = 0.5
QR_MIN_WIDTH = 110  # the QR code is drawn beside the details only where it fits
QR_MIN_HEIGHT = 36


class PartnerSessionDialog(PlaybookDialog[bool]):
    CSS_PATH = "partner_session.tcss"
    BINDINGS = [
        Binding("escape", "close", "Close"),
        Binding("s", "submit_ours", "Submit our side"),
    ]

    def __init__(self, alliance: Alliance) -> None:
        super().__init__()
        self.alliance = alliance
        self.info: SessionInfo | None = None
        self.address: str | None = None
        self._seen: tuple | None = None
        self._version: int | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="session-box"):
            yield Label(Content(f"Live session with {self.alliance.partner}"), id="session-title")
            with Horizontal(id="session-main"):
                with Vertical(id="session-details"):
                    yield Static(id="session-where")
                    yield Static(id="session-keys")
                    yield Static(id="session-seats")
                    yield Static(id="session-problems")
                yield Static(id="session-qr")
        yield Footer()

    def on_mount(self) -> None:
        try:
            self.info = self.services.partner_sessions.open(self.alliance)
        except StoreError as error:
            self.query_one("#session-where", Static).update(Content(in_words(error)))
            return
        self.refresh_session(force=True)
        self.set_interval(POLL_SECONDS, self.refresh_session)

    def on_resize(self) -> None:
        self.refresh_session(force=True)

    def refresh_session(self, force: bool = False) -> None:
        """Read the session again when the database moved (the server wrote to it)."""
        if self.info is None:
            return
        version = self.services.data_version()
        if not force and version == self._version:
            return
        self._version = version
        sessions = self.services.partner_sessions
        self.info = sessions.current(self.alliance) or self.info
        self.address = self.services.workshops.served_at()
        self.draw()
        if self.info.finished:
            self.notify(
                f"Both sides are in: the gap view now shows {self.alliance.partner}'s answers.",
                title="Partner session",
                markup=False,
            )
            self.dismiss(True)

    def draw(self) -> None:
        info = self.info
        assert info is not None
        seen = (info, self.address, self.size)
        if seen == self._seen:
            return
        self._seen = seen
        partner, us = self.alliance.partner, self.alliance.our_side
        where = self.query_one("#session-where", Static)
        if self.address:
            where.update(
                Content.assemble(
                    ("Address  ", "bold"),
                    f"{self.address.rstrip('/')}/s/{info.code}",
                    "\n",
                    ("Link for " + partner + "  ", "bold"),
                    info.link(self.address, "partner"),
                )
            )
        else:
            where.update(
                Content.assemble(
                    ("No workshop server is serving this database. ", "$warning"),
                    "Start one on this machine (",
                    ("playbook serve --host 0.0.0.0", "bold"),
                    "): the address then shows here.",
                )
            )
        self.query_one("#session-keys", Static).update(
            Content.assemble(
                ("Session ", "bold"),
                info.display_code,
                "\n",
                (f"{partner}'s key  ", "bold"),
                (display_key(info.keys["partner"]), "bold $accent"),
                "  (send it with the link)\n",
                (f"{us}'s key  ", "bold"),
                display_key(info.keys["ours"]),
                "  (to answer on the web page)",
            )
        )
        lines = [Content.styled("Where each side is", "bold")]
        for seat in info.seats:
            style = "$success" if seat.submitted else "$foreground-muted"
            mark = "✓" if seat.submitted else "…"
            lines.append(
                Content.assemble(
                    (f"  {mark} ", style), Content(seat.company), (f": {seat.words}", style)
                )
            )
        lines.append(
            Content.styled(
                "Neither side sees the other's answers until both have submitted.",
                "$foreground-muted",
            )
        )
        self.query_one("#session-seats", Static).update(Content("\n").join(lines))
        qr = self.query_one("#session-qr", Static)
        qr.display = bool(self.address) and (
            self.app.size.width >= QR_MIN_WIDTH and self.app.size.height >= QR_MIN_HEIGHT
        )
        if qr.display and self.address:
            from playbook.services.qr import qr_rows
            from playbook.tui.widgets.workshop_view import qr_block

            qr.update(
                Content.assemble(
                    Content.styled(f"{partner} scans this\n", "bold"),
                    qr_block(qr_rows(info.link(self.address, "partner"))),
                )
            )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "submit_ours":
            return bool(self.info and not self.info.seats[0].submitted)
        return True

    def action_submit_ours(self) -> None:
        problems = self.query_one("#session-problems", Static)
        if self.info is None:
            return
        try:
            self.services.partner_sessions.submit_ours(self.alliance, self.info.code)
        except AnswersRefused as refused:
            lines = [Content.styled(str(refused), "bold $text-error")]
            lines += [
                Content.assemble(("  ⚑ ", "$warning"), f"{where}: ", " ".join(said))
                for where, said in list(refused.problems.items())[:6]
            ]
            problems.update(Content("\n").join(lines))
            return
        except (WorkshopError, StoreError) as error:
            problems.update(Content.styled(in_words(error), "$text-error"))
            return
        problems.update(Content.styled("Our side is submitted.", "$success"))
        self.refresh_session(force=True)
        self.refresh_bindings()

    def action_close(self) -> None:
        self.dismiss(bool(self.info and self.info.finished))
