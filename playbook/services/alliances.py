"""Provides Alliances: the alliances a founder is forming, and how far each has come."""

from __future__ import annotations

from typing import TYPE_CHECKING

from playbook.content.library import Library
from playbook.content.models import Stage
from playbook.domain.checks import Context, read_all, read_answers
from playbook.domain.progress import PlaybookProgress, playbook_progress
from playbook.services.clock import Clock
from playbook.services.names import clean_name
from playbook.store.records import Alliance
from playbook.store.store import Store

if TYPE_CHECKING:
    from playbook.domain.vibe import Scorecard

VIBE_CHECK = "vibe-check"


class Alliances:
    def __init__(self, store: Store, library: Library, clock: Clock) -> None:
        self.rows = store.alliances
        self.library = library
        self.clock = clock

    def of_profile(self, profile_id: int) -> list[Alliance]:
        """A profile's alliances in a stable order: the order they were made."""
        return self.rows.of_profile(profile_id)

    def get(self, alliance_id: int) -> Alliance | None:
        return self.rows.get(alliance_id)

    def current(self, profile_id: int) -> Alliance | None:
        """The alliance the founder worked on last, if any."""
        return self.rows.latest(profile_id)

    def create(
        self, profile_id: int, partner: str, our_side: str, kind: str = "", name: str = ""
    ) -> Alliance:
        """ValueError (saying which) for a blank or too long name."""
        partner = clean_name(partner, "partner's name")
        our_side = clean_name(our_side, "name of your side")
        name = clean_name(name, "alliance name") if name.strip() else f"{our_side} × {partner}"
        kind = " ".join(kind.split())
        return self.rows.create(profile_id, name, partner, our_side, kind, self.clock())

    def delete(self, alliance: Alliance) -> None:
        self.rows.delete(alliance.id)

    def find(self, key: str, profile_id: int | None = None) -> list[Alliance]:
        """Alliances whose id or name (or partner) matches `key`, for the command line."""
        key = key.strip()
        rows = self.rows.of_profile(profile_id) if profile_id is not None else self.rows.everyone()
        if key.isdigit():
            return [a for a in rows if a.id == int(key)]
        if not key:
            return rows
        folded = key.casefold()
        exact = [a for a in rows if folded in (a.name.casefold(), a.partner.casefold())]
        if exact:
            return exact
        return [a for a in rows if folded in a.name.casefold()]

    # -- progress ---------------------------------------------------------

    def values(self, alliance: Alliance) -> dict[str, dict[str, object]]:
        """Every stage's answers, read once into their kinds' typed values."""
        return read_all(self.library.ordered_stages, self.rows.answers(alliance.id))

    def ticked(self, alliance: Alliance) -> dict[str, set[str]]:
        return self.rows.ticked(alliance.id)

    def context(self, alliance: Alliance, values: dict | None = None) -> Context:
        """What the checks across fields and stages read: today, the names, every answer."""
        return Context(
            today=self.clock().astimezone().date(),
            us=alliance.our_side,
            them=alliance.partner,
            stages=tuple(self.library.ordered_stages),
            values=values if values is not None else self.values(alliance),
            acknowledged=frozenset(self.rows.acknowledgements(alliance.id)),
            milestones={m.stage_id: m.answers for m in self.rows.milestones(alliance.id).values()},
        )

    def progress(self, alliance: Alliance) -> PlaybookProgress:
        values = self.values(alliance)
        return playbook_progress(
            self.library.ordered_stages,
            self.ticked(alliance),
            values,
            self.context(alliance, values),
        )

    def scorecard(self, alliance: Alliance) -> Scorecard | None:
        """The alliance's Vibe-check scorecard (None when the content has no such stage)."""
        from playbook.domain.vibe import scorecard  # its own screens ask; home does not

        stage: Stage | None = self.library.stages.get(VIBE_CHECK)
        if stage is None:
            return None
        raw = self.rows.answers(alliance.id, stage.id).get(stage.id, {})
        return scorecard(stage, read_answers(stage, raw))

    # -- worksheets as files ------------------------------------------------

    def sheet_text(self, alliance: Alliance) -> str:
        """The alliance as a worksheet file (see services/worksheet_files.py)."""
        from playbook.services.worksheet_files import write_sheet

        notes = {a.flag_id: a.note for a in self.rows.acknowledgements(alliance.id).values()}
        return write_sheet(
            self.library,
            alliance.partner,
            alliance.our_side,
            alliance.name,
            alliance.kind,
            self.rows.answers(alliance.id),
            self.rows.ticked(alliance.id),
            notes,
        )

    def import_sheet(self, profile_id: int, sheet, replace: bool = False) -> tuple[Alliance, bool]:
        """Create the sheet's alliance, or (with `replace`) make an existing one of the same
        name hold exactly the sheet's answers. FileExistsError when it exists and `replace`
        is not given; ValueError for a sheet with problems."""
        if sheet.problems:
            raise ValueError(f"the file has {len(sheet.problems)} problems")
        side = sheet.side or "Our side"
        name = sheet.name or f"{side} × {sheet.partner}"
        existing = [a for a in self.of_profile(profile_id) if a.name.casefold() == name.casefold()]
        if existing and not replace:
            raise FileExistsError(name)
        if existing:
            alliance = existing[0]
            self.rows.update_names(alliance.id, alliance.name, sheet.partner, side, sheet.kind)
            created = False
        else:
            alliance = self.create(profile_id, sheet.partner, side, sheet.kind, name)
            created = True
        self.rows.replace_worksheets(
            alliance.id, sheet.answers, sheet.ticked, sheet.notes, self.clock()
        )
        return self.rows.get(alliance.id) or alliance, created
