"""Provides the shape of a case's narrative: its sections, its exhibits, and the reveal point.

A case reads like a business-school case: `## The decision` first, the background as of
that date, exhibits (`## Exhibit N: title` sections, each holding a Markdown table), then
`## Outcome`, from which on everything is what happened after the decision. The app shows
the part before the outcome first and the rest only when the reader chooses to read on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

DECISION = "The decision"
OUTCOME = "Outcome"
_HEADING = re.compile(r"^(#{2,6})\s+(.*?)\s*#*\s*$")
_EXHIBIT = re.compile(r"^Exhibit\s+(\d+)\s*:\s*(\S.*)$")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
_FENCE = re.compile(r"^\s*(```|~~~)")


@dataclass(frozen=True)
class Section:
    heading: str
    level: int  # 2 for ##
    line: int  # the file line of the heading
    rows: int  # data rows of the first Markdown table in the section (0: no table)
    source: bool  # a line starting "Source" follows the table

    @property
    def exhibit(self) -> int | None:
        """The exhibit's number when this is `## Exhibit N: title`."""
        match = _EXHIBIT.match(self.heading)
        return int(match.group(1)) if match and self.level == 2 else None


@dataclass(frozen=True)
class Narrative:
    """A narrative's sections in order, and where it splits for the reveal."""

    sections: tuple[Section, ...]
    before: str  # the Markdown up to the outcome (everything, when there is no outcome)
    after: str  # from `## Outcome` on ("" when there is none)

    @property
    def headings(self) -> tuple[str, ...]:
        return tuple(s.heading for s in self.sections)

    @property
    def exhibits(self) -> tuple[Section, ...]:
        return tuple(s for s in self.sections if s.exhibit is not None)

    def section(self, heading: str) -> Section | None:
        folded = heading.casefold().strip()
        return next((s for s in self.sections if s.heading.casefold() == folded), None)

    def revealed(self, heading: str) -> bool:
        """Whether a section belongs to what happened after the decision."""
        outcome = self.section(OUTCOME)
        found = self.section(heading)
        return bool(outcome and found and found.line >= outcome.line)


def parse(body: str, first_line: int = 1) -> Narrative:
    """The sections of a Markdown body that starts on file line `first_line`."""
    lines = body.splitlines()
    found: list[tuple[str, int, int]] = []  # (heading, level, index into lines)
    fenced = False
    for index, line in enumerate(lines):
        if _FENCE.match(line):
            fenced = not fenced
            continue
        match = None if fenced else _HEADING.match(line)
        if match:
            found.append((match.group(2).strip(), len(match.group(1)), index))
    sections = []
    for number, (heading, level, start) in enumerate(found):
        end = found[number + 1][2] if number + 1 < len(found) else len(lines)
        rows, source = _table(lines[start + 1 : end])
        sections.append(Section(heading, level, first_line + start, rows, source))
    split = next(
        (index for heading, level, index in found if level == 2 and heading == OUTCOME), None
    )
    if split is None:
        return Narrative(tuple(sections), body.strip(), "")
    return Narrative(
        tuple(sections),
        "\n".join(lines[:split]).strip(),
        "\n".join(lines[split:]).strip(),
    )


def _table(lines: list[str]) -> tuple[int, bool]:
    """(data rows of the first table, whether a "Source" line follows it)."""
    for index in range(1, len(lines)):
        if _TABLE_RULE.match(lines[index]) and "|" in lines[index - 1]:
            rows = 0
            after = index + 1
            while after < len(lines) and lines[after].strip().startswith("|"):
                rows += 1
                after += 1
            rest = [line.strip() for line in lines[after:] if line.strip()]
            source = bool(rest) and rest[0].lstrip("*_").lower().startswith("source")
            return rows, source
    return 0, False
