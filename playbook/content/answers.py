"""Provides the reading of typed answers: short answers folded for comparison, and numbers.

A teacher accepts "cerberus CAPITAL management." for "Cerberus Capital Management", and
"$0.475 billion" for 475 million. These rules say exactly what is folded away and how a
number is read, so the same answer is marked the same way everywhere (quizzes, review,
workshops, the command line). Nothing here knows a question; the question kinds use it.

Numbers, the rules written down:
- digits may be grouped with commas, spaces (also thin and no-break spaces) or underscores
  in threes: 44,000 / 44 000 / 44_000 / 1,234,567.89;
- a lone comma followed by exactly three digits groups thousands (44,000 is forty-four
  thousand); any other lone comma is a decimal comma (7,4 is seven point four);
- dots are decimal points; several dots, each followed by three digits, group thousands
  (1.234.567);
- a scale word or letter multiplies: k / thousand, m / mn / million, b / bn / billion,
  tn / trillion; a currency sign or code ($, €, £, ¥, US$, USD, EUR ...) and words such as
  "about" are ignored; % and "percent" are allowed;
- a question's unit may carry a scale ("US$ billion"): an answer with its own scale is
  converted into it, and an answer without one is read in the question's unit, or, when
  that is not the answer, as a plain amount ("$500,000,000" for 0.5 US$ billion);
- no digits, or two numbers, is not an answer: it is refused with the reason.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass

# -- short answers ---------------------------------------------------------------------

LEGAL_SUFFIXES = frozenset(
    "inc incorporated corp corporation llc llp lp ltd limited plc ag gmbh sa se nv bv spa "
    "kk co".split()
)
_NOT_WORD = re.compile(r"[^\w]+")


def fold(text: str) -> str:
    """Text as compared: no case, accents, punctuation, "&", leading "the", legal suffixes.

    "The Walt Disney Co." and "walt disney" fold alike; "L.P." and "LP" too.
    """
    # Fold case first: some letters change length in upper case ("ᾀ" is "ἈΙ"), and only
    # the folded forms decompose alike.
    text = str(text).casefold()
    if not text.isascii():  # accents to strip: the slow path, only when there are any
        text = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = text.replace("&", " and ").replace("’", "").replace("'", "")
    tokens = [t for t in _NOT_WORD.sub(" ", text).replace("_", " ").split() if t]
    tokens = _join_initials(tokens)
    while len(tokens) > 1 and tokens[-1] in LEGAL_SUFFIXES:
        tokens = tokens[:-1]
    while len(tokens) > 1 and tokens[0] == "the":
        tokens = tokens[1:]
    if len(tokens) > 1 and tokens[-1] == "and":  # "Smith & Co." -> "smith and" -> "smith"
        tokens = tokens[:-1]
    return " ".join(tokens)


def _join_initials(tokens: list[str]) -> list[str]:
    """Runs of single letters become one token: "l p" -> "lp", "u s" -> "us"."""
    out: list[str] = []
    run: list[str] = []
    for token in [*tokens, ""]:
        if len(token) == 1 and token.isalpha():
            run.append(token)
            continue
        if run:
            out.append("".join(run))
            run = []
        if token:
            out.append(token)
    return out


def edit_distance(a: str, b: str) -> int:
    """Optimal string alignment distance: insertions, deletions, substitutions, swaps."""
    if a == b:
        return 0
    if abs(len(a) - len(b)) > 3:
        return abs(len(a) - len(b))
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, start=1):
            cost = 0 if ca == cb else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        previous2, previous = previous, current
    return previous[-1]


def allowed_typos(folded: str) -> int:
    """How many slips a near miss may have, scaled to the answer's length."""
    letters = len(folded.replace(" ", ""))
    if letters <= 4:
        return 0
    if letters <= 8:
        return 1
    if letters <= 16:
        return 2
    return 3


def _digits(folded: str) -> list[str]:
    return re.findall(r"\d+", folded)


@dataclass(frozen=True)
class TextMatch:
    """How a short answer compares with a question's accepted and rejected answers."""

    right: bool
    spelled: str = ""  # a near miss accepted: the accepted answer it was taken for
    rejected: str = ""  # matched a near miss the content keeps wrong


def match_text(given: str, accept: tuple[str, ...], reject: tuple[str, ...] = ()) -> TextMatch:
    """Exact after folding; else a near miss within a few slips (same digits) is accepted,
    unless the content lists it (or something nearer) among the answers that stay wrong."""
    folded = fold(given)
    if not folded:
        return TextMatch(False)
    # Of the forms that fold alike, the first listed is the one a near miss is told of
    # (the key comes first; "Magna-Steyr" after "Magna Steyr" only accepts the hyphen).
    accepted: dict[str, str] = {}
    for a in accept:
        if fold(a):
            accepted.setdefault(fold(a), a)
    rejected: dict[str, str] = {}
    for r in reject:
        if fold(r):
            rejected.setdefault(fold(r), r)
    if folded in accepted:
        return TextMatch(True)
    if folded in rejected:
        return TextMatch(False, rejected=rejected[folded])
    best: tuple[int, str] | None = None
    for key, original in accepted.items():
        if _digits(key) != _digits(folded):
            continue  # "Circle 8" is not a typo of "Circle 7"
        distance = edit_distance(folded, key)
        if distance <= allowed_typos(key) and (best is None or distance < best[0]):
            best = (distance, original)
    if best is None:
        return TextMatch(False)
    nearest_wrong = min((edit_distance(folded, key) for key in rejected), default=None)
    if nearest_wrong is not None and nearest_wrong <= best[0]:
        return TextMatch(False)
    return TextMatch(True, spelled=best[1])


# -- numbers ---------------------------------------------------------------------------

SCALES = {
    "k": 1e3,
    "thousand": 1e3,
    "thousands": 1e3,
    "m": 1e6,
    "mn": 1e6,
    "mm": 1e6,
    "mio": 1e6,
    "million": 1e6,
    "millions": 1e6,
    "b": 1e9,
    "bn": 1e9,
    "billion": 1e9,
    "billions": 1e9,
    "tn": 1e12,
    "trillion": 1e12,
    "trillions": 1e12,
}
CURRENCIES = frozenset(
    "usd us$ us eur gbp jpy chf cny rmb inr krw sek cad aud dollar dollars euro euros pound "
    "pounds yen yuan rupee rupees won".split()
)
FILLERS = frozenset(
    "about around approximately approx roughly nearly almost some circa ca c over under "
    "just only exactly".split()
)
PERCENT_WORDS = frozenset(("percent", "per cent", "pct"))
_CURRENCY_SIGNS = "$€£¥₹₩"
_SPACES = "\u00a0\u2009\u202f"
_NUMBER = re.compile(r"\d[\d,._ ]*|\.\d+")
_FLOAT = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")


class NotANumber(ValueError):
    """What was typed cannot be read as one number; the message says why and what to type."""


@dataclass(frozen=True)
class Quantity:
    value: float
    scale: float = 1.0  # from a scale word in the answer ("bn"); 1.0 when none was given
    scaled: bool = False  # the answer carried its own scale
    percent: bool = False


def unit_scale(unit: str) -> float:
    """The scale a question's unit carries: "US$ billion" -> 1e9, "stores" -> 1."""
    for word in re.findall(r"[a-z]+", unit.casefold()):
        if word in SCALES and word not in ("m", "b", "k"):
            return SCALES[word]
    return 1.0


def _read_digits(text: str) -> float:
    """One run of digits and separators as a float, by the rules in the module docstring."""
    body = text.strip(" ,._")
    if not body:
        raise NotANumber("there are no digits in it: type the number in digits, e.g. 7.4")
    marks = re.findall(r"[^\d]", body)
    decimal = ""
    if marks:
        last = marks[-1]
        head, _, tail = body.rpartition(last)
        if last in ".," and marks.count(last) == 1:
            if len(set(marks)) > 1 or last == ".":
                decimal = last  # "1,234.5", "1.234,5", "7.4": the last mark is the decimal one
            elif len(tail) != 3 or head == "0":
                decimal = ","  # "7,4", "0,475": a decimal comma
    whole, fraction = body.rsplit(decimal, 1) if decimal else (body, "")
    groups = re.split(r"[^\d]", whole)
    if len(groups) > 1 and not (
        1 <= len(groups[0]) <= 3 and all(len(group) == 3 for group in groups[1:])
    ):
        raise NotANumber("the digits are not grouped in threes, or it holds two numbers")
    if fraction and not fraction.isdigit():
        raise NotANumber("the digits after the decimal point are not all digits")
    value = float("".join(groups) + ("." + fraction if decimal else ""))
    if not math.isfinite(value):
        raise NotANumber("not a finite number")
    return value


def read_quantity(typed: object) -> Quantity:
    """One number from what was typed, with its scale; NotANumber says why it cannot be."""
    if isinstance(typed, bool):
        raise NotANumber("true/false is not a number")
    if isinstance(typed, int | float):
        if not math.isfinite(float(typed)):
            raise NotANumber("not a finite number")
        return Quantity(float(typed))
    if not isinstance(typed, str):
        raise NotANumber("not a number")
    text = typed.strip()
    if _FLOAT.fullmatch(text):
        value = float(text)
        if not math.isfinite(value):
            raise NotANumber("not a finite number")
        return Quantity(value)
    for space in _SPACES:
        text = text.replace(space, " ")
    if not re.search(r"\d", text):
        raise NotANumber("there are no digits in it: type the number in digits, e.g. 7.4")
    negative = bool(re.match(r"^\s*[-−–]\s*[\d$€£¥.]", text))
    text = text.lstrip("-−– ")
    lowered = text.casefold()
    percent = "%" in lowered or any(w in lowered for w in PERCENT_WORDS)
    lowered = lowered.replace("%", " ")
    for word in PERCENT_WORDS:
        lowered = lowered.replace(word, " ")
    for sign in _CURRENCY_SIGNS:
        lowered = lowered.replace(sign, " ")
    lowered = lowered.replace("us$", " ").replace("~", " ").replace("+/-", " ")
    # split a number glued to its scale or currency: "7.4bn", "44k", "usd12"
    lowered = re.sub(r"(\d)([a-z])", r"\1 \2", lowered)
    lowered = re.sub(r"([a-z])(\d)", r"\1 \2", lowered)
    chunks = _number_chunks(lowered, list(_NUMBER.finditer(lowered)))
    if len(chunks) != 1:
        raise NotANumber("there is more than one number in it: type just one")
    start, end = chunks[0]
    digits = lowered[start:end]
    rest = (lowered[:start] + " " + lowered[end:]).split()
    scale, scaled = 1.0, False
    for word in rest:
        word = word.strip(".,;:()")
        if not word:
            continue
        if word in SCALES:
            if scaled:
                raise NotANumber("it has two scale words (such as 'k' and 'million')")
            scale, scaled = SCALES[word], True
        elif word in CURRENCIES or word in FILLERS or word.isalpha():
            continue  # a currency, "about", or the unit's own word ("stores")
        else:
            raise NotANumber(f"“{word}” is not part of a number")
    value = _read_digits(digits)
    return Quantity(-value if negative else value, scale, scaled, percent)


def _number_chunks(text: str, numbers: list[re.Match]) -> list[tuple[int, int]]:
    """Spans of digits with their separators ("44 000" is one), trailing separators cut."""
    chunks: list[tuple[int, int]] = []
    for match in numbers:
        start, end = match.span()
        piece = text[start:end].rstrip(" ")
        end = start + len(piece)
        if piece.strip(",._ "):
            chunks.append((start, end))
    return chunks


def number_in_unit(typed: object, unit: str = "") -> float:
    """The typed number in the question's unit ("$475 million" in "US$ billion" -> 0.475)."""
    quantity = read_quantity(typed)
    if not quantity.scaled:
        return quantity.value
    return quantity.value * quantity.scale / unit_scale(unit)


def readings_in_unit(typed: object, unit: str = "") -> tuple[float, ...]:
    """The ways the typed number may be meant in the question's unit: one for an answer with
    its own scale or a unit without one; for a plain number against a scaled unit, both in
    the unit ("0.5" US$ billion) and as a plain amount ("500,000,000" dollars)."""
    quantity = read_quantity(typed)
    scale = unit_scale(unit)
    if quantity.scaled:
        return (quantity.value * quantity.scale / scale,)
    if scale == 1.0:
        return (quantity.value,)
    return (quantity.value, quantity.value / scale)


def format_number(value: float) -> str:
    """7.4 -> "7.4", 36.0 -> "36", 44000 -> "44,000": no trailing ".0", no float noise."""
    if float(value).is_integer() and abs(value) < 1e15:
        return f"{int(value):,}"
    return f"{value:,.10g}" if abs(value) >= 1000 else f"{value:.10g}"
