"""Provides bar(): a horizontal bar as Content, for charts made of text rows."""

from __future__ import annotations

from textual.content import Content

FULL, PARTS, EMPTY = "█", " ▏▎▍▌▋▊▉", "·"


def bar(fraction: float, width: int, style: str = "$accent") -> Content:
    """A bar `width` cells wide filled to `fraction` (0..1), eighths included; the unfilled
    part is dotted so the bar reads without colour too."""
    fraction = min(1.0, max(0.0, fraction))
    eighths = round(fraction * width * 8)
    full, part = divmod(eighths, 8)
    filled = FULL * full + (PARTS[part] if part else "")
    return Content.assemble((filled, style), (EMPTY * (width - len(filled)), "$text-muted"))


def bar_row(label: str, label_width: int, fraction: float, width: int, tail: str) -> Content:
    """`label  ██████····  tail`, the label cut or padded to `label_width`."""
    if len(label) > label_width:
        label = label[: label_width - 1] + "…"
    return Content.assemble(label.ljust(label_width), "  ", bar(fraction, width), "  ", tail)


def band_bar(fraction: float, band: tuple[float, float], width: int) -> Content:
    """A bar filled to `fraction`, with the cells inside `band` (say, where a confidence level
    pays best) shaded ░ when empty and coloured when filled."""
    low, high = band
    cells = []
    for i in range(width):
        middle = (i + 0.5) / width
        inside = low <= middle <= high
        if middle <= fraction:
            cells.append((FULL, "$success" if inside else "$accent"))
        else:
            cells.append(("░" if inside else EMPTY, "$text-muted"))
    return Content.assemble(*cells)
