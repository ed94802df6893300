"""Provides Document: a document as headings, paragraphs, lists, tables and a signature
block, and its rendering as Markdown.

The charter and the annex are built once as a Document; Markdown comes from it here, and
the HTML and Word renderings (services/documents.py) come from the same Document, so the
three formats always say the same thing. User text is kept exactly as typed but can never
turn itself into Markdown structure (a heading, a list, a fence) or HTML.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from playbook.content.fields import Block, Bullets, Grid, Para


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 2


@dataclass(frozen=True)
class Note:
    """A short remark in italics ("Not agreed yet.")."""

    text: str


@dataclass(frozen=True)
class Signatures:
    """A signature block: for each party its company, signatory and title."""

    parties: tuple[tuple[str, str, str], ...]


@dataclass(frozen=True)
class Bars:
    """Paired bars: for each row a label and two values (either may be missing), drawn on
    a scale from 0 to `top`; `names` say what the two bars are."""

    rows: tuple[tuple[str, float | None, float | None], ...]
    names: tuple[str, str]
    top: float = 5


def bar_lines(bars: Bars, cells: int = 20) -> list[str]:
    """The bars as lines of text (the same in every format): █ for the first, ▒ the second."""
    width = max((len(label) for label, *_ in bars.rows), default=0)
    lines = [f"{'':<{width}}  █ {bars.names[0]}   ▒ {bars.names[1]}"]
    for label, first, second in bars.rows:
        for mark, value in (("█", first), ("▒", second)):
            filled = round((value or 0) / bars.top * cells)
            shown = "–" if value is None else f"{value:g}"
            head = label if mark == "█" else ""
            lines.append(f"{head:<{width}}  {mark * filled}{'·' * (cells - filled)} {shown}")
        if first is not None and second is not None and first != second:
            lines.append(f"{'':<{width}}  gap {abs(first - second):g}")
    return lines


Part = Heading | Para | Bullets | Grid | Note | Signatures | Bars


@dataclass(frozen=True)
class Document:
    title: str
    parts: tuple[Part, ...]
    subtitle: tuple[str, ...] = ()  # lines under the title (version, date, parties)


# -- Markdown -------------------------------------------------------------------------------

# Line starts that would turn typed text into Markdown structure: headings, quotes, lists,
# rules, tables and code fences (a fence would swallow every later section).
_BLOCK_START = re.compile(r"^(\s*)([#>*+\-=|`~]|\d+[.)](?=\s|$))")


def md(text: str, escape_inline: bool = True) -> str:
    """User text, kept as typed, but unable to turn itself into headings, lists or HTML."""
    lines = []
    for line in text.strip().splitlines():
        line = _BLOCK_START.sub(lambda m: m.group(1) + "\\" + m.group(2), line)
        lines.append(line.replace("<", "&lt;") if escape_inline else line)
    return "  \n".join(lines)


def _inline(text: str) -> str:
    """A piece of a line: no HTML, and no stars of its own (they would change the bold)."""
    return text.replace("<", "&lt;").replace("*", "\\*")


def cell(text: str) -> str:
    return md(text).replace("|", "\\|").replace("  \n", " ")


def render_block(block: Block) -> str:
    if isinstance(block, Bullets):
        return "\n".join(f"- {md(item)}" for item in block.items)
    if isinstance(block, Grid):
        lines = ["| " + " | ".join(cell(h) for h in block.header) + " |"]
        lines.append("|" + "---|" * len(block.header))
        lines += ["| " + " | ".join(cell(c) for c in row) + " |" for row in block.rows]
        return "\n".join(lines)
    text = block.text
    if block.marks:
        pieces, at = [], 0
        for start, end in block.marks:
            pieces += [_inline(text[at:start]), f"**{_inline(text[start:end])}**"]
            at = end
        body = md("".join(pieces) + _inline(text[at:]), escape_inline=False)
    else:
        body = md(text)
    if block.lead:
        return f"**{md(block.lead)}**" + (f": {body}" if body else "")
    return body


def to_markdown(document: Document) -> str:
    out = [f"# {md(document.title)}", ""]
    for line in document.subtitle:
        out += [md(line), ""]
    for part in document.parts:
        if isinstance(part, Heading):
            out += [f"{'#' * part.level} {md(part.text)}", ""]
        elif isinstance(part, Note):
            out += [f"_{_inline(part.text)}_", ""]
        elif isinstance(part, Bars):
            out += ["```", *bar_lines(part), "```", ""]
        elif isinstance(part, Signatures):
            for company, name, title in part.parties:
                out += [
                    f"**For {md(company)}**",
                    "",
                    f"Name: {md(name) if name else '____________________'}  ",
                    f"Title: {md(title) if title else '____________________'}  ",
                    "Signature: ____________________  ",
                    "Date: ____________________",
                    "",
                ]
        else:
            out += [render_block(part), ""]
    return "\n".join(out).rstrip() + "\n"
