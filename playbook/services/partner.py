"""Provides Partners: the partner's side of an alliance and the gap between the two sides.

The partner answers on their own sheet, from their own point of view (sent as a file, or,
with the workshop server, live), checked with the same rules. The gap view compares it with
ours; a gap is open until it is agreed (the wording, who agreed, when), and the charter
lists the open ones on shared terms.
"""

from __future__ import annotations

from datetime import date

from playbook.content.fields import Bullets, Grid, Para
from playbook.content.library import Library
from playbook.domain.checks import Context, read_all
from playbook.domain.document import Bars, Document, Heading, Note, Part
from playbook.domain.gap import (
    Gap,
    OpenItem,
    Resolution,
    gap,
    partner_stages,
)
from playbook.services.clock import Clock
from playbook.services.worksheet_files import (
    Problem,
    Sheet,
    Verdict,
    read_sheet,
    verdicts,
    write_sheet,
)
from playbook.store.records import Alliance
from playbook.store.store import Store


class Partners:
    def __init__(self, store: Store, library: Library, clock: Clock) -> None:
        self.rows = store.alliances
        self.store = store
        self.library = library
        self.clock = clock

    @property
    def stages(self):
        return partner_stages(self.library.ordered_stages)

    # -- the partner's sheet, as a file -------------------------------------------------

    def sheet_text(self, alliance: Alliance) -> str:
        """The partner's sheet: their side of the answers that take two to agree, from their
        point of view, with whatever they answered before."""
        return write_sheet(
            self.library,
            partner=alliance.our_side,
            side=alliance.partner,
            name=alliance.name,
            kind=alliance.kind,
            answers=self.rows.partner_answers(alliance.id),
            stages=self.stages,
            with_flags=False,
            header=(
                f"Alliance Playbook: {alliance.partner}'s side of the alliance with "
                f"{alliance.our_side}.",
                f"{alliance.our_side} has answered the same questions from its side; fill in",
                f'yours in your own words ("we" is {alliance.partner}), then send the file back.',
                "Nothing here is shared beyond the two companies.",
            ),
        )

    def read(self, alliance: Alliance, text: str) -> tuple[Sheet, list[Verdict]]:
        """The partner's file read and checked: its shape problems (nothing is stored while
        there are any) and each answer's verdicts at its line."""
        sheet = read_sheet(text, self.library, self.stages)
        if sheet.side and sheet.side.casefold() != alliance.partner.casefold():
            sheet.problems.append(
                Problem(
                    1,
                    "alliance.side",
                    f"this sheet is {sheet.side}'s, not {alliance.partner}'s: is it the "
                    "right file?",
                )
            )
        if sheet.problems:
            return sheet, []
        ctx = Context(
            today=self.clock().astimezone().date(),
            us=alliance.partner,
            them=alliance.our_side,
        )
        return sheet, verdicts(sheet, self.library, ctx, self.stages, with_flags=False)

    def store_answers(self, alliance: Alliance, sheet: Sheet) -> None:
        if sheet.problems:
            raise ValueError(f"the file has {len(sheet.problems)} problems")
        self.rows.replace_partner_answers(alliance.id, sheet.answers, self.clock())

    # -- the gap -------------------------------------------------------------------------

    def gap(self, alliance: Alliance) -> Gap:
        stages = tuple(self.library.ordered_stages)
        ours = read_all(stages, self.rows.answers(alliance.id))
        theirs = read_all(stages, self.rows.partner_answers(alliance.id))
        resolved = {
            item: Resolution(item, fingerprint, agreed, by, at)
            for item, fingerprint, agreed, by, at in self.rows.resolutions(alliance.id)
        }
        return gap(stages, ours, theirs, alliance.our_side, alliance.partner, resolved)

    def resolve(self, alliance: Alliance, item: OpenItem, agreed: str, by: str) -> None:
        """Record that both sides agreed: the wording, and who agreed for them. ValueError
        when either is blank."""
        agreed, by = " ".join(agreed.split()), " ".join(by.split())
        if len(agreed.split()) < 2:
            raise ValueError("Write what was agreed, in a few words at least.")
        if not by:
            raise ValueError("Say who agreed (a name for each side).")
        self.rows.resolve(alliance.id, item.id, item.fingerprint, agreed, by, self.clock())

    def document(self, alliance: Alliance) -> Document:
        return gap_document(self.gap(alliance), self.clock().astimezone().date())


def gap_document(found: Gap, today: date) -> Document:
    """The two sides compared, as a document (Markdown, HTML, Word)."""
    us, them = found.us, found.them
    parts: list[Part] = []
    if not found.answered:
        parts.append(Note(f"{them} has not answered yet: send them their sheet."))
    parts.append(Heading("The goal"))
    parts.append(Para(found.goal_ours or "(not written)", lead=f"{us}'s words"))
    parts.append(Para(found.goal_theirs or "(not written)", lead=f"{them}'s words"))
    if found.goal_theirs and not found.goal.same:
        changes = [
            f"{us} wrote “{words}”" if kind == "ours" else f"{them} wrote “{words}”"
            for kind, words in found.goal.runs
            if kind != "same"
        ]
        parts.append(Bullets(tuple(changes)))
    elif found.goal_theirs:
        parts.append(Note("The same words."))
    parts.append(Heading("What each side brings and gets"))
    for _field_id, heading, lists in found.lists:
        rows = [(i, "yes", "no") for i in lists.only_ours]
        rows += [(i, "no", "yes") for i in lists.only_theirs]
        rows += [(i, "yes", "yes") for i in lists.both]
        parts.append(Para("", lead=heading))
        if not lists.compared:
            parts.append(Note("Not answered by both sides yet."))
        elif rows:
            parts.append(Grid(("Item", f"{us} named it", f"{them} named it"), tuple(rows)))
        else:
            parts.append(Note("Nothing to compare yet."))
    parts.append(Heading("How each side scores the other"))
    parts.append(
        Bars(
            tuple((s.label, s.ours, s.theirs) for s in found.scores),
            (f"{us} scores {them}", f"{them} scores {us}"),
            5,
        )
    )
    parts.append(Heading("Cultures, as each side sees them"))
    parts.append(
        Bars(
            tuple((f"{p.label}: {p.company}", p.by_us, p.by_them) for p in found.places),
            (f"as {us} sees it", f"as {them} sees it"),
            5,
        )
    )
    parts.append(Heading("Exit triggers"))
    t = found.triggers
    rows = [(x, "yes", "no") for x in t.only_ours] + [(x, "no", "yes") for x in t.only_theirs]
    rows += [(x, "yes", "yes") for x in t.both]
    parts.append(Grid(("Trigger", us, them), tuple(rows)) if rows else Note("None ticked yet."))
    parts.append(Heading("Open items"))
    if found.open:
        parts.append(Bullets(tuple(i.text for i in found.open)))
    else:
        parts.append(Note("None: every gap is agreed." if found.items else "No gap found."))
    agreed = [
        f"{r.agreed} (agreed by {r.by}, {r.at[:10]})"
        for i in found.items
        if (r := found.resolved.get(i.id)) and r.fingerprint == i.fingerprint
    ]
    if agreed:
        parts.append(Heading("Agreed"))
        parts.append(Bullets(tuple(agreed)))
    subtitle = (f"{us} and {them}, side by side, {today:%-d %B %Y}.",)
    return Document(f"Where {us} and {them} differ", tuple(parts), subtitle)
