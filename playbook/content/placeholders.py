"""Provides the placeholder a skeleton leaves for the author: text that says "fill me in".

`playbook new case` writes FILL IN where the author has a value to give, and
`import gift --case` writes it where a question lacks its explanation. Any text holding
the word is a placeholder: it is reported at its line until it is replaced, so such a
file never passes `playbook validate`, while the app still reads the rest of it.
"""

from __future__ import annotations

import re

PLACEHOLDER = "FILL IN"
_FOUND = re.compile(r"\bFILL IN\b")


def is_placeholder(value: object) -> bool:
    return isinstance(value, str) and bool(_FOUND.search(value))


def placeholder_lines(text: str) -> list[int]:
    """The 1-based lines of `text` holding a placeholder."""
    return [n for n, line in enumerate(text.splitlines(), start=1) if _FOUND.search(line)]
