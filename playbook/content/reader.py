"""Provides Reader: typed access to a front-matter mapping that reports problems by line."""

from __future__ import annotations

import difflib
import re
from pathlib import Path

from playbook.content.frontmatter import LineDict, LineList
from playbook.content.placeholders import is_placeholder
from playbook.content.problems import Problem

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
KEY = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$")  # ids inside a file may use underscores

_TYPE_NAMES = {
    bool: "true/false",
    int: "a number",
    float: "a number",
    str: "text",
    LineDict: "a mapping",
    LineList: "a list",
    dict: "a mapping",
    list: "a list",
    type(None): "nothing",
}


def describe(value: object) -> str:
    return _TYPE_NAMES.get(type(value), type(value).__name__)


class Reader:
    """Reads typed values out of one mapping; every problem names its file line.

    `ok` turns False when a required value is missing or has the wrong type, so
    the caller can drop what cannot be built while keeping the rest.
    """

    def __init__(self, path: Path, data: LineDict, problems: list[Problem], where: str = ""):
        self.path = path
        self.data = data
        self.problems = problems
        self.where = where  # e.g. "question 'q1': " to make messages precise
        self.used: set[str] = set()
        self.ok = True
        self.placeholders: set[str] = set()  # keys still holding a skeleton's placeholder

    @property
    def line(self) -> int:
        return self.data.line

    def line_of(self, key: str) -> int:
        return self.data.line_of(key)

    def problem(self, line: int, message: str, fatal: bool = True) -> None:
        self.problems.append(Problem(self.path, line, f"{self.where}{message}"))
        if fatal:
            self.ok = False

    def _get(self, key: str, required: bool) -> object:
        self.used.add(key)
        if key not in self.data or self.data[key] is None:
            if required:
                self.problem(self.line, f"missing required field '{key}'")
            return None
        value = self.data[key]
        if is_placeholder(value) and key not in self.placeholders:
            self.placeholders.add(key)
            self.problem(self.line_of(key), _placeholder(key, value), fatal=False)
        return value

    def text(self, key: str, required: bool = True, default: str = "") -> str:
        value = self._get(key, required)
        if value is None:
            return default
        if isinstance(value, bool):
            self.problem(
                self.line_of(key),
                f"'{key}' should be text, but YAML read {str(value).lower()}: put it in quotes",
            )
            return default
        if isinstance(value, int | float):
            return str(value)
        if not isinstance(value, str):
            self.problem(self.line_of(key), f"'{key}' should be text, not {describe(value)}")
            return default
        if required and not value.strip():
            self.problem(self.line_of(key), f"'{key}' is empty")
        return value.strip()

    def slug(self, key: str, required: bool = True, underscores: bool = False) -> str:
        value = self.text(key, required)
        if key in self.placeholders:
            return ""
        pattern, words = (KEY, "dashes or underscores") if underscores else (SLUG, "dashes")
        if value and not pattern.match(value):
            self.problem(
                self.line_of(key),
                f"'{key}' must be lower-case letters and digits joined by {words}, not '{value}'",
            )
            return ""
        return value

    def integer(self, key: str, required: bool = True, default: int = 0) -> int:
        value = self._get(key, required)
        if value is None or key in self.placeholders:
            return default
        if isinstance(value, bool) or not isinstance(value, int):
            self.problem(
                self.line_of(key), f"'{key}' should be a whole number, not {describe(value)}"
            )
            return default
        return value

    def number(self, key: str, required: bool = True, default: float = 0.0) -> float:
        value = self._get(key, required)
        if value is None or key in self.placeholders:
            return default
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.problem(self.line_of(key), f"'{key}' should be a number, not {describe(value)}")
            return default
        return float(value)

    def boolean(self, key: str, required: bool = True, default: bool = False) -> bool:
        value = self._get(key, required)
        if value is None or key in self.placeholders:
            return default
        if not isinstance(value, bool):
            self.problem(
                self.line_of(key), f"'{key}' should be true or false, not {describe(value)}"
            )
            return default
        return value

    def one_of(self, key: str, allowed: tuple[str, ...], required: bool = True) -> str:
        value = self.text(key, required)
        if key in self.placeholders:
            return ""
        if value and value not in allowed:
            self.problem(
                self.line_of(key),
                f"'{key}' must be one of {', '.join(allowed)}; "
                f"got '{value}'{_suggest(value, allowed)}",
            )
            return ""
        return value

    def texts(self, key: str, required: bool = True) -> tuple[str, ...]:
        """A list of text items (a single text is accepted as a list of one)."""
        value = self._get(key, required)
        if value is None:
            return ()
        if isinstance(value, str):
            return (value.strip(),)
        if not isinstance(value, LineList):
            self.problem(self.line_of(key), f"'{key}' should be a list, not {describe(value)}")
            return ()
        items: list[str] = []
        for index, item in enumerate(value):
            if isinstance(item, bool) or not isinstance(item, str | int | float):
                self.problem(
                    value.line_of(index),
                    f"'{key}' item {index + 1} should be text, not {describe(item)}",
                )
                continue
            if is_placeholder(item):
                self.problem(value.line_of(index), _placeholder(key, item), fatal=False)
            items.append(str(item).strip())
        if required and not items:
            self.problem(self.line_of(key), f"'{key}' is empty")
        return tuple(items)

    def mappings(self, key: str, required: bool = True) -> list[LineDict]:
        """A list of mappings; items that are not mappings are reported and skipped."""
        value = self._get(key, required)
        if value is None:
            return []
        if not isinstance(value, LineList):
            self.problem(self.line_of(key), f"'{key}' should be a list, not {describe(value)}")
            return []
        result: list[LineDict] = []
        for index, item in enumerate(value):
            if not isinstance(item, LineDict):
                self.problem(
                    value.line_of(index),
                    f"'{key}' item {index + 1} should be a mapping (key: value), "
                    f"not {describe(item)}",
                    fatal=False,
                )
                continue
            result.append(item)
        if required and not result:
            self.problem(self.line_of(key), f"'{key}' is empty")
        return result

    def raw(self, key: str, required: bool = True) -> object:
        return self._get(key, required)

    def child(self, data: LineDict, where: str = "") -> Reader:
        return Reader(self.path, data, self.problems, self.where + where)

    def finish(self, allowed: tuple[str, ...] | None = None) -> None:
        """Report keys that nothing asked for: almost always a typo."""
        allowed_keys = set(allowed) if allowed is not None else self.used
        for key in self.data:
            if key not in allowed_keys:
                self.problem(
                    self.line_of(key),
                    f"unknown key '{key}'{_suggest(key, tuple(sorted(allowed_keys)))}",
                    fatal=False,
                )


def _placeholder(key: str, value: object) -> str:
    text = " ".join(str(value).split())
    shown = text if len(text) <= 70 else text[:69] + "…"
    return f"'{key}' still holds a placeholder (“{shown}”): replace it with the real thing"


def _suggest(value: str, allowed: tuple[str, ...]) -> str:
    close = difflib.get_close_matches(value, allowed, n=1)
    return f" (did you mean '{close[0]}'?)" if close else ""
