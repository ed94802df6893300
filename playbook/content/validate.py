"""Provides the checks that need the whole library, on top of the per-file ones."""

from __future__ import annotations

from pathlib import Path

from playbook.content.loader import load_library
from playbook.content.models import STAGE_IDS, Library, Problem


def library_problems(library: Library) -> list[Problem]:
    """Rules about the library as a whole: the five stages exist, orders are distinct."""
    problems: list[Problem] = []
    for stage_id in STAGE_IDS:
        if stage_id not in library.stages:
            problems.append(Problem(Path("checklists") / f"{stage_id}.md", 0, "stage is missing"))
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
    return problems


def validate(folders: list[Path]) -> tuple[Library, list[Problem]]:
    """Load the folders and return every problem, per file and library-wide."""
    library = load_library(folders)
    return library, [*library.problems, *library_problems(library)]
