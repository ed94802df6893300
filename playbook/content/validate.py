"""Provides the checks that need the whole library, on top of the per-file ones."""

from __future__ import annotations

from pathlib import Path

from playbook.content.answers import fold
from playbook.content.cases import Case
from playbook.content.coverage import MIN_CASES_PER_STAGE, coverage
from playbook.content.leaks import DATED, dated_words, leaks
from playbook.content.library import Library
from playbook.content.loader import load_library
from playbook.content.models import STAGE_IDS, Problem
from playbook.content.questions import Question


def library_problems(library: Library, home: Path) -> list[Problem]:
    """Rules about the library as a whole: the five stages exist with distinct orders, and
    each is taught by enough cases. (Every case naming its sources and every question having
    an explanation are required fields, checked file by file.)

    `home` is the first content folder, where a missing stage file belongs.
    """
    problems: list[Problem] = []
    for stage_id in STAGE_IDS:
        if stage_id not in library.stages:
            problems.append(
                Problem(
                    home / "checklists" / f"{stage_id}.md",
                    1,
                    "stage is missing: the playbook needs all five stages",
                )
            )
    seen: dict[int, str] = {}
    for stage in library.ordered_stages:
        if stage.order in seen:
            problems.append(
                Problem(
                    stage.path or Path(stage.id),
                    2,
                    f"order {stage.order} is also used by stage '{seen[stage.order]}'",
                )
            )
        seen[stage.order] = stage.id
    by_stage = coverage(library).by_stage
    for stage in library.ordered_stages:
        taught = by_stage.get(stage.id, 0)
        if taught < MIN_CASES_PER_STAGE:
            problems.append(
                Problem(
                    stage.path or Path(stage.id),
                    2,
                    f"stage '{stage.id}' is taught by {taught} case{'s' if taught != 1 else ''}; "
                    f"the library needs at least {MIN_CASES_PER_STAGE}: list it in more cases' "
                    "'stages'",
                )
            )
    from playbook.domain.stress import reference_problems

    # A stage whose file is missing or reported broken: scenarios naming its fields would
    # only echo that report.
    broken = {p.path.stem for p in library.problems if p.path.parent.name == "checklists"}
    absent = frozenset(s for s in STAGE_IDS if s not in library.stages or s in broken)
    for stage in library.ordered_stages:
        problems += [
            Problem(stage.path or Path(stage.id), 2, message)
            for message in reference_problems(stage, library.stages, absent)
        ]
    surveyed = [stage for stage in library.ordered_stages if stage.health_check]
    for stage in surveyed[1:]:
        message = (
            f"'health_check' is also given by stage '{surveyed[0].id}': the statements "
            "belong in one stage"
        )
        problems.append(Problem(stage.path or Path(stage.id), 2, message))
    for case in library.ordered_cases:
        problems += question_problems(case)
    return problems


def question_problems(case: Case) -> list[Problem]:
    """Questions that give another's answer away, or say "today" without a date: each
    reported at the line where it happens (the line holding the words, when it can be found
    in the file, else the question's own line)."""
    path = case.path or Path(case.id)
    found_leaks = leaks(case)
    dated = [q for q in case.questions if dated_words(q)]
    if not found_leaks and not dated:
        return []  # the common case: nothing to place at a line, no file to read
    spans = _question_spans(case)
    raw = _file_lines(case.path)

    def line(question: Question) -> int:
        return spans[question.id][0]

    def line_showing(question: Question, found) -> list[int]:
        """The file lines, within the question, on which `found(folded line)` is true."""
        first, last = spans[question.id]
        hits = [n for n in range(first, min(last, len(raw)) + 1) if found(raw[n - 1])]
        return hits or [first]

    problems = []
    for leak in found_leaks:
        shown_at = line_showing(leak.shown_by, _showing(leak.what))[0]
        problems.append(
            Problem(
                path,
                shown_at,
                f"question '{leak.shown_by.id}' shows “{leak.what}”, the answer of question "
                f"'{leak.answered.id}' (line {line(leak.answered)}): reword one of them",
            )
        )
        problems.append(
            Problem(
                path,
                line(leak.answered),
                f"question '{leak.answered.id}': its answer “{leak.what}” is given away by "
                f"question '{leak.shown_by.id}' (line {shown_at})",
            )
        )
    for question in dated:
        words = dated_words(question)
        hits = line_showing(question, lambda text: bool(DATED.search(text)))
        for number in hits:
            on_line = [m.group(1).lower() for m in DATED.finditer(raw[number - 1])] if raw else []
            shown = ", ".join(f"“{w}”" for w in dict.fromkeys(on_line or words))
            problems.append(
                Problem(
                    path,
                    number,
                    f"question '{question.id}' says {shown} but has no as_of: date it "
                    '(as_of: "March 2026") or ask about a dated fact',
                )
            )
    return problems


def _showing(what: str):
    folded = fold(what)
    return lambda text: folded in fold(text) or what in text


def _file_lines(path: Path | None) -> list[str]:
    if path is None:
        return []
    try:
        return path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return []


def _question_spans(case: Case) -> dict[str, tuple[int, int]]:
    """Each question's first and last file line: up to the next question, or to the end of
    the front matter for the last one."""
    starts = sorted((case.lines.get(f"question:{q.id}", 2), q.id) for q in case.questions)
    story = case.story
    end = story.sections[0].line - 1 if story and story.sections else 10**6
    spans = {}
    for index, (first, question_id) in enumerate(starts):
        last = starts[index + 1][0] - 1 if index + 1 < len(starts) else end
        spans[question_id] = (first, max(first, last))
    return spans


def validate(folders: list[Path]) -> tuple[Library, list[Problem]]:
    """Load the folders and return every problem, per file and library-wide."""
    library = load_library(folders)
    home = Path(folders[0]) if folders else Path("content")
    return library, [*library.problems, *library_problems(library, home)]
