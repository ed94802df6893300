"""Provides import_gift_file: a GIFT file's questions written into a content folder, as a new
bank, added to a bank, or added to a case (a bundled case is first copied into the folder,
where it replaces the bundled one, as any edited case does).

Nothing is written that the app would not read back: each file is read again as the
loader reads it, and a file that would lose a question is not written (the reasons are
reported instead). A question already in its bank or case (the same id: imported
before) is left as it is, so importing the same file twice adds nothing.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path

from playbook.content.gift_import import Imported, import_gift, slug
from playbook.content.library import Library
from playbook.content.placeholders import PLACEHOLDER
from playbook.content.problems import Problem
from playbook.content.questions import Question
from playbook.content.reader import SLUG
from playbook.content.writing import CannotAdd, add_questions, bank_text, write_file

UNEXPLAINED = f"{PLACEHOLDER}: what the answer teaches (the GIFT file had no general feedback)"


@dataclass
class Written:
    """One file written (or, with `refused`, not written) by an import."""

    path: Path
    owner: str
    added: list[Question] = field(default_factory=list)
    created: bool = False
    refused: list[Problem] = field(default_factory=list)


@dataclass
class GiftImport:
    files: list[Written] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)  # questions left out
    notes: list[Problem] = field(default_factory=list)
    lines: dict[str, int] = field(default_factory=dict)  # question id -> its GIFT line

    @property
    def added(self) -> int:
        return sum(len(f.added) for f in self.files if not f.refused)


def read_gift(path: Path) -> tuple[str | None, Problem | None]:
    try:
        raw = path.read_bytes()
    except OSError as error:
        return None, Problem(path, 1, f"cannot read file: {error.strerror or error}")
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return None, Problem(
            path, line, f"not UTF-8 text (byte 0x{raw[error.start]:02x}): save it as UTF-8"
        )


def import_gift_file(
    gift_path: Path,
    folder: Path,
    library: Library,
    *,
    case: str | None = None,
    bank: str | None = None,
) -> GiftImport:
    """Import `gift_path` into the content folder `folder`: into the case `case`, the bank
    `bank` (its id, or a title to make one from), or else one bank per GIFT category (the
    questions before any category go to a bank named after the file)."""
    result = GiftImport()
    text, unreadable = read_gift(gift_path)
    if text is None:
        assert unreadable is not None
        result.problems.append(unreadable)
        return result
    if case is not None:
        _into_case(result, text, gift_path, folder, library, case)
        return result
    if bank is not None:
        bank_id = bank if SLUG.match(bank) else slug(bank, words=8)
        title = "" if SLUG.match(bank) else bank
        if not bank_id:
            result.problems.append(Problem(gift_path, 1, f"{bank!r} cannot be made a bank id"))
            return result
        _into_bank(result, text, gift_path, folder, library, bank_id, title, split=False)
        return result
    _into_bank(result, text, gift_path, folder, library, "", "", split=True)
    return result


def _bank_for(category: str, gift_path: Path) -> tuple[str, str]:
    """(id, title) of the bank for a GIFT category: its last part (or else the file's name)."""
    parts = [p for p in category.replace("//", "\0").split("/") if p.strip()]
    name = parts[-1].replace("\0", "/").strip() if parts else ""
    if (name.startswith("$") and name.endswith("$")) or (
        name == "top" and len(parts) <= 2  # Moodle's root: "$course$/top"
    ):
        name = ""
    name = name or gift_path.stem.replace("_", " ").replace("-", " ").strip()
    return slug(name, words=8) or "imported", name[:1].upper() + name[1:]


def _into_bank(
    result: GiftImport,
    text: str,
    gift_path: Path,
    folder: Path,
    library: Library,
    bank_id: str,
    title: str,
    split: bool,
) -> None:
    imported = import_gift(text, gift_path, bank_id or "bank")
    result.problems += imported.problems
    result.notes += imported.notes
    result.lines.update(imported.lines)
    targets: dict[str, tuple[str, str, list[Question]]] = {}  # id -> title, category, questions
    for category, questions in imported.categories or [("", [])]:
        found_id, found_title = _bank_for(category, gift_path)
        if not split:
            found_id = bank_id
            known = library.banks.get(bank_id)
            found_title = title or (known.title if known else found_title)
        targets.setdefault(found_id, (found_title, category, []))[2].extend(questions)
    for found_id, (found_title, category, questions) in targets.items():
        owned = [replace(q, case_id=found_id) for q in questions]
        _write_bank(result, gift_path, folder, library, found_id, found_title, category, owned)


def _write_bank(
    result: GiftImport,
    gift_path: Path,
    folder: Path,
    library: Library,
    bank_id: str,
    title: str,
    category: str,
    questions: list[Question],
) -> None:
    path = folder / "banks" / f"{bank_id}.md"
    written = Written(path, bank_id)
    result.files.append(written)
    if bank_id in library.cases:
        written.refused.append(
            Problem(
                gift_path,
                1,
                f"a bank cannot be called '{bank_id}': a case has that id (give --bank NAME)",
            )
        )
        return
    existing = path.read_text(encoding="utf-8") if path.exists() else None
    taken = _ids_in(path) if existing is not None else set()
    questions = _new(result, gift_path, path, questions, taken)
    if not questions:
        return
    if existing is None:
        new_text = bank_text(
            bank_id, title, questions, category=category, source=f"imported from {gift_path.name}"
        )
        written.created = True
    else:
        try:
            new_text = add_questions(existing, questions)
        except CannotAdd as error:
            written.refused.append(Problem(path, 1, f"cannot add questions: {error}"))
            return
    _check_and_write(written, new_text, questions, "banks")


def _new(
    result: GiftImport, gift_path: Path, path: Path, questions: list[Question], taken: set[str]
) -> list[Question]:
    """The questions not in the file already; those that are (imported before) are said
    once, and what was noted about them is not said again."""
    there = [q for q in questions if q.id in taken]
    if there:
        lines = {result.lines.get(q.id) for q in there}
        result.notes = [n for n in result.notes if n.path != gift_path or n.line not in lines]
        count = len(there)
        result.notes.append(
            Problem(
                gift_path,
                min(line or 1 for line in lines),
                f"{count} question{'s are' if count != 1 else ' is'} in {path.name} already "
                f"(imported before): left as {'they are' if count != 1 else 'it is'}",
            )
        )
    return [q for q in questions if q.id not in taken]


def _into_case(
    result: GiftImport, text: str, gift_path: Path, folder: Path, library: Library, case_id: str
) -> None:
    case = library.cases.get(case_id)
    path = folder / "cases" / f"{case_id}.md"
    written = Written(path, case_id)
    result.files.append(written)
    if case is None and not path.exists():
        known = ", ".join(sorted(library.cases)) or "none"
        written.refused.append(
            Problem(gift_path, 1, f"there is no case '{case_id}' (cases: {known})")
        )
        return
    source = path if path.exists() else case.path if case else None
    if source is None or not source.exists():
        written.refused.append(Problem(path, 1, "the case's file cannot be found"))
        return
    existing = source.read_text(encoding="utf-8")
    taken = {q.id for q in case.questions} if case else set()
    taken |= _ids_in(source)
    imported: Imported = import_gift(text, gift_path, case_id, explain=UNEXPLAINED)
    result.problems += imported.problems
    result.notes += imported.notes
    result.lines.update(imported.lines)
    imported.questions = _new(result, gift_path, path, imported.questions, taken)
    if not imported.questions:
        return
    try:
        new_text = add_questions(existing, imported.questions)
    except CannotAdd as error:
        written.refused.append(Problem(source, 1, f"cannot add questions: {error}"))
        return
    if source != path:
        result.notes.append(
            Problem(
                path,
                1,
                f"the bundled case was copied here with the questions added: it now replaces "
                f"{source}",
            )
        )
    if any(q.explanation == UNEXPLAINED for q in imported.questions):
        result.notes.append(
            Problem(
                path,
                1,
                f"questions without general feedback got an explanation to write ({PLACEHOLDER}): "
                "`playbook validate` shows where",
            )
        )
    _check_and_write(written, new_text, imported.questions, "cases")


def _ids_in(path: Path) -> set[str]:
    """The question ids a content file holds, whether or not the file is valid."""
    from playbook.content.frontmatter import split

    try:
        meta = split(path.read_text(encoding="utf-8")).meta
    except (OSError, UnicodeDecodeError):
        return set()
    items = meta.get("questions") if meta else None
    if not isinstance(items, list):
        return set()
    return {q["id"] for q in items if isinstance(q, dict) and isinstance(q.get("id"), str)}


def _check_and_write(written: Written, text: str, questions: list[Question], kind: str) -> None:
    """Read the new file as the app will; write it only if every question comes through."""
    from playbook.content.loader import load_bank, load_case

    load = load_bank if kind == "banks" else load_case
    with tempfile.TemporaryDirectory(prefix="playbook-import-") as scratch:
        trial = Path(scratch) / written.path.name
        trial.write_text(text, encoding="utf-8")
        problems: list[Problem] = []
        loaded = load(trial, problems)
    got = {q.id: q for q in loaded.questions} if loaded else {}
    lost = [q for q in questions if got.get(q.id) != q]
    if loaded is None or lost:
        written.refused += [
            Problem(written.path, p.line, p.message)
            for p in problems
            if loaded is None or any(f"'{q.id}'" in p.message for q in lost)
        ] or [Problem(written.path, 1, "the file would not read back whole: not written")]
        return
    written.path.parent.mkdir(parents=True, exist_ok=True)
    if kind == "cases" and written.path.exists():  # a case is written by hand: keep a copy
        shutil.copy2(written.path, written.path.with_name(written.path.name + ".before-import"))
    write_file(written.path, text)
    written.added = questions
