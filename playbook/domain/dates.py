"""Provides the reading of dates and spans of time as founders write them.

"7 June 2027", "June 7, 2027", "June 2027", "Q2 2027", "H1 2028", "by 2027", "2027-06-07",
"07/06/2027 (day/month)": each is found in a sentence with the span of text it covers, so
a goal's "31" in "by 31 March 2027" is known to be part of its date and not its target.
Finding where a date is written is ours; understanding what it says is python-dateutil's
(so "31 February 2027" is refused, and month names, ordinals and abbreviations all work).

A numeric date whose day and month could be swapped (07/06/2027) is only read when the
order is said ("day/month", "dd/mm/yyyy", "month/day") or one part is over 12; otherwise it
is reported as ambiguous, because a review date a month off is worse than a question.

Spans of time are lengths ("six months", "12 weeks", "a year") or ranges ("1 May to 31
October 2027", "from March to August 2027"), optionally anchored ("twelve weeks from 1
March 2027").
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from itertools import pairwise

MONTH_NAMES = (
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    "jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec"
)
_M = rf"(?:{MONTH_NAMES})\.?"
_ORD = r"(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d\d"

NUMBER_WORDS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "eighteen": 18,
    "twenty": 20,
    "twenty-four": 24,
    "thirty": 30,
    "thirty-six": 36,
    "forty": 40,
    "fifty": 50,
    "fifty-two": 52,
    "sixty": 60,
    "ninety": 90,
}
UNIT_DAYS = {"day": 1, "week": 7, "month": 30.44, "quarter": 91.31, "year": 365.25}
_COUNT = r"(?:\d+(?:\.\d+)?|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + ")"
_UNIT = r"(?:days?|weeks?|months?|quarters?|years?|yrs?|mos?|wks?)"


@dataclass(frozen=True)
class DateMention:
    """A date found in text: the stretch of text, and the period it names."""

    start: int
    end: int
    text: str
    first: date  # the first day it names ("June 2027": 1 June)
    last: date  # the last ("June 2027": 30 June; a day: the same day)
    precision: str  # "day", "month", "quarter", "half", "year", or "range" (March to May 2027)
    problem: str = ""  # why it cannot be read as a date (ambiguous, not a real day)

    @property
    def day(self) -> date | None:
        return self.first if self.precision == "day" and not self.problem else None


@dataclass(frozen=True)
class Span:
    """A stretch of time: how long, and from when to when where the text says."""

    start: int  # where it is written
    end: int
    days: float  # its length
    first: date | None = None
    last: date | None = None


# -- finding dates ----------------------------------------------------------------------

_PATTERNS = (
    (
        "month-range",
        rf"\b(?:from\s+)?(?P<mon>{_M})\s+(?:to|until|till|through|-|–)\s+(?P<mon2>{_M}),?\s+"
        rf"(?P<y>{_YEAR})\b",
    ),
    ("iso", rf"\b(?P<y>{_YEAR})-(?P<m>\d{{1,2}})-(?P<d>\d{{1,2}})\b"),
    ("numeric", rf"\b(?P<a>\d{{1,2}})[/.](?P<b>\d{{1,2}})[/.](?P<y>{_YEAR}|\d\d)\b"),
    ("dmy", rf"\b(?P<d>\d{{1,2}}){_ORD}\s+(?:of\s+)?(?P<mon>{_M}),?\s+(?P<y>{_YEAR})\b"),
    ("mdy", rf"\b(?P<mon>{_M})\s+(?P<d>\d{{1,2}}){_ORD},?\s+(?P<y>{_YEAR})\b"),
    ("dm", rf"\b(?P<d>\d{{1,2}}){_ORD}\s+(?:of\s+)?(?P<mon>{_M})(?![\w-])"),
    ("md", rf"\b(?P<mon>{_M})\s+(?P<d>\d{{1,2}}){_ORD}(?![\d,]|\s*,?\s*{_YEAR})\b"),
    ("my", rf"\b(?P<mon>{_M}),?\s+(?P<y>{_YEAR})\b"),
    (
        "quarter",
        rf"\b(?:Q(?P<q>[1-4])\s*(?:of\s+)?(?:FY)?(?P<y>{_YEAR})|(?P<y2>{_YEAR})\s*Q(?P<q2>[1-4]))\b",
    ),
    (
        "quarter-words",
        rf"\b(?P<nth>first|second|third|fourth|1st|2nd|3rd|4th)\s+quarter\s+of\s+(?P<y>{_YEAR})\b",
    ),
    ("half", rf"\b(?:H(?P<h>[12])\s*(?P<y>{_YEAR})|(?P<y2>{_YEAR})\s*H(?P<h2>[12]))\b"),
    ("fy", rf"\b(?:FY\s?|financial year\s|fiscal year\s)(?P<y>{_YEAR})\b"),
    (
        "year",
        rf"\b(?:by|in|before|until|till|during|through|throughout|from|for|within|of|"
        rf"end of|the end of|start of|early|late|mid-?)\s+(?P<y>{_YEAR})\b",
    ),
)
_ORDER_DAY_FIRST = re.compile(r"\b(?:day\s*/\s*month|dd\s*/\s*mm(?:\s*/\s*yy(?:yy)?)?)\b", re.I)
_ORDER_MONTH_FIRST = re.compile(
    r"\b(?:month\s*/\s*day|mm\s*/\s*dd(?:\s*/\s*yy(?:yy)?)?)\b", re.IGNORECASE
)
_NTH = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}


@lru_cache(maxsize=1)
def _compiled() -> tuple[tuple[str, re.Pattern], ...]:
    return tuple((kind, re.compile(pattern, re.IGNORECASE)) for kind, pattern in _PATTERNS)


def _parse(text: str, dayfirst: bool = False) -> date | None:
    """What python-dateutil reads in `text` (None for no real date: "31 February")."""
    from dateutil import parser  # imported when a date is first read: not at start-up

    try:
        return parser.parse(text, dayfirst=dayfirst, default=datetime(2000, 1, 1)).date()
    except (ValueError, OverflowError, TypeError):
        return None


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _next_occurrence(day: int, month_text: str, today: date) -> tuple[date | None, str]:
    """ "30 June" without a year: the next 30 June from today."""
    for year in (today.year, today.year + 1):
        found = _parse(f"{day} {month_text} {year}")
        if found is not None and found >= today:
            return found, ""
    return None, f"“{day} {month_text}” is not a real date"


def find_dates(text: str, today: date | None = None) -> list[DateMention]:
    """Every date written in `text`, left to right, none overlapping another. `today`
    places a date written without its year ("by 30 June": the next 30 June)."""
    return list(_find_dates(text, today or date.today()))


@lru_cache(maxsize=2048)
def _find_dates(text: str, today: date) -> tuple[DateMention, ...]:
    taken: list[tuple[int, int]] = []
    found: list[DateMention] = []
    day_first = bool(_ORDER_DAY_FIRST.search(text))
    month_first = bool(_ORDER_MONTH_FIRST.search(text))
    for kind, pattern in _compiled():
        for match in pattern.finditer(text):
            start, end = match.span()
            if any(start < b and a < end for a, b in taken):
                continue
            mention = _mention(kind, match, today, day_first, month_first)
            if mention is None:
                continue
            taken.append((mention.start, mention.end))
            found.append(mention)
    return tuple(sorted(found, key=lambda m: m.start))


def _mention(
    kind: str, match: re.Match, today: date, day_first: bool, month_first: bool
) -> DateMention | None:
    g = match.groupdict()
    start, end = match.span()
    written = match.group()

    def day_mention(read: date | None, problem: str = "") -> DateMention:
        if read is None and not problem:
            problem = f"“{written.strip()}” is not a real date"
        when = read or today
        return DateMention(start, end, written, when, when, "day", problem)

    if kind == "iso":
        return day_mention(_parse(f"{g['y']}-{g['m']}-{g['d']}"))
    if kind == "numeric":
        a, b = int(g["a"]), int(g["b"])
        year = g["y"] if len(g["y"]) == 4 else f"20{g['y']}"
        if a > 12 and b <= 12:
            order = "day"
        elif b > 12 and a <= 12:
            order = "month"
        elif day_first != month_first:
            order = "day" if day_first else "month"
        elif a == b:
            order = "day"
        else:
            return day_mention(
                None,
                f"“{written}” could be {a} {calendar.month_name[b]} or {b} "
                f"{calendar.month_name[a]}: write the month as a word "
                "(7 June 2027), or say the order, e.g. “07/06/2027 (day/month)”",
            )
        return day_mention(_parse(f"{g['a']}/{g['b']}/{year}", dayfirst=order == "day"))
    if kind in ("dmy", "mdy"):
        return day_mention(_parse(f"{g['d']} {g['mon']} {g['y']}"))
    if kind in ("dm", "md"):
        read, problem = _next_occurrence(int(g["d"]), g["mon"], today)
        return day_mention(read, problem)
    if kind == "month-range":
        first = _parse(f"1 {g['mon']} {g['y']}")
        last = _parse(f"1 {g['mon2']} {g['y']}")
        if first is None or last is None or last < first:
            return None
        return DateMention(start, end, written, first, _month_end(last.year, last.month), "range")
    if kind == "my":
        first = _parse(f"1 {g['mon']} {g['y']}")
        if first is None:
            return None
        return DateMention(start, end, written, first, _month_end(first.year, first.month), "month")
    if kind in ("quarter", "quarter-words"):
        quarter = int(g.get("q") or g.get("q2") or _NTH[g["nth"].lower()])
        year = int(g.get("y") or g.get("y2"))
        first = date(year, 3 * quarter - 2, 1)
        return DateMention(start, end, written, first, _month_end(year, 3 * quarter), "quarter")
    if kind == "half":
        half = int(g.get("h") or g.get("h2"))
        year = int(g.get("y") or g.get("y2"))
        first = date(year, 1 if half == 1 else 7, 1)
        return DateMention(start, end, written, first, _month_end(year, 6 * half), "half")
    year = int(g["y"])
    if kind == "year":  # keep only the year itself as the date's text
        start = match.start("y")
        written = g["y"]
    return DateMention(start, end, written, date(year, 1, 1), date(year, 12, 31), "year")


# -- one day, for a date field ------------------------------------------------------------


def read_day(text: str, today: date | None = None) -> tuple[date | None, str]:
    """(the one day written, "") or (None, what is wrong with it)."""
    text = text.strip()
    if not text:
        return None, "No date yet."
    mentions = find_dates(text, today)
    days = [m for m in mentions if m.precision == "day"]
    if len(mentions) > 1:
        return None, f"“{text}” holds more than one date: give just one day."
    if not mentions:
        if re.fullmatch(rf"{_YEAR}", text):
            return None, f"{text} is a year: give the day, e.g. 30 June {text}."
        return None, f"“{text}” is not a date: write it like 30 June 2027 or 2027-06-30."
    mention = mentions[0]
    if mention.problem:
        return None, mention.problem + "."
    if not days:
        return None, (
            f"“{mention.text.strip()}” is a {mention.precision}, not a day: say which day, "
            f"e.g. {mention.last.day} {calendar.month_name[mention.last.month]} "
            f"{mention.last.year}."
        )
    leftover = (text[: mention.start] + text[mention.end :]).strip(" ,.;:()")
    leftover = _ORDER_DAY_FIRST.sub("", _ORDER_MONTH_FIRST.sub("", leftover)).strip(" ,.;:()")
    if re.search(r"\d", leftover):
        return None, f"“{text}” has more in it than a date: give just the day."
    return mention.first, ""


# -- spans of time -------------------------------------------------------------------------

_LENGTH = re.compile(
    rf"\b(?P<n>{_COUNT})(?:[\s-]+|(?<=\d))(?P<u>{_UNIT})\b(?:[\s-]+long)?", re.IGNORECASE
)
_HALF_YEAR = re.compile(r"\bhalf\s+a\s+year\b|\bsix-month\b", re.IGNORECASE)
_RANGE_JOIN = re.compile(r"^\s*(?:-|–|—|to|until|till|through|thru|and)\s*$", re.IGNORECASE)


def _unit_days(unit: str) -> float:
    unit = unit.lower().rstrip("s")
    unit = {"yr": "year", "mo": "month", "wk": "week"}.get(unit, unit)
    return UNIT_DAYS[unit]


def lengths(text: str) -> list[Span]:
    """ "six months", "12 weeks", "a year": lengths of time written in `text`."""
    found = []
    for match in _LENGTH.finditer(text):
        count = match.group("n").lower()
        value = NUMBER_WORDS.get(count)
        number = float(count) if value is None else float(value)
        found.append(Span(match.start(), match.end(), number * _unit_days(match.group("u"))))
    for match in _HALF_YEAR.finditer(text):
        found.append(Span(match.start(), match.end(), 182.6))
    return sorted(found, key=lambda s: s.start)


def find_span(text: str, today: date | None = None) -> Span | None:
    """The stretch of time `text` describes: a range of two dates, or a length (anchored
    to a start date when one is given: "twelve weeks from 1 March 2027"); None if neither."""
    today = today or date.today()
    mentions = [m for m in find_dates(text, today) if not m.problem]
    for mention in mentions:
        if mention.precision == "range":
            days = (mention.last - mention.first).days + 1
            return Span(mention.start, mention.end, days, mention.first, mention.last)
    for left, right in pairwise(mentions):
        between = text[left.end : right.start]
        opener = text[max(0, left.start - 8) : left.start].lower()
        if _RANGE_JOIN.match(between) or ("between" in opener and between.strip() == "and"):
            first, last = left.first, right.last
            if left.precision == "day" and right.precision == "day" and first.year != last.year:
                # "1 May to 31 October 2027": the first day takes the year of the second
                written_year = re.search(_YEAR, left.text)
                if written_year is None:
                    first = first.replace(year=last.year)
            return Span(left.start, right.end, (last - first).days + 1, first, last)
    found = lengths(text)
    if found:
        length = found[0]
        anchor = next((m for m in mentions if m.precision == "day"), None)
        if anchor is not None:
            first = anchor.first
            last = first + timedelta(days=round(length.days) - 1)
            return Span(length.start, max(length.end, anchor.end), length.days, first, last)
        return length
    return None
