"""Provides the alliance charter, to send to the partner, and the private annex, to keep.

The charter holds the shared terms only, in the two companies' names ("What Tidewell
brings", "Harbour Market decides"): parties and signatories, the goal and scorecard, scope,
contributions, money, governance, decision rights, the terms that hold while it runs, the
exit, disputes, the pilot, a change log and a signature block. No help text of the app, no
scores, no evidence, no flags: a term not agreed yet says so, and the first lines say how
many there are.

The annex is ours alone: the partner due diligence (scores, evidence, sources, where each
company sits on each cultural dimension), the red flags with what we said we would do, our
notes, and what is still open in each stage.

Every field goes to the section its stage file names (`charter:`); the sections in
PRIVATE go to the annex, a field with no section too.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime

from playbook.content.fields import (
    SOURCE_LABELS,
    Bullets,
    CompareField,
    Grid,
    Para,
    ScoreField,
    WorksheetField,
)
from playbook.content.models import Stage
from playbook.domain.checks import Context, split_person
from playbook.domain.document import Document, Heading, Note, Part, Signatures, to_markdown
from playbook.domain.flags import stage_flags
from playbook.domain.progress import PlaybookProgress, Status, playbook_progress
from playbook.domain.vibe import scorecard

SHARED = (
    ("parties", "Parties and signatories"),
    ("objectives", "Objectives"),
    ("scope", "Scope and form"),
    ("contributions", "Contributions"),
    ("financial-terms", "Financial terms"),
    ("governance", "Governance"),
    ("decision-rights", "Decision rights"),
    ("terms", "While the alliance runs"),
    ("exit", "Exit terms"),
    ("disputes", "Disputes"),
    ("pilot", "Pilot plan"),
)
PRIVATE = ("due-diligence", "flags", "notes", "annex")
SIGNATORIES = ("our-signatory", "their-signatory")  # field ids that fill the signature block
NOT_AGREED = "Not agreed yet."


@dataclass(frozen=True)
class Version:
    """An exported version of the charter: its number, when, and the shared answers."""

    number: int
    at: datetime
    answers: Mapping[str, Mapping[str, str]]


@dataclass(frozen=True)
class CharterInput:
    name: str
    our_side: str
    partner: str
    kind: str
    author: str
    today: date
    stages: tuple[Stage, ...]
    ticked: dict[str, set[str]]
    values: dict[str, dict[str, object]]  # typed answers by stage, then field
    raw: Mapping[str, Mapping[str, str]] = field(default_factory=dict)  # the stored text
    versions: tuple[Version, ...] = ()  # the exports so far, oldest first
    acknowledged: Mapping[str, str] = field(default_factory=dict)  # flag id -> our note
    milestones: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    # The gaps between the two sides still open: (item id, for us, for the charter)
    open_gaps: tuple[tuple[str, str, str], ...] = ()
    stress: tuple[str, tuple[dict, ...]] | None = None  # the last stress test: (when, results)

    @property
    def us(self) -> str:
        return self.our_side or "our side"

    @property
    def them(self) -> str:
        return self.partner or "the partner"

    def context(self) -> Context:
        return Context(
            today=self.today,
            us=self.us,
            them=self.them,
            stages=self.stages,
            values=self.values,
            acknowledged=frozenset(self.acknowledged),
            milestones=self.milestones,
        )

    @property
    def named(self) -> tuple[Stage, ...]:
        return tuple(s.named(self.us, self.them) for s in self.stages)


def shared_answers(data: CharterInput) -> dict[str, dict[str, str]]:
    """The stored text of every answer the charter shows (what a version is compared on)."""
    shared = {key for key, _ in SHARED} | _custom_sections(data.stages)
    found: dict[str, dict[str, str]] = {}
    for stage in data.stages:
        for answer in stage.fields:
            text = data.raw.get(stage.id, {}).get(answer.id, "")
            if answer.charter in shared and text.strip():
                found.setdefault(stage.id, {})[answer.id] = text
    return found


def _custom_sections(stages: tuple[Stage, ...]) -> set[str]:
    known = {key for key, _ in SHARED} | set(PRIVATE)
    return {f.charter for s in stages for f in s.fields if f.charter and f.charter not in known}


def _value(data: CharterInput, stage: Stage, answer: WorksheetField) -> object:
    values = data.values.get(stage.id, {})
    return values[answer.id] if answer.id in values else answer.read("")


def _entries(stages: tuple[Stage, ...]) -> dict[str, list[tuple[Stage, WorksheetField]]]:
    by_section: dict[str, list[tuple[Stage, WorksheetField]]] = {}
    for stage in stages:
        for answer in stage.fields:
            by_section.setdefault(answer.charter or "notes", []).append((stage, answer))
    return by_section


def _answer(data: CharterInput, stage: Stage, answer: WorksheetField) -> list[Part]:
    value = _value(data, stage, answer)
    heading = Para("", lead=answer.heading(data.us, data.them))
    if answer.is_blank(value):
        return [heading, Note(NOT_AGREED)]
    return [heading, *answer.present(value)]


def changes_between(data: CharterInput, old: Mapping, new: Mapping) -> list[str]:
    """The headings of the shared answers that differ between two versions."""
    changed = []
    shared = {key for key, _ in SHARED} | _custom_sections(data.stages)
    for stage in data.named:
        for answer in stage.fields:
            if answer.charter not in shared:
                continue
            before = old.get(stage.id, {}).get(answer.id, "")
            after = new.get(stage.id, {}).get(answer.id, "")
            if before.strip() != after.strip():
                changed.append(answer.heading(data.us, data.them))
    return changed


def charter_document(data: CharterInput, version: int | None = None) -> Document:
    """The charter to send. `version`: the number it will carry when exported (the next
    one); the change log compares it with the version before."""
    stages = data.named
    entries = _entries(stages)
    number = version if version is not None else len(data.versions) + 1
    not_agreed = sum(
        1
        for key, _ in SHARED
        for stage, answer in entries.get(key, [])
        if answer.required and answer.is_blank(_value(data, stage, answer))
    )
    open_shared = len(data.open_gaps)
    if not_agreed:
        state = f"Draft: {not_agreed} term{'s are' if not_agreed != 1 else ' is'} not agreed yet."
    elif open_shared:
        state = f"Draft: the two sides differ on {open_shared} point{'s' * (open_shared != 1)}."
    else:
        state = "Ready for signature."
    subtitle = (
        f"An alliance between {data.us} and {data.them}"
        + (f": {data.kind.strip().rstrip('.')}." if data.kind.strip() else "."),
        f"Version {number}, {data.today:%-d %B %Y}. {state}",
    )
    parts: list[Part] = []
    sections = list(SHARED) + [
        (key, key.replace("-", " ").capitalize()) for key in sorted(_custom_sections(data.stages))
    ]
    for key, title in sections:
        items = entries.get(key, [])
        items = [(s, a) for s, a in items if a.required or not a.is_blank(_value(data, s, a))]
        if not items:
            continue
        parts.append(Heading(title))
        for stage, answer in items:
            parts += _answer(data, stage, answer)
    shared_gaps = [charter_text for _id, _text, charter_text in data.open_gaps]
    if shared_gaps:
        parts.append(Heading("Open between the parties"))
        parts.append(Note("Where the two sides' answers still differ; to agree before signing."))
        parts.append(Bullets(tuple(shared_gaps)))
    parts += _version_log(data, number)
    parts.append(Heading("Signatures"))
    parts.append(Signatures(_signatories(data)))
    return Document(f"Alliance charter: {data.name}", tuple(parts), subtitle)


def _version_log(data: CharterInput, number: int) -> list[Part]:
    current = shared_answers(data)
    lines = []
    previous: Mapping = {}
    for old in data.versions:
        if old.number >= number:
            break
        changed = changes_between(data, previous, old.answers) if previous else []
        what = "first version" if not previous else _changed_words(changed)
        lines.append(f"Version {old.number}, {old.at:%-d %B %Y}: {what}")
        previous = old.answers
    what = _changed_words(changes_between(data, previous, current)) if previous else "first version"
    lines.append(f"Version {number}, {data.today:%-d %B %Y} (this one): {what}")
    return [Heading("Versions"), Bullets(tuple(lines))]


def _changed_words(changed: list[str]) -> str:
    if not changed:
        return "no change to the terms"
    return "changed " + "; ".join(changed)


def _signatories(data: CharterInput) -> tuple[tuple[str, str, str], ...]:
    people = {}
    for stage in data.stages:
        for answer in stage.fields:
            if answer.id in SIGNATORIES:
                name, title = split_person(str(_value(data, stage, answer)))
                people[answer.id] = (name, title)
    ours = people.get(SIGNATORIES[0], ("", ""))
    theirs = people.get(SIGNATORIES[1], ("", ""))
    return ((data.us, *ours), (data.them, *theirs))


def annex_document(data: CharterInput, version: int | None = None) -> Document:
    """Our private annex: due diligence, scores, evidence, red flags, notes, open items."""
    stages = data.named
    number = version if version is not None else len(data.versions) + 1
    ctx = data.context()
    progress = playbook_progress(list(data.stages), data.ticked, data.values, ctx)
    parts: list[Part] = []
    vibe = next((s for s in stages if any(isinstance(f, ScoreField) for f in s.fields)), None)
    if vibe is not None:
        parts += _due_diligence(data, vibe)
    parts += _flag_parts(data, stages)
    entries = _entries(stages)
    notes = [
        (s, a)
        for key in ("notes", "annex")
        for s, a in entries.get(key, [])
        if not a.is_blank(_value(data, s, a))
    ]
    if notes:
        parts.append(Heading("Our notes"))
        for stage, answer in notes:
            parts += _answer(data, stage, answer)
    private_gaps = [text for _id, text, _charter in data.open_gaps]
    if private_gaps:
        parts.append(Heading("Where the two sides differ"))
        parts.append(Bullets(tuple(private_gaps)))
    parts += _stress_parts(data)
    parts += _open_items(data, progress, ctx)
    subtitle = (
        f"Confidential to {data.us}: not for {data.them}.",
        f"Goes with version {number} of the charter, {data.today:%-d %B %Y}. "
        f"Prepared by {data.author or data.us}.",
    )
    return Document(f"Private annex: {data.us} on {data.them}", tuple(parts), subtitle)


def _due_diligence(data: CharterInput, stage: Stage) -> list[Part]:
    card = scorecard(stage, data.values.get(stage.id, {}))
    rows = []
    for factor in card.factors:
        answer = next(f for f in stage.fields if f.id == factor.field_id)
        value = _value(data, stage, answer)
        sources = ", ".join(SOURCE_LABELS.get(s, s) for s in value.sources)
        rows.append(
            (
                factor.label,
                f"{factor.score} of 5" if factor.score else "not scored",
                value.evidence.strip() or "none",
                sources or "none",
            )
        )
    parts: list[Part] = [Heading("Partner due diligence")]
    scored = [f for f in card.factors if f.score is not None]
    if scored:
        average = sum(f.score for f in scored) / len(scored)
        parts.append(
            Para(
                f"{average:.1f} of 5 on average, from {len(scored)} of {len(card.factors)} "
                "factors scored",
                lead="Overall",
            )
        )
    parts.append(Grid(("Factor", "Score", "Evidence", "Where it came from"), tuple(rows)))
    for answer in stage.fields:  # the stage's other answers: our notes on the partner
        if isinstance(answer, ScoreField | CompareField) or answer.charter != "due-diligence":
            continue
        if not answer.is_blank(_value(data, stage, answer)):
            parts += _answer(data, stage, answer)
    if card.dimensions:
        parts.append(Heading("Cultural fit", 3))
        dims = tuple(
            (
                d.label,
                f"{d.low_pole} (1) to {d.high_pole} (5)",
                "?" if d.us is None else str(d.us),
                "?" if d.them is None else str(d.them),
                "?" if d.gap is None else str(d.gap),
            )
            for d in card.dimensions
        )
        parts.append(Grid(("Dimension", "Scale", data.us, data.them, "Gap"), dims))
    return parts


def _flag_parts(data: CharterInput, stages: tuple[Stage, ...]) -> list[Part]:
    lines = []
    for stage in stages:
        for flag in stage_flags(stage, data.values.get(stage.id, {})):
            note = data.acknowledged.get(flag.id)
            state = f"noted: {note}" if note else "OPEN: not answered yet"
            lines.append(f"{stage.title}: {flag.text}. {state}")
    if not lines:
        return [Heading("Red flags"), Note("None: no weak score, culture gap or walk-away signal.")]
    return [Heading("Red flags"), Bullets(tuple(lines))]


def _stress_parts(data: CharterInput) -> list[Part]:
    if data.stress is None:
        return []
    when, results = data.stress
    covered = sum(1 for r in results if r.get("covered"))
    rows = []
    for result in results:
        if result.get("covered"):
            clause = "; ".join(f"{label}: {text}" for label, text in result.get("clauses", []))
            rows.append((result.get("title", ""), "covered", clause))
        else:
            rows.append((result.get("title", ""), "NOT COVERED", result.get("add", "")))
    return [
        Heading("Exit stress test"),
        Para(f"{covered} of {len(results)} scenarios covered, run {when}", lead="Last run"),
        Grid(("Scenario", "", "The clause, or what to add"), tuple(rows)),
    ]


def _open_items(data: CharterInput, progress: PlaybookProgress, ctx: Context) -> list[Part]:
    lines = []
    for item in progress.stages:
        if item.status is Status.DONE:
            continue
        gaps = []
        if item.total - item.ticked:
            gaps.append(f"{item.total - item.ticked} checklist items open")
        failing = {f.field_id: f for f in item.check.failures}
        if failing:
            gaps.append(f"{len(failing)} worksheet answers missing or unfinished")
        if item.flags:
            gaps.append(f"{len(item.flags)} red flag{'s' if len(item.flags) != 1 else ''} open")
        lines.append(f"{item.stage.title}: {item.words} ({', '.join(gaps) or 'nothing'})")
        for failure in item.check.failures:
            lines.append(f"{item.stage.title}, {failure.label}: {failure.message}")
    if not lines:
        return [Heading("Open items"), Note("None: every stage is done.")]
    return [Heading("Open items"), Bullets(tuple(lines))]


def build_charter(data: CharterInput, version: int | None = None) -> str:
    """The charter as Markdown."""
    return to_markdown(charter_document(data, version))


def build_annex(data: CharterInput, version: int | None = None) -> str:
    """The private annex as Markdown."""
    return to_markdown(annex_document(data, version))
