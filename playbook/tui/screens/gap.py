"""Provides GapScreen: our answers and the partner's side by side, and the open items."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Footer, Header, Static

from playbook.domain.gap import Gap
from playbook.services.errors import StoreError
from playbook.services.records import Alliance
from playbook.tui.base import PlaybookScreen, in_words
from playbook.tui.widgets.bars import paired_rows


def goal_diff(found: Gap) -> Content:
    """The two goals, word by word: ours marked in one colour, theirs in another, with a
    sign (+ theirs, - ours) so it reads without colour."""
    if not found.goal_theirs:
        return Content.styled("They have not written their goal yet.", "$foreground-muted")
    if found.goal.same:
        return Content.assemble(found.goal_ours, ("   (the same words)", "$text-success"))
    pieces: list[Content] = []
    for kind, words in found.goal.runs:
        if kind == "same":
            pieces.append(Content(words))
        elif kind == "ours":
            pieces.append(Content.styled(f"[-{words}]", "bold $primary"))
        else:
            pieces.append(Content.styled(f"[+{words}]", "bold $warning"))
    return Content(" ").join(pieces)


class GapScreen(PlaybookScreen):
    """Where the two sides' answers differ; a agrees an open item, l opens a live session."""

    CSS_PATH = "gap.tcss"
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("a", "agree", "Agree an item"),
        Binding("e", "export", "Export"),
        Binding("l", "live_session", "Live session"),
    ]

    def __init__(self, alliance: Alliance) -> None:
        super().__init__()
        self.alliance = alliance

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="gap-body"):
            yield Static(id="gap-about")
            yield Static(id="gap-goal", classes="gap-part")
            yield Static(id="gap-lists", classes="gap-part")
            yield Static(id="gap-scores", classes="gap-part")
            yield Static(id="gap-places", classes="gap-part")
            yield Static(id="gap-open", classes="gap-part")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = f"{self.alliance.name} · Both sides"
        self.show()

    def on_resize(self) -> None:
        self.show()

    def show(self) -> None:
        found = self.services.partners.gap(self.alliance)
        self.found = found
        us, them = found.us, found.them
        self.query_one("#gap-about", Static).update(
            Content.from_markup(
                "$them's own answers beside $us's. Not answered yet? Send them their sheet: "
                "[b]playbook alliance partner-sheet[/b], then [b]partner-import[/b]; or press "
                "[b]l[/b] for a live session through the workshop server.",
                us=us,
                them=them,
            )
            if not found.answered
            else Content.from_markup(
                "$us's answers beside $them's own. [b]-words[/b] only $us wrote, "
                "[b]+words[/b] only $them.",
                us=us,
                them=them,
            )
        )
        self.query_one("#gap-goal", Static).update(
            Content.assemble(("The goal\n", "bold"), goal_diff(found))
        )
        lines = [Content.styled("What each side brings and gets", "bold")]
        for _field_id, heading, lists in found.lists:
            lines.append(Content.styled(heading, "italic"))
            for item in lists.only_ours:
                lines.append(Content.assemble(("  - only ", "$primary"), f"{us}: ", item))
            for item in lists.only_theirs:
                lines.append(Content.assemble(("  + only ", "$warning"), f"{them}: ", item))
            if not lists.compared:
                lines.append(
                    Content.styled("  not answered by both sides yet", "$foreground-muted")
                )
            elif not (lists.only_ours or lists.only_theirs):
                lines.append(Content.styled("  the same things", "$foreground-muted"))
        self.query_one("#gap-lists", Static).update(Content("\n").join(lines))
        width = 10 if self.size.width < 100 else 20
        scores = paired_rows(
            tuple((s.label, s.ours, s.theirs) for s in found.scores),
            (f"{us} scores {them}", f"{them} scores {us}"),
            5,
            width,
        )
        self.query_one("#gap-scores", Static).update(
            Content.assemble(("How each side scores the other\n", "bold"), scores)
        )
        places = paired_rows(
            tuple((f"{p.label}: {p.company}", p.by_us, p.by_them) for p in found.places),
            (f"as {us} sees it", f"as {them} sees it"),
            5,
            width,
        )
        self.query_one("#gap-places", Static).update(
            Content.assemble(("Both cultures, as each side sees them\n", "bold"), places)
        )
        items = found.open
        open_lines = [Content.styled(f"Open items: {len(items)}", "bold")]
        open_lines += [Content.assemble(("  ⚑ ", "$warning"), i.text) for i in items]
        if not items:
            open_lines.append(
                Content.styled(
                    "  None: every gap is agreed." if found.items else "  No gap.",
                    "$foreground-muted",
                )
            )
        self.query_one("#gap-open", Static).update(Content("\n").join(open_lines))
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "agree":
            return bool(getattr(self, "found", None) and self.found.open)
        return True

    def action_agree(self) -> None:
        from playbook.tui.dialogs.agree import AgreeDialog

        def save(item, wording: str, by: str) -> str | None:
            try:
                self.services.partners.resolve(self.alliance, item, wording, by)
            except ValueError as problem:
                return str(problem)
            except StoreError as error:
                return in_words(error)
            return None

        def done(saved: bool | None) -> None:
            if saved:
                self.show()

        self.app.push_screen(AgreeDialog(list(self.found.open), save), done)

    def action_live_session(self) -> None:
        """Both sides answer live through the workshop server (the partner on their phone
        or laptop); the gap shows their answers once both have submitted."""
        from playbook.tui.dialogs.partner_session import PartnerSessionDialog

        def closed(finished: bool | None) -> None:
            self.show()

        self.app.push_screen(PartnerSessionDialog(self.alliance), closed)

    def action_export(self) -> None:
        from playbook.tui.dialogs.export import ExportDialog

        def saved(result) -> None:
            if result is not None:
                self.notify(f"The gap view saved to {result[0]}", title="Exported", markup=False)

        self.app.push_screen(ExportDialog(self.alliance, "gap"), saved)
