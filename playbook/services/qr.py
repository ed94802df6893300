"""Provides the join address as a QR code: a grid of modules, or an SVG for a web page.

segno makes the code (a well-kept, dependency-free QR encoder): error correction M, which
a phone reads off a projector from across a room, with the standard quiet zone.
"""

from __future__ import annotations

import io
from functools import lru_cache

QUIET_ZONE = 2  # modules of light border (the standard asks 4; 2 reads fine on a screen)


@lru_cache(maxsize=16)
def qr_rows(text: str, border: int = QUIET_ZONE) -> tuple[tuple[bool, ...], ...]:
    """The QR code of `text` as rows of modules, True for dark, with a light border."""
    import segno

    code = segno.make(text, error="m", micro=False)
    return tuple(tuple(bool(m) for m in row) for row in code.matrix_iter(scale=1, border=border))


@lru_cache(maxsize=16)
def qr_svg(text: str, title: str = "") -> str:
    """The QR code of `text` as an SVG document, scalable, dark on light."""
    import segno

    out = io.BytesIO()
    segno.make(text, error="m", micro=False).save(
        out, kind="svg", scale=8, border=4, dark="#000", light="#fff", xmldecl=False,
        svgns=True, title=title or None, nl=False,
    )  # fmt: skip
    return out.getvalue().decode("utf-8")
