"""Date expressions and how they resolve to calendar dates.

Resolution rules:

* A full date ("January 15, 2026", "15 January 2026", "2026-01-15") is
  *stated*, precision ``day``; "January 2026" is stated with precision
  ``month``.
* A year-less date ("January 15", "5 June") takes the year of its most recent
  occurrence not after the anchor, so a document read on 2026-11-27 puts
  "January 15" on 2026-01-15 and "December 3" on 2025-12-03. The anchor is
  the document's ``published`` date (derivation ``stated``: the year comes
  from the document itself); without one it is the caller's reference date
  and the derivation is ``year-inferred``.
* A news dateline with a full date ("WASHINGTON, Feb. 3, 2026 —") dates the
  story itself: without a ``published`` date it is the anchor (derivation
  ``stated``), and a date in the body is preferred to the dateline's own.
* "today", "yesterday" and weekdays ("on Thursday": the most recent Thursday
  on or before the anchor) are ``relative``, precision ``day``. Vaguer
  expressions ("this week", "last month") are ``relative`` with precision
  ``month``.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from .lexicon import Tokens

MONTHS = {
    name.casefold(): number
    for number in range(1, 13)
    for name in (calendar.month_name[number], calendar.month_abbr[number])
} | {"sept": 9}

WEEKDAYS = {calendar.day_name[number].casefold(): number for number in range(7)}

_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)"
)
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?:\s*[-\u2013]\s*\d{1,2})?"
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"

DATE_RE = re.compile(
    rf"""
    (?<![\w-])
    (?:{_WEEKDAY},?\s+)?
    (?:
        (?P<month1>{_MONTH})\.?\s+(?P<day1>{_DAY})(?!\d)(?:,?\s+(?P<year1>(?:19|20)\d\d))?
      | (?P<day2>{_DAY})\s+(?:of\s+)?(?P<month2>{_MONTH})\.?(?:,?\s+(?P<year2>(?:19|20)\d\d))?
      | (?P<month3>{_MONTH})\.?,?\s+(?P<year3>(?:19|20)\d\d)
      | (?P<iso>(?:19|20)\d\d-[01]\d-[0-3]\d)
    )
    (?![\w])
    """,
    re.VERBOSE,
)

RELATIVE_RE = re.compile(
    rf"""
    (?<![\w-])
    (?:
        (?P<day>earlier\s+today|today|tonight|this\s+(?:morning|afternoon|evening)|yesterday|last\s+night)
      | (?:on\s+|last\s+|this\s+(?:past\s+)?)?(?P<weekday>{_WEEKDAY})
      | (?P<vague>(?:earlier\s+)?this\s+(?:week|month)|last\s+(?:week|month))
    )
    (?![\w])
    """,
    re.VERBOSE | re.IGNORECASE,
)

DATELINE_RE = re.compile(
    r"""
    \A\s*
    (?P<city>[A-Z][A-Z.'\-]+(?:\s[A-Z][A-Z.'\-]+){0,3})
    (?:,\s*[A-Z][\w.']*(?:\s[A-Z][\w.']*)*)*
    (?:,?\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?)?
    \s*(?:\([^)\n]{1,40}\))?
    \s*[\u2014\u2013-]{1,2}\s
    """,
    re.VERBOSE,
)


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date expression and the calendar date it resolves to."""

    start: int
    end: int
    date: dt.date
    precision: str  # "day" | "month"
    derivation: str  # "stated" | "relative" | "year-inferred"


_ORDINAL_RE = re.compile(r"\d{1,2}(?:st|nd|rd|th)")  # "the 14th of March"
_ABSOLUTE_STARTS = frozenset(MONTHS) | frozenset(WEEKDAYS)
_RELATIVE_STARTS = frozenset(WEEKDAYS) | {
    "today",
    "tonight",
    "yesterday",
    "this",
    "last",
    "earlier",
    "on",
}


def find_dates(
    text: str, *, anchor: dt.date, anchored_on_published: bool, tokens: Tokens | None = None
) -> list[DateMention]:
    """All date mentions in ``text`` (normalised body), in document order.

    The patterns are tried only where a token can open a date (a month,
    weekday, number or relative word), which keeps long documents fast.
    """
    tokens = tokens or Tokens.of(text)
    mentions: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    covered = -1
    for start, word in zip(tokens.starts, tokens.folded, strict=True):
        if start < covered or not (
            word in _ABSOLUTE_STARTS
            or (word.isdigit() and len(word) in (1, 2, 4))
            or _ORDINAL_RE.fullmatch(word)
        ):
            continue
        match = DATE_RE.match(text, start)
        if match is None:
            continue
        resolved = _resolve_absolute(match, anchor, anchored_on_published)
        if resolved is not None:
            mentions.append(DateMention(match.start(), match.end(), *resolved))
            taken.append(match.span())
            covered = match.end()
    covered = -1
    for start, word in zip(tokens.starts, tokens.folded, strict=True):
        if start < covered or word not in _RELATIVE_STARTS:
            continue
        match = RELATIVE_RE.match(text, start)
        if match is None or any(
            match.start() < end and begin < match.end() for begin, end in taken
        ):
            continue  # the weekday of "Thursday, January 15"
        covered = match.end()
        resolved = _resolve_relative(match, anchor)
        if resolved is not None:
            mentions.append(DateMention(match.start(), match.end(), *resolved))
    mentions.sort(key=lambda mention: mention.start)
    return mentions


# An allied ministry's dateline: "Bratislava, 19 March 2026 –" (city in title case, a full date).
_TITLE_DATELINE_RE = re.compile(
    r"""
    \A\s*
    (?P<city>[A-Z][a-z\u00c0-\u017f'\-]+(?:\s[A-Z][a-z\u00c0-\u017f'\-]+){0,2})
    ,\s*(?:\d{1,2}(?:st|nd|rd|th)?\s+[A-Z][a-z]{2,8}\.?,?\s+\d{4}|[A-Z][a-z]{2,8}\.?\s+\d{1,2},\s*\d{4})
    \s*[\u2014\u2013-]{1,2}\s
    """,
    re.VERBOSE,
)


def _dateline(text: str) -> re.Match[str] | None:
    return DATELINE_RE.match(text) or _TITLE_DATELINE_RE.match(text)


def dateline_date(text: str) -> tuple[dt.date, int] | None:
    """The full date of a news dateline ("WASHINGTON, Feb. 3, 2026 —") and where the
    dateline ends; None when the dateline gives no year."""
    match = _dateline(text)
    if match is None:
        return None
    found = DATE_RE.search(text, match.start("city"), match.end())
    if found is None or not (found.group("year1") or found.group("year2")):
        return None
    resolved = _resolve_absolute(found, dt.date.today(), True)
    return (resolved[0], match.end()) if resolved else None


def dateline_city(text: str) -> str | None:
    """The place of a news dateline ("WASHINGTON, Jan. 15 —"), title-cased."""
    match = _dateline(text)
    if match is None or len(match.group("city")) < 3:
        return None
    return match.group("city").title()


def most_recent(month: int, day: int, anchor: dt.date) -> dt.date | None:
    """The latest ``month``/``day`` not after ``anchor`` (None if impossible)."""
    for year in (anchor.year, anchor.year - 1, anchor.year - 2, anchor.year - 3, anchor.year - 4):
        try:
            candidate = dt.date(year, month, day)
        except ValueError:
            continue  # February 29 outside leap years, or an impossible day
        if candidate <= anchor:
            return candidate
    return None


def _resolve_absolute(
    match: re.Match[str], anchor: dt.date, anchored_on_published: bool
) -> tuple[dt.date, str, str] | None:
    if match.group("iso"):
        try:
            return dt.date.fromisoformat(match.group("iso")), "day", "stated"
        except ValueError:
            return None
    if match.group("month3"):
        return (
            dt.date(int(match.group("year3")), MONTHS[match.group("month3").casefold()], 1),
            "month",
            "stated",
        )
    month_text = match.group("month1") or match.group("month2")
    day_text = match.group("day1") or match.group("day2")
    year_text = match.group("year1") or match.group("year2")
    month = MONTHS[month_text.casefold()]
    day = int(re.match(r"\d+", day_text).group())
    if year_text:
        try:
            return dt.date(int(year_text), month, day), "day", "stated"
        except ValueError:
            return None
    resolved = most_recent(month, day, anchor)
    if resolved is None:
        return None
    return resolved, "day", "stated" if anchored_on_published else "year-inferred"


def _resolve_relative(match: re.Match[str], anchor: dt.date) -> tuple[dt.date, str, str] | None:
    if phrase := match.group("day"):
        offset = 1 if phrase.casefold().startswith(("yesterday", "last")) else 0
        return anchor - dt.timedelta(days=offset), "day", "relative"
    if weekday := match.group("weekday"):
        if not weekday[0].isupper():
            return None
        back = (anchor.weekday() - WEEKDAYS[weekday.casefold()]) % 7
        return anchor - dt.timedelta(days=back), "day", "relative"
    phrase = " ".join(match.group("vague").casefold().split())
    if phrase.endswith("week"):
        return (
            anchor - dt.timedelta(days=7 if phrase.startswith("last") else 0),
            "month",
            "relative",
        )
    if phrase.startswith("last"):
        previous = anchor.replace(day=1) - dt.timedelta(days=1)
        return previous.replace(day=1), "month", "relative"
    return anchor.replace(day=1), "month", "relative"
