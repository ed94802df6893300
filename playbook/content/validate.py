"""Provides the checks that need the whole library, on top of the per-file ones."""

from __future__ import annotations

from pathlib import Path

from playbook.content.coverage import MIN_CASES_PER_STAGE, coverage
from playbook.content.loader import load_library
from playbook.content.models import STAGE_IDS, Library, Problem


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
    return problems


def validate(folders: list[Path]) -> tuple[Library, list[Problem]]:
    """Load the folders and return every problem, per file and library-wide."""
    library = load_library(folders)
    home = Path(folders[0]) if folders else Path("content")
    return library, [*library.problems, *library_problems(library, home)]
