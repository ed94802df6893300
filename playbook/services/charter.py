"""Provides Charters: an alliance's charter to send and its private annex, previewed and
exported (Markdown, HTML or Word), each export a new version with its change log."""

from __future__ import annotations

import re
from pathlib import Path

from playbook.content.library import Library
from playbook.domain.charter import (
    CharterInput,
    Version,
    annex_document,
    changes_between,
    charter_document,
    shared_answers,
)
from playbook.domain.document import Document, to_markdown
from playbook.domain.progress import Status
from playbook.services.alliances import Alliances
from playbook.services.clock import Clock
from playbook.services.documents import Format, render, write_new
from playbook.services.partner import Partners
from playbook.store.records import Alliance
from playbook.store.store import Store

CHARTER, ANNEX, GAP = "charter", "annex", "gap"


class Charters:
    def __init__(self, store: Store, library: Library, clock: Clock) -> None:
        self.store = store
        self.library = library
        self.clock = clock
        self.alliances = Alliances(store, library, clock)
        self.partners = Partners(store, library, clock)

    def input(self, alliance: Alliance) -> CharterInput:
        rows = self.store.alliances
        profile = self.store.profiles.get(alliance.profile_id)
        return CharterInput(
            name=alliance.name,
            our_side=alliance.our_side,
            partner=alliance.partner,
            kind=alliance.kind,
            author=profile.name if profile else "",
            today=self.clock().astimezone().date(),
            stages=tuple(self.library.ordered_stages),
            ticked=self.alliances.ticked(alliance),
            values=self.alliances.values(alliance),
            raw=rows.answers(alliance.id),
            versions=tuple(Version(e.version, e.at, e.answers) for e in rows.exports(alliance.id)),
            acknowledged={a.flag_id: a.note for a in rows.acknowledgements(alliance.id).values()},
            milestones={m.stage_id: m.answers for m in rows.milestones(alliance.id).values()},
            open_gaps=tuple(
                (i.id, i.text, i.charter_text) for i in self.partners.gap(alliance).open
            ),
            stress=self._stress(alliance),
        )

    def _stress(self, alliance: Alliance) -> tuple[str, tuple[dict, ...]] | None:
        runs = self.store.alliances.stress_tests(alliance.id)
        if not runs:
            return None
        at, results = runs[-1]
        return f"{at.astimezone():%-d %B %Y}", tuple(results)

    def document(self, alliance: Alliance, which: str = CHARTER) -> Document:
        data = self.input(alliance)
        return annex_document(data) if which == ANNEX else charter_document(data)

    def markdown(self, alliance: Alliance, which: str = CHARTER) -> str:
        """The document as it would be exported now (the next version)."""
        return to_markdown(self.document(alliance, which))

    def changed_since_export(self, alliance: Alliance) -> list[str]:
        """The shared terms changed since the last export (headings), [] if none or never
        exported."""
        data = self.input(alliance)
        if not data.versions:
            return []
        return changes_between(data, data.versions[-1].answers, shared_answers(data))

    def export(
        self,
        alliance: Alliance,
        path: Path,
        which: str = CHARTER,
        fmt: Format | None = None,
        overwrite: bool = False,
    ) -> tuple[Path, int]:
        """Write the charter (a new version, recorded with what it held) or the annex (for
        the current version). Raises FileExistsError unless `overwrite`, NotADirectoryError
        for a missing folder, OSError for anything else the system refuses."""
        fmt = fmt or Format.of(path) or Format.MARKDOWN
        if which == GAP:  # the two sides compared: no version of its own
            document = self.partners.document(alliance)
            return write_new(path, render(document, fmt), overwrite=overwrite), 0
        data = self.input(alliance)
        number = len(data.versions) + 1 if which == CHARTER else max(1, len(data.versions))
        document = (
            charter_document(data, number) if which == CHARTER else annex_document(data, number)
        )
        written = write_new(path, render(document, fmt), overwrite=overwrite)
        if which == CHARTER:
            progress = self.alliances.progress(alliance)
            done = {
                p.stage.id for p in progress.stages if p.status in (Status.DONE, Status.FLAGGED)
            }
            stored = data.raw
            milestones = {
                stage_id: {k: v for k, v in stored.get(stage_id, {}).items() if v.strip()}
                for stage_id in done
            }
            self.store.alliances.record_export(
                alliance.id, shared_answers(data), self.clock(), milestones
            )
        return written, number


def default_name(alliance: Alliance, which: str = CHARTER, fmt: Format = Format.MARKDOWN) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", alliance.name.casefold()).strip("-") or "alliance"
    return f"{slug[:60]}-{which}.{fmt.value}"


def default_charter_name(alliance: Alliance) -> str:
    return default_name(alliance)
