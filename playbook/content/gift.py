"""Provides parse_gift: Moodle's GIFT question format read into plain records, by line.

GIFT keeps one question per paragraph (questions are separated by blank lines); lines
whose first characters are `//` are comments, where `[id:...]` and `[tag:...]` may name
the question. A question is an optional `::title::`, its text, and its answers in braces:

    ::Q1:: Who is buried in Grant's tomb? {~Grant ~Jefferson =no one#Right! ####Why}

`~` marks a wrong choice and `=` a right one; `%50%` after either gives a weight; `#`
starts an answer's feedback and `####` the general feedback; `{T}`/`{FALSE}` make a
true/false question, `{#...}` a numeric one (`3.14:0.01` or `3.14..3.15`), `=a -> b` a
matching one, and `=` alone a short answer. `\\~ \\= \\# \\{ \\} \\:` are literal characters,
`\\n` a line break and `\\\\` a backslash. A text may start with `[html]`, `[markdown]`,
`[plain]` or `[moodle]`, its format; answers take the question text's unless they say.

The rules follow Moodle's importer (question/format/gift), which is what GIFT files are
written for. Where the GIFT-grammar-PEG.js parser, whose test files we check against,
reads a file differently, Moodle is followed and the test says so. Nothing here raises
on bad input: each question that cannot be read is reported at its line, and the rest
are read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

FORMATS = ("moodle", "html", "plain", "markdown")
BLANK = "_____"  # where answers stood inside the text (Moodle's missing-word questions)

# Escaped characters stand in as Unicode noncharacters while the structure is read, so
# no control character found afterwards can be an escaped one.
_ESCAPABLE = "\\:#={}~n"
_STAND_IN = {ch: chr(0xFDD0 + i) for i, ch in enumerate(_ESCAPABLE)}
_MEANS = {stand_in: ("\n" if ch == "n" else ch) for ch, stand_in in _STAND_IN.items()}
_STAND_INS = re.compile("[\ufdd0-\ufdef]")
_WEIGHT = re.compile(r"^%\s*(-?\d+(?:\.\d*)?|-?\.\d+)\s*%")
_ID = re.compile(r"\[id:([^\]]*)\]")
_TAG = re.compile(r"\[tag:([^\]]*)\]")
# What our own export keeps that GIFT has no place for (choice ids, the stage, the unit),
# in a comment Moodle skips: `// playbook: {"stage": "pilot"}`.
META = "playbook:"
_META = re.compile(r"^//\s*playbook:\s*(\{.*\})\s*$")


@dataclass(frozen=True)
class Text:
    """A text as GIFT gives it: its characters (escapes read) and its format."""

    text: str
    format: str = "moodle"


@dataclass(frozen=True)
class Answer:
    """One answer of a choice, short-answer or numeric question.

    `weight` is the share of the marks in percent as written (None when the file gives
    none: then `=` is full marks and `~` none). A numeric answer has `number` and
    `tolerance`, or only feedback (`~#...`: what any other number is told)."""

    right: bool  # marked with `=` (a choice) or listed as accepted (short, numeric)
    text: Text | None = None
    weight: float | None = None
    feedback: Text | None = None
    number: float | None = None
    tolerance: float = 0.0
    range: tuple[float, float] | None = None  # as written, low..high

    @property
    def percent(self) -> float:
        if self.weight is not None:
            return self.weight
        return 100.0 if self.right else 0.0


@dataclass(frozen=True)
class Pair:
    left: Text  # empty: an extra right-hand option that matches nothing
    right: str


@dataclass
class GiftQuestion:
    """One paragraph of a GIFT file, read: a question, a category, or something we report."""

    line: int  # where its text starts in the file
    kind: str  # category, description, essay, multichoice, truefalse, shortanswer,
    # numerical, matching
    title: str = ""
    stem: Text = field(default_factory=lambda: Text(""))
    embedded: bool = False  # the answers stood inside the text (a blank marks the place)
    id: str = ""
    tags: tuple[str, ...] = ()
    general_feedback: Text | None = None
    answers: list[Answer] = field(default_factory=list)
    is_true: bool = False
    feedback_true: Text | None = None  # what answering "true" is told (Moodle's reading)
    feedback_false: Text | None = None
    pairs: list[Pair] = field(default_factory=list)
    category: str = ""
    single: bool = True  # a choice question with one right answer (an `=`), else several
    meta: dict = field(default_factory=dict)  # what our export keeps in a comment


@dataclass(frozen=True)
class GiftProblem:
    line: int
    message: str


@dataclass
class Parsed:
    questions: list[GiftQuestion] = field(default_factory=list)
    problems: list[GiftProblem] = field(default_factory=list)
    notes: list[GiftProblem] = field(default_factory=list)  # read, with something to know


# -- escapes ------------------------------------------------------------------------


def protect(text: str) -> str:
    """Escaped characters as stand-ins; a backslash before anything else stays itself."""
    text = _STAND_INS.sub("\ufffd", text)
    out: list[str] = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == "\\" and i + 1 < len(text) and text[i + 1] in _STAND_IN:
            out.append(_STAND_IN[text[i + 1]])
            i += 2
            continue
        out.append(ch)
        i += 1
    return "".join(out)


def unprotect(text: str) -> str:
    return _STAND_INS.sub(lambda m: _MEANS.get(m.group(), m.group()), text)


def escape(text: str) -> str:
    """Text written as GIFT: control characters escaped, line breaks as \\n."""
    out = []
    for ch in text.replace("\r\n", "\n").replace("\r", "\n"):
        if ch == "\n":
            out.append("\\n")
        elif ch in "\\:#={}~":
            out.append("\\" + ch)
        else:
            out.append(ch)
    return "".join(out)


# -- texts --------------------------------------------------------------------------


def rich(raw: str, default: str = "moodle") -> Text:
    """A protected piece of GIFT text read with its format: `[html]...` says its own; line
    breaks and runs of spaces fold to one space except in HTML and Markdown, which keep
    them (as the GIFT-grammar parser does)."""
    raw = raw.replace("\r\n", "\n").strip()
    form = default
    match = re.match(r"^\[(\w+)\]", raw)
    if match and match.group(1) in FORMATS:
        form = match.group(1)
        raw = raw[match.end() :].strip()
    if form not in ("html", "markdown"):
        raw = _fold_lines(raw)
    return Text(unprotect(raw), form)


def _fold_lines(raw: str) -> str:
    """A text wrapped over several lines of the file, as one line: each line break (with
    the spaces around it) is one space. Spaces within a line are the writer's own."""
    return re.sub(r"[ \t]*\n\s*", " ", raw)


def plain(raw: str) -> str:
    """A protected text with no format of its own (a matching right-hand side)."""
    return unprotect(_fold_lines(raw.strip()))


def _split_feedback(piece: str, form: str) -> tuple[str, Text | None]:
    """An answer's text and the feedback after its first `#`."""
    text, hash_, feedback = piece.partition("#")
    if not hash_:
        return text, None
    said = rich(feedback, form)
    return text, (said if said.text else None)


def _weight(piece: str) -> tuple[float | None, str]:
    match = _WEIGHT.match(piece.strip())
    if not match:
        return None, piece
    return float(match.group(1)), piece.strip()[match.end() :]


# -- the file -----------------------------------------------------------------------


def paragraphs(text: str) -> list[tuple[int, list[tuple[int, str]]]]:
    """(first line, [(line number, line)]) for each run of non-blank lines."""
    runs: list[tuple[int, list[tuple[int, str]]]] = []
    current: list[tuple[int, str]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            current.append((number, line))
            continue
        if current:
            runs.append((current[0][0], current))
            current = []
    if current:
        runs.append((current[0][0], current))
    return runs


def parse_gift(text: str) -> Parsed:
    """Every paragraph of a GIFT file read, in order; what cannot be read, reported."""
    parsed = Parsed()
    for _first, lines in paragraphs(text.lstrip("\ufeff")):
        ids: list[str] = []
        tags: list[str] = []
        meta: dict = {}
        body: list[tuple[int, str]] = []
        for number, line in lines:
            if line.strip().startswith("//"):
                if not body:  # names given before the question starts
                    ids += [m.strip() for m in _ID.findall(line)]
                    tags += [t.strip() for t in _TAG.findall(line) if t.strip()]
                    meta = _read_meta(line.strip()) or meta
                continue
            body.append((number, line))
        if not body:
            continue
        if body[0][1].strip().startswith("$CATEGORY:"):
            number, line = body[0]
            name = plain(protect(line.strip()[len("$CATEGORY:") :]))
            parsed.questions.append(GiftQuestion(number, "category", category=name))
            body = body[1:]
            if not body:
                continue
        runs = _runs(body)
        if len(runs) > 1:
            parsed.notes.append(
                GiftProblem(
                    body[0][0],
                    f"{len(runs)} questions with no blank line between them: read one by one "
                    "(Moodle needs a blank line after each question)",
                )
            )
        for number, run in enumerate(runs):
            question = _question(run, parsed.problems)
            if question is None:
                continue
            if number == 0:  # the names in the comments are the first question's
                question.id = ids[-1] if ids else ""
                question.tags = tuple(dict.fromkeys(tags))
                question.meta = meta
            parsed.questions.append(question)
    return parsed


def _runs(body: list[tuple[int, str]]) -> list[list[tuple[int, str]]]:
    """A paragraph split where a question plainly ends and another begins without a blank
    line: a line that closes the answers with `}`, followed by lines holding another `{`."""
    runs: list[list[tuple[int, str]]] = [[]]
    depth = 0
    for index, (number, line) in enumerate(body):
        runs[-1].append((number, line))
        protected = protect(line)
        depth += protected.count("{") - protected.count("}")
        rest = body[index + 1 :]
        if (
            depth == 0
            and protected.rstrip().endswith("}")
            and rest
            and any("{" in protect(later) for _, later in rest)
        ):
            runs.append([])
    return [run for run in runs if run]


def _read_meta(line: str) -> dict:
    import json

    match = _META.match(line)
    if not match:
        return {}
    try:
        found = json.loads(match.group(1))
    except ValueError:
        return {}
    return found if isinstance(found, dict) else {}


def _question(body: list[tuple[int, str]], problems: list[GiftProblem]) -> GiftQuestion | None:
    line = body[0][0]
    text = protect("\n".join(content for _, content in body)).strip()
    title = ""
    if text.startswith("::"):
        end = text.find("::", 2)
        if end < 0:
            problems.append(GiftProblem(line, "the title has no closing '::'"))
            text = text[2:].strip()
        else:
            title = plain(text[2:end])
            text = text[end + 2 :].strip()
    opening = text.find("{")
    closing = text.find("}", max(opening, 0))
    if opening < 0 and "}" not in text:
        return GiftQuestion(line, "description", title=title, stem=rich(text))
    if opening < 0 or "}" in text[:opening]:
        problems.append(GiftProblem(line, "a '}' without its '{' (write a literal brace as \\} )"))
        return None
    if closing < 0:
        problems.append(GiftProblem(line, "a '{' without its '}' (write a literal brace as \\{ )"))
        return None
    before, answers, after = text[:opening], text[opening + 1 : closing], text[closing + 1 :]
    after_text = after.strip()
    if after_text.startswith("//"):
        after_text = ""
    if "{" in after or "}" in after:
        problems.append(
            GiftProblem(
                line,
                "more than one set of answers in one question (answers embedded at several "
                "places in the text): no question kind here can take that",
            )
        )
        return None
    stem = rich(before)
    embedded = bool(after_text)
    if embedded:
        rest = rich(after_text, stem.format if before.strip() else "moodle")
        form = stem.format if before.strip() else rest.format
        stem = Text(" ".join(p for p in (stem.text, BLANK, rest.text) if p), form)
    question = GiftQuestion(line, "", title=title, stem=stem, embedded=embedded)
    _answers(question, answers.strip(), problems)
    return question if question.kind else None


def _answers(q: GiftQuestion, raw: str, problems: list[GiftProblem]) -> None:
    """Work out the kind from the answers, as Moodle does, and read them."""
    form = q.stem.format
    general = raw.rfind("####")
    if general >= 0:
        said = rich(raw[general + 4 :], form)
        q.general_feedback = said if said.text else None
        raw = raw[:general].strip()
    if not raw:
        q.kind = "essay"
    elif raw.startswith("#"):
        q.kind = "numerical"
        _numerical(q, raw[1:], problems)
    elif "~" in raw:
        q.kind = "multichoice"
        _choices(q, raw, problems)
    elif "=" in raw and "->" in raw:
        q.kind = "matching"
        _matching(q, raw, problems)
    elif raw.partition("#")[0].strip() in ("T", "TRUE", "F", "FALSE"):
        q.kind = "truefalse"
        answer, *feedback = raw.split("#", 2)
        wrong = rich(feedback[0], form) if feedback else None
        right = rich(feedback[1], form) if len(feedback) > 1 else None
        wrong = wrong if wrong and wrong.text else None
        right = right if right and right.text else None
        q.is_true = answer.strip() in ("T", "TRUE")
        # Moodle: the first feedback is for a wrong answer, the second for a right one.
        q.feedback_true, q.feedback_false = (right, wrong) if q.is_true else (wrong, right)
    else:
        q.kind = "shortanswer"
        _short(q, raw, problems)


def _pieces(raw: str, markers: str) -> list[tuple[str, str]]:
    """(marker, text) for each answer, split at every marker character."""
    found: list[tuple[str, str]] = []
    marker, start = "", 0
    for i, ch in enumerate(raw):
        if ch in markers:
            if raw[start:i].strip() or marker:
                found.append((marker, raw[start:i]))
            marker, start = ch, i + 1
    if raw[start:].strip() or marker:
        found.append((marker, raw[start:]))
    return found


def _choices(q: GiftQuestion, raw: str, problems: list[GiftProblem]) -> None:
    q.single = "=" in raw
    for marker, piece in _pieces(raw, "~="):
        weight, piece = _weight(piece)
        text, feedback = _split_feedback(piece, q.stem.format)
        q.answers.append(Answer(marker == "=", rich(text, q.stem.format), weight, feedback))


def _short(q: GiftQuestion, raw: str, problems: list[GiftProblem]) -> None:
    for _marker, piece in _pieces(raw, "="):
        weight, piece = _weight(piece)
        text, feedback = _split_feedback(piece, q.stem.format)
        q.answers.append(Answer(True, rich(text, q.stem.format), weight, feedback))


def _matching(q: GiftQuestion, raw: str, problems: list[GiftProblem]) -> None:
    for _marker, piece in _pieces(raw, "="):
        left, arrow, right = piece.partition("->")
        if not arrow:
            problems.append(
                GiftProblem(q.line, f"a matching pair needs 'left -> right': {plain(piece)!r}")
            )
            q.kind = ""
            return
        q.pairs.append(Pair(rich(left, q.stem.format), plain(right)))


def _number(text: str) -> float | None:
    try:
        value = float(text.strip())
    except ValueError:
        return None
    return value if value == value and abs(value) != float("inf") else None


def _numerical(q: GiftQuestion, raw: str, problems: list[GiftProblem]) -> None:
    for marker, piece in _pieces(raw, "=~"):
        weight, piece = _weight(piece)
        value, feedback = _split_feedback(piece, q.stem.format)
        value = unprotect(value).strip()
        right = marker != "~"
        if not value and not right:
            q.answers.append(Answer(False, None, weight, feedback))  # any other number
            continue
        low, dots, high = value.partition("..")
        if dots and low.strip():
            lo, hi = _number(low), _number(high)
            if lo is None or hi is None or hi < lo:
                problems.append(GiftProblem(q.line, f"not a range of numbers: {value!r}"))
                q.kind = ""
                return
            middle, half = round((lo + hi) / 2, 12), round((hi - lo) / 2, 12)
            q.answers.append(Answer(right, None, weight, feedback, middle, half, (lo, hi)))
            continue
        number, colon, margin = value.partition(":")
        answer = _number(number)
        tolerance = _number(margin) if colon else 0.0
        if answer is None or tolerance is None:
            problems.append(
                GiftProblem(q.line, f"not a number (with an optional :tolerance): {value!r}")
            )
            q.kind = ""
            return
        q.answers.append(Answer(right, None, weight, feedback, answer, abs(tolerance)))
    if not any(a.number is not None for a in q.answers):
        problems.append(GiftProblem(q.line, "a numeric question without a number"))
        q.kind = ""


# -- HTML, for the app that shows text ---------------------------------------------------

# Tags that end a line (1) or a paragraph (2).
_BLOCKS = dict.fromkeys(("br", "li", "tr"), 1) | dict.fromkeys(
    ("p", "div", "pre", "table", "ul", "ol", "blockquote", "hr", "h1", "h2", "h3", "h4", "h5"),
    2,
)


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.kept: list[bool] = []  # the part is preformatted: its spaces are kept
        self.pre = 0
        self.images: list[str] = []

    def _add(self, text: str, kept: bool) -> None:
        self.parts.append(text)
        self.kept.append(kept)

    def _break(self, lines: int) -> None:
        """End the line here: at least `lines` line breaks (2: a new paragraph)."""
        if self.parts and not self.kept[-1]:
            self.parts[-1] = self.parts[-1].rstrip(" ")
        ending = "".join(self.parts[-3:])
        have = len(ending) - len(ending.rstrip("\n"))
        if self.parts and have < lines:
            self._add("\n" * (lines - have), False)

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in _BLOCKS:
            self._break(_BLOCKS[tag])
        if tag == "li":
            self._add("- ", False)
        if tag == "pre":
            self.pre += 1
        if tag == "img":
            found = dict(attrs)
            self.images.append(found.get("alt") or found.get("src") or "an image")

    def handle_endtag(self, tag: str) -> None:
        if tag == "pre":
            self.pre = max(0, self.pre - 1)
        if tag in _BLOCKS:
            self._break(_BLOCKS[tag])

    def handle_data(self, data: str) -> None:
        if self.pre:
            self._add(data, True)
            return
        data = re.sub(r"\s+", " ", data)
        if not self.parts or self.parts[-1].endswith("\n"):
            data = data.lstrip(" ")
        self._add(data, False)


def html_text(html: str) -> tuple[str, list[str]]:
    """HTML as the plain text the app shows (paragraphs and line breaks kept, tags gone,
    entities read), and the images it had, which text cannot show."""
    reader = _Text()
    reader.feed(html)
    reader.close()
    text = "".join(reader.parts).replace("\xa0", " ")
    return re.sub(r"\n{3,}", "\n\n", text).strip(), reader.images
