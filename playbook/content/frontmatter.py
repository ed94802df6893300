"""Provides front-matter splitting and a safe YAML reader that keeps line numbers.

Every mapping and list the reader builds remembers the file line it started on,
and the line of each key, so later checks can say `path:line: message`. YAML is
only ever read with PyYAML's safe loader (the C one when available): tags that
would build Python objects are refused. Duplicate keys, which PyYAML silently
resolves to the last value, are reported instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml

_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

MAX_BYTES = 512 * 1024  # a content file larger than this is refused, not parsed
MAX_DEPTH = 64  # lists and mappings inside each other deeper than this are refused, not parsed
MAX_INDENT = 256  # a line indented further than this is refused too (deep block nesting)
_BRACKETS = re.compile(r"[\[\]{}]")


class LineDict(dict):
    """A dict that knows the line it starts on and the line of each key."""

    line: int = 0
    key_lines: dict

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class LineList(list):
    """A list that knows the line it starts on and the line of each item."""

    line: int = 0
    item_lines: list

    def line_of(self, index: int) -> int:
        return self.item_lines[index] if index < len(self.item_lines) else self.line


@dataclass
class YamlIssue:
    line: int  # 1-based, in the file
    message: str


@dataclass
class Document:
    """A content file split into its front matter and its Markdown body."""

    meta: LineDict | None
    body: str
    body_line: int  # the file line the body starts on
    issues: list[YamlIssue] = field(default_factory=list)


class LineLoader(_BaseLoader):  # type: ignore[misc, valid-type]
    """A safe loader whose mappings and lists record file lines (offset added)."""

    offset = 0
    issues: list[YamlIssue]

    def construct_mapping(self, node, deep=False):
        if not isinstance(node, yaml.MappingNode):
            raise yaml.constructor.ConstructorError(
                None, None, f"expected a mapping, found {node.id}", node.start_mark
            )
        self.flatten_mapping(node)
        offset = self.offset + 1
        result = LineDict()
        result.line = node.start_mark.line + offset
        key_lines = result.key_lines = {}
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=True)
            key_line = key_node.start_mark.line + offset
            if not isinstance(key, str):
                try:
                    hash(key)
                except TypeError:
                    self.issues.append(YamlIssue(key_line, "a key must be plain text"))
                    continue
                key = str(key).lower() if isinstance(key, bool) else str(key)
            if key in result:
                self.issues.append(
                    YamlIssue(key_line, f"duplicate key '{key}' (first on line {key_lines[key]})")
                )
                continue
            result[key] = self.construct_object(value_node, deep=True)
            key_lines[key] = key_line
        return result

    def construct_yaml_map(self, node):
        yield self.construct_mapping(node, deep=True)

    def construct_yaml_seq(self, node):
        offset = self.offset + 1
        result = LineList()
        result.line = node.start_mark.line + offset
        result.item_lines = [child.start_mark.line + offset for child in node.value]
        result.extend(self.construct_object(child, deep=True) for child in node.value)
        yield result

    def construct_yaml_timestamp(self, node):
        # Keep dates as the text that was written: content compares strings.
        return self.construct_scalar(node)


LineLoader.add_constructor("tag:yaml.org,2002:map", LineLoader.construct_yaml_map)
LineLoader.add_constructor("tag:yaml.org,2002:seq", LineLoader.construct_yaml_seq)
LineLoader.add_constructor("tag:yaml.org,2002:timestamp", LineLoader.construct_yaml_timestamp)


def too_deep(text: str) -> int:
    """The 1-based line of `text` where nesting passes our limit, or 0 if it never does.

    We stop deep nesting ourselves instead of relying on the YAML library's own limit (its
    wording and depth change between releases) or on Python's recursion limit. Flow nesting
    is counted by brackets (a bracket inside quotes counts too: harmless, real content never
    comes near the limit); block nesting shows as indentation.
    """
    depth = 0
    for match in _BRACKETS.finditer(text):
        if match.group() in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return text.count("\n", 0, match.start()) + 1
        elif depth:
            depth -= 1
    if len(text) > MAX_INDENT:
        for number, line in enumerate(text.splitlines(), start=1):
            if len(line) - len(line.lstrip(" ")) > MAX_INDENT:
                return number
    return 0


def parse_yaml(text: str, first_line: int = 1) -> tuple[object, list[YamlIssue]]:
    """Parse YAML text that starts on file line `first_line`; never raises on bad input."""
    issues: list[YamlIssue] = []
    offset = first_line - 1
    deep_line = too_deep(text)
    if deep_line:
        issues.append(
            YamlIssue(
                deep_line + offset,
                f"invalid YAML: nested too deeply (more than {MAX_DEPTH} lists or mappings "
                "inside each other)",
            )
        )
        return None, issues
    loader = LineLoader(text)
    loader.offset = offset
    loader.issues = issues
    try:
        data = loader.get_single_data()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = (mark.line + 1 + offset) if mark else first_line
        what = error.problem or error.context or "invalid YAML"
        if "could not determine a constructor" in what:
            tag = what.partition("tag ")[2].strip(" '").replace("tag:yaml.org,2002:", "!!")
            what = f"the tag '{tag}' is not allowed: only plain YAML, no tags that build objects"
        elif error.context and error.context_mark and error.context_mark.line != mark.line:
            what = (
                f"{what} ({error.context} started on line {error.context_mark.line + 1 + offset})"
            )
        issues.append(YamlIssue(line, f"invalid YAML: {what}"))
        return None, issues
    except yaml.YAMLError as error:
        issues.append(YamlIssue(first_line, f"invalid YAML: {error}"))
        return None, issues
    except RecursionError:
        issues.append(YamlIssue(first_line, "invalid YAML: nested too deeply"))
        return None, issues
    finally:
        loader.dispose()
    return data, issues


def split(text: str) -> Document:
    """Split `---` front matter from the Markdown body and parse the front matter."""
    text = text.lstrip("\ufeff")
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != "---":
        return Document(
            None,
            text,
            1,
            [YamlIssue(1, "no front matter: the file must start with a line '---'")],
        )
    for index in range(1, len(lines)):
        if lines[index].strip() in ("---", "..."):
            end = index
            break
    else:
        return Document(
            None, "", 1, [YamlIssue(1, "front matter is not closed: add a line '---' after it")]
        )
    yaml_text = "".join(lines[1:end])
    body = "".join(lines[end + 1 :])
    data, issues = parse_yaml(yaml_text, first_line=2)
    if data is None and not issues:
        issues.append(YamlIssue(2, "front matter is empty"))
    elif data is not None and not isinstance(data, LineDict):
        issues.append(YamlIssue(2, "front matter must be a mapping of keys to values"))
        data = None
    return Document(data, body, end + 2, issues)
