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
    return Content.assemble((filled, style), (EMPTY * (width - len(filled)), "$foreground-muted"))


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
            cells.append(("░" if inside else EMPTY, "$foreground-muted"))
    return Content.assemble(*cells)


def paired_rows(
    rows: tuple[tuple[str, float | None, float | None], ...],
    names: tuple[str, str],
    top: float,
    width: int,
) -> Content:
    """Two bars per row, the first solid (█), the second shaded (▒), with the gap in words:
    a chart that reads without colour too. Long labels go on a line of their own."""
    longest = max((len(label) for label, *_ in rows), default=0)
    above = longest > 22  # labels on their own line, the bars indented under them
    label_width = 2 if above else longest + 2
    lines = [
        Content.assemble(("█", "$primary"), f" {names[0]}"),
        Content.assemble(("▒", "$warning"), f" {names[1]}"),
    ]
    for label, first, second in rows:
        if above:
            lines.append(Content.styled(label, "italic"))
        for mark, style, value in (("█", "$primary", first), ("▒", "$warning", second)):
            filled = round((value or 0) / top * width)
            shown = "–" if value is None else f"{value:g}"
            head = "" if above or mark != "█" else label
            lines.append(
                Content.assemble(
                    head.ljust(label_width),
                    (mark * filled, style),
                    (EMPTY * (width - filled), "$foreground-muted"),
                    f" {shown}",
                )
            )
        if first is not None and second is not None and first != second:
            gap = abs(first - second)
            lines.append(
                Content.assemble(
                    " " * label_width,
                    (f"gap {gap:g}", "bold $warning" if gap >= 2 else "$foreground-muted"),
                )
            )
    return Content("\n").join(lines)
