"""Provides the charter and annex as files: Markdown, HTML and Word (DOCX).

All three come from the same Document (domain/document.py). HTML is the Markdown rendered
by markdown-it-py with raw HTML switched off, inside a small, printable page; Word is built
with python-docx from the Document itself (headings, tables, a signature table), so a
partner's lawyer can edit it with tracked changes.

Writing never creates a folder and never overwrites without being told to: a missing
folder and an existing file are reported (FileExistsError, NotADirectoryError) for the
shell to ask about.
"""

from __future__ import annotations

import html
import io
from enum import StrEnum
from pathlib import Path

from playbook.content.fields import Bullets, Grid, Para
from playbook.domain.document import (
    Bars,
    Document,
    Heading,
    Note,
    Signatures,
    bar_lines,
    to_markdown,
)


class Format(StrEnum):
    MARKDOWN = "md"
    HTML = "html"
    DOCX = "docx"

    @classmethod
    def of(cls, path: Path) -> Format | None:
        """The format a file name asks for (by its suffix), or None."""
        suffix = path.suffix.lower().lstrip(".")
        return {"md": cls.MARKDOWN, "markdown": cls.MARKDOWN, "html": cls.HTML,
                "htm": cls.HTML, "docx": cls.DOCX}.get(suffix)  # fmt: skip


PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>
body {{ font: 16px/1.5 Georgia, "Times New Roman", serif; max-width: 46rem; margin: 2rem auto;
       padding: 0 1rem; color: #111; }}
h1 {{ font-size: 1.7rem; }} h2 {{ margin-top: 2rem; border-bottom: 1px solid #ccc; }}
table {{ border-collapse: collapse; width: 100%; margin: 1rem 0; }}
th, td {{ border: 1px solid #bbb; padding: .35rem .5rem; text-align: left; vertical-align: top; }}
@media print {{ body {{ margin: 0; }} h2 {{ break-after: avoid; }} }}
</style>
</head>
<body>
{body}
</body>
</html>
"""


def to_html(document: Document) -> str:
    """A whole, printable HTML page; user text can never become markup."""
    from markdown_it import MarkdownIt  # imported on export: not at start-up

    renderer = MarkdownIt("commonmark", {"html": False}).enable("table")
    body = renderer.render(to_markdown(document))
    return PAGE.format(title=html.escape(document.title), body=body)


def to_docx(document: Document) -> bytes:
    """The document as a Word file (bytes)."""
    from docx import Document as Word  # imported on export: not at start-up
    from docx.shared import Pt

    word = Word()
    word.core_properties.title = document.title
    word.add_heading(document.title, level=0)
    for line in document.subtitle:
        word.add_paragraph(line)
    for part in document.parts:
        if isinstance(part, Heading):
            word.add_heading(part.text, level=min(part.level, 4))
        elif isinstance(part, Note):
            word.add_paragraph().add_run(part.text).italic = True
        elif isinstance(part, Para):
            paragraph = word.add_paragraph()
            if part.lead:
                paragraph.add_run(part.lead + (": " if part.text else "")).bold = True
            at = 0
            for start, end in part.marks:
                paragraph.add_run(part.text[at:start])
                paragraph.add_run(part.text[start:end]).bold = True
                at = end
            paragraph.add_run(part.text[at:])
        elif isinstance(part, Bullets):
            for item in part.items:
                word.add_paragraph(item, style="List Bullet")
        elif isinstance(part, Grid):
            table = word.add_table(rows=1, cols=len(part.header))
            table.style = "Table Grid"
            for cell, text in zip(table.rows[0].cells, part.header, strict=True):
                cell.paragraphs[0].add_run(text).bold = True
            for row in part.rows:
                cells = table.add_row().cells
                for cell, text in zip(cells, row, strict=True):
                    cell.text = text
        elif isinstance(part, Bars):
            for line in bar_lines(part):
                run = word.add_paragraph().add_run(line)
                run.font.name = "Courier New"
                run.font.size = Pt(9)
        elif isinstance(part, Signatures):
            table = word.add_table(rows=5, cols=len(part.parties))
            table.style = "Table Grid"
            for column, (company, name, title) in enumerate(part.parties):
                cells = [table.rows[r].cells[column] for r in range(5)]
                cells[0].paragraphs[0].add_run(f"For {company}").bold = True
                cells[1].text = f"Name: {name or ''}"
                cells[2].text = f"Title: {title or ''}"
                cells[3].text = "Signature:"
                cells[4].text = "Date:"
                for cell in cells[3:]:
                    cell.paragraphs[0].paragraph_format.space_before = Pt(18)
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()


def render(document: Document, fmt: Format) -> bytes:
    if fmt is Format.HTML:
        return to_html(document).encode("utf-8")
    if fmt is Format.DOCX:
        return to_docx(document)
    return to_markdown(document).encode("utf-8")


def write_new(path: Path, data: bytes, overwrite: bool = False) -> Path:
    """Write a file whole or not at all; never into a folder that does not exist, and over
    an existing file only with `overwrite`."""
    path = path.expanduser()
    if not path.parent.is_dir():
        raise NotADirectoryError(
            f"the folder {path.parent} does not exist: create it first, or choose another"
        )
    if path.exists() and not overwrite:
        raise FileExistsError(f"{path} already exists")
    partial = path.with_name(f".{path.name}.partial")
    partial.write_bytes(data)
    partial.replace(path)
    return path
