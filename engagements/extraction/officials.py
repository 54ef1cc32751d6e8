"""Recognising officials: title + name + country, then later mentions.

The patterns are the ones readouts use::

    U.S. Secretary of War Pete Hegseth            country, title, name
    Shinjirō Koizumi, Japan's Minister of Defense  name, country's title
    Minister of National Defense Ahn Gyu-back of the Republic of Korea
    his Japanese counterpart, Defense Minister Gen Nakatani

    The Deputy Prime Minister and Minister for Defence, the Hon Richard Marles MP,
    Minister of Defense NAKATANI Gen               family name in capitals first

Honorifics ("the Hon", "Shri", "H.E.") and post-nominals ("MP") are not part
of a name. A family name written in capitals is the family name: "NAKATANI
Gen" is recorded as "Nakatani Gen", and as "Gen Nakatani" once the official is
known to be from a country whose names English prose gives in the given-name-
first order (``given_name_first`` in countries.json), so the same person
matches across documents. A counterpart named without a title ("his German
counterpart Boris Pistorius") takes his country's defence-minister title when
the official he is the counterpart of holds a defence title, and that
official's level in any case.

Later mentions by surname ("Koizumi underscored ...") or by title and surname
("Secretary Hegseth") attach to the official already found; "the Defence
Secretary" after a Defence Secretary was introduced refers back to him.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from .dictionaries import CountryAlias, Dictionaries, Title
from .lexicon import Hit, Scan, Tokens
from .text import Sentence, fold

LEVEL_RANK = {"leaders": 4, "ministerial": 3, "deputy": 2, "working": 1}

_UPPER = "".join(ch for ch in map(chr, range(0x41, 0x2000)) if ch.isupper() and ch.isalpha())
_GAP = r"(?:[ \t]|\n(?![ \t]*\n))+"
_WORD = rf"[{_UPPER}]\w*(?:'(?!s(?!\w))\w+)?(?:-\w+)*"
_SUFFIX = r"(?:Jr\.|Sr\.|Jr|Sr|II|III|IV)(?!\w)"
_PARTICLE = r"(?:de|da|di|do|dos|das|del|della|van|von|der|den|ter|le|la|du|bin|binti|al|el|ibn)"
_TOKEN = rf"(?:{_SUFFIX}|[{_UPPER}]\.|{_WORD})"
NAME = rf"(?:[{_UPPER}]\.|{_WORD})(?:{_GAP}(?:{_PARTICLE}{_GAP})*{_TOKEN}|,{_GAP}{_SUFFIX}){{0,5}}"

_NAME_RE = re.compile(NAME)
_NAME_BEFORE_RE = re.compile(rf"(?<![\w.'\-])(?P<name>{NAME})\s*,\s*(?:(?:the|his|her|their)\s+)?$")
_TOKEN_RE = re.compile(rf"{_SUFFIX}|[\w'.\-]+")
_SUFFIX_RE = re.compile(_SUFFIX)
_COMPOUND_RE = re.compile(r",?\s+(?:and|&)\s+")
_AFTER_TITLE_RE = re.compile(r"(?P<comma>\s*,)?\s+")
_OF_RE = re.compile(r"\s+of\s+")
_BEFORE_TITLE_GAP_RE = re.compile(
    r"(?:'s)?\s+(?:(?:and\s+)?(?:his|her|their)\s+)?(?:counterparts?,?\s+)?"
    r"(?:(?:newly[ -]appointed|new)\s+)?"
    # "Israeli Defense Ministry Director General", "Ministry of Defence Permanent Secretary"
    r"(?:(?:(?:Defen[cs]e|Foreign|War)\s+Ministry(?:'s)?|Ministry\s+of\s+(?:National\s+)?Defen[cs]e)\s+)?"
)
# A ruler's title that is also a given name ("Amir Baram") is a title only after "the" or a
# country ("Qatari Emir Tamim") or before "of <Country>" ("the Amir of Kuwait").
_GIVEN_NAME_TITLES = frozenset({"Amir", "Emir"})
_READOUT_GAP_RE = re.compile(r"\s*,?\s*")
_TRAILING_CONNECTORS_RE = re.compile(r"(?:\s+(?:and|of|for|the|&))+$")
_COUNTERPART_RE = re.compile(r"\s+counterpart,?\s+")
_COUNTERPARTS_BEFORE_RE = re.compile(r"\bcounterparts\b")
_LISTED_COUNTRIES_RE = re.compile(r"\bcounterparts\s+(?:from|of|in)\s+(?:the\s+)?")
_LIST_JOINER_RE = re.compile(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+)(?:the\s+)?")
_SURNAME_RE = re.compile(rf"{_WORD}(?![\w\-'])")
_WORD_BEFORE_RE = re.compile(r"(\w+)[\s\-]+$")
_THE_BEFORE_RE = re.compile(r"\b[Tt]he\s+$")
_COORDINATED_RE = re.compile(r"\s*,?\s+and\s+$")
_CAPS_RE = re.compile(r"[^\W\d_]{2,}")

_MONTH_ABBREVIATIONS = frozenset(
    {"Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}
)
_DAY_AFTER_RE = re.compile(r"\.?\s*\d")

# Capitalised words that end a name ("... Pete Hegseth Thursday").
_STOP_TOKENS = frozenset(
    {
        "The",
        "A",
        "An",
        "On",
        "In",
        "At",
        "During",
        "Today",
        "Yesterday",
        "Both",
        "He",
        "She",
        "They",
        "It",
        "This",
        "That",
        "These",
        "Those",
        "While",
        "After",
        "Before",
        "And",
        "But",
        "Or",
        "As",
        "With",
        "For",
        "From",
        "To",
        "Of",
        "By",
        "Following",
        "Ahead",
        "Also",
        "Meanwhile",
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
        "Jan",
        "Feb",
        "Mar",
        "Apr",
        "Jun",
        "Jul",
        "Aug",
        "Sep",
        "Sept",
        "Oct",
        "Nov",
        "Dec",
        "Secretary",
        "Minister",
        "Ministry",
        "Department",
        "Defense",
        "Defence",
        "Forces",
        "Army",
        "Navy",
        "Air",
        "Force",
        "Marine",
        "Corps",
        "Coast",
        "Guard",
        "Self-Defense",
        "Self-Defence",
        "Alliance",
        "NATO",
        "Pentagon",
        "Prime",
        "President",
        "Chancellor",
        "General",
        "Admiral",
        "Ambassador",
        "Director",
        "Commander",
        "Deputy",
        "Vice",
        "Acting",
        "Office",
        "Headquarters",
        "Embassy",
        "Government",
        "Kingdom",
        "Republic",
        "Federal",
        "National",
        "Joint",
        "Chiefs",
        "Staff",
    }
)


@dataclass(slots=True)
class Mention:
    start: int
    end: int
    sentence: Sentence
    in_passing: bool = False


@dataclass(slots=True)
class OfficialCandidate:
    """An official found in the text, before participation is decided."""

    name: str
    title: str
    level: str | None
    country: str | None
    excluded: bool = False  # spokespeople and the like: never participants
    mentions: list[Mention] = field(default_factory=list)
    family: str | None = None  # family name when the text marked it (capitals)
    family_first: bool = False  # "NAKATANI Gen": family name written first
    prefixed: bool = False  # country stated before a title implying none ("Japanese Minister")

    @property
    def key(self) -> str:
        return fold(self.name)

    @property
    def surnames(self) -> tuple[str, ...]:
        """Forms the text may use for later mentions ("Hegseth"; "Ahn" for "Ahn Gyu-back")."""
        if self.family:
            return (self.family,)
        tokens = [token for token in self.name.split() if not _SUFFIX_RE.fullmatch(token)]
        forms = [tokens[-1].rstrip(",")] if tokens else []
        if len(tokens) == 2 and "-" in tokens[1]:
            forms.append(tokens[0])  # Korean order: family name first
        if len(tokens) == 3 and tokens[1][:1].isupper() and "-" not in tokens[2]:
            forms.append(tokens[1])  # paternal surname: "Minister Múcio" for José Múcio Monteiro
        return tuple(form for form in forms if len(form) > 1 and not form.endswith("."))


@dataclass(frozen=True, slots=True)
class CountryMention:
    start: int
    end: int
    code: str
    is_name: bool  # False for demonyms and capitals


class SentenceIndex:
    """Finds the sentence containing an offset."""

    def __init__(self, sentences: Sequence[Sentence]) -> None:
        self.sentences = sentences
        self._starts = [sentence.start for sentence in sentences]

    def at(self, offset: int) -> Sentence:
        position = max(0, bisect.bisect_right(self._starts, offset) - 1)
        return self.sentences[position]


def find_country_mentions(scan: Scan) -> list[CountryMention]:
    """Every country name, short form, demonym or capital found by ``scan``."""
    mentions = []
    for hit in scan.all("country"):
        alias: CountryAlias = hit.label
        mentions.append(CountryMention(hit.start, hit.end, alias.code, alias.is_name))
    return mentions


def find_officials(
    body: str,
    work: str,
    tokens: Tokens,
    scan: Scan,
    index: SentenceIndex,
    dictionaries: Dictionaries,
    countries: Sequence[CountryMention],
    on: str = "",
) -> list[OfficialCandidate]:
    """Officials introduced with a title, plus their later mentions.

    ``on`` (an ISO date) picks the dated defence-minister title given to a
    counterpart named without one.
    """
    context = _Context(body, work, scan, index, dictionaries, countries, on)
    found: list[OfficialCandidate] = []
    consumed = 0
    for hit in scan.all("title"):
        if hit.label.role == "reference" or hit.start < consumed:
            continue
        consumed = max(consumed, _introduce(context, hit, found))
    _introduce_counterparts(context, found)
    _pair_listed_countries(context, found)
    _introduce_by_reference(context, found)
    for candidate in found:
        apply_name_order(candidate, dictionaries, work, scan)
    _attach_later_mentions(tokens, scan, index, found)
    _mark_in_passing(work, scan, found)
    return found


@dataclass(slots=True)
class _Context:
    body: str
    work: str
    scan: Scan
    index: SentenceIndex
    dictionaries: Dictionaries
    countries: Sequence[CountryMention]
    on: str = ""
    by_end: dict[int, CountryMention] = field(init=False)
    by_start: dict[int, CountryMention] = field(init=False)

    def __post_init__(self) -> None:
        self.by_end = {mention.end: mention for mention in self.countries}
        self.by_start = {mention.start: mention for mention in self.countries}

    def country_named_at(self, position: int) -> CountryMention | None:
        """A country name (not a demonym) at ``position``, after an optional "the"."""
        for start in (position, position + 4 if self.work.startswith("the ", position) else -1):
            mention = self.by_start.get(start)
            if mention is not None and mention.is_name:
                return mention
        return None


def _introduce_counterparts(context: _Context, found: list[OfficialCandidate]) -> None:
    """Officials named without a title: "his Australian counterpart Richard Marles"."""
    work = context.work
    for mention in context.countries:
        gap = _COUNTERPART_RE.match(work, mention.end)
        if gap is None:
            continue
        sentence = context.index.at(mention.start)
        span = _name_after(work, gap.end() - 1, sentence, context.dictionaries)
        if span is None:
            continue
        name = " ".join(context.body[span[0] : span[1]].split())
        name = context.dictionaries.official_names.get(fold(name), name)
        if any(candidate.key == fold(name) for candidate in found):
            continue
        referrer = _referrer(found, sentence, mention.start)
        title, level = "", None
        if referrer is not None:
            level = referrer.level
            if context.dictionaries.defence_re.search(referrer.title):
                title = context.dictionaries.defence_title(mention.code, context.on)
        found.append(
            OfficialCandidate(
                name, title, level, mention.code, False, [Mention(mention.start, span[1], sentence)]
            )
        )


def _referrer(
    found: Sequence[OfficialCandidate], sentence: Sentence, before: int
) -> OfficialCandidate | None:
    """The official last named in ``sentence`` before ``before``: whose counterpart it is."""
    best: tuple[int, OfficialCandidate] | None = None
    for candidate in found:
        for mention in candidate.mentions:
            if sentence.start <= mention.start < before and (
                best is None or mention.start > best[0]
            ):
                best = (mention.start, candidate)
    return best[1] if best else None


def _introduce(context: _Context, hit: Hit, found: list[OfficialCandidate]) -> int:
    """Record the official introduced by a title; return where the title ends."""
    work, dictionaries = context.work, context.dictionaries
    parts: list[Title] = [hit.label]
    title_end = hit.end
    while (joint := _COMPOUND_RE.match(work, title_end)) and (
        following := context.scan.starting_at("title", joint.end())
    ):
        if following.label.role != "office":
            break
        parts.append(following.label)
        title_end = following.end

    title_start = hit.start
    written = " ".join(context.body[hit.start : hit.end].split())
    if written != parts[0].title and written.replace("-", " ") == parts[0].title.replace("-", " "):
        parts[0] = Title(written, parts[0].level, parts[0].country, parts[0].role)
    title_text = " and ".join(part.title for part in parts)
    if (word := _WORD_BEFORE_RE.search(work, max(0, hit.start - 20), hit.start)) and (
        modifier := dictionaries.modifiers.get(word.group(1).lower())
    ):
        title_start = word.start(1)
        title_text = f"{modifier} {title_text}"
    levels = [part.level for part in parts if part.level]
    level = max(levels, key=LEVEL_RANK.__getitem__) if levels else None
    sentence = context.index.at(hit.start)

    country, prefix_start = _country_before(work, title_start, context.by_end)
    plural = bool(_COUNTERPARTS_BEFORE_RE.search(work, prefix_start, title_start))
    name_position = title_end
    if (of_match := _OF_RE.match(work, title_end)) and (
        mention := context.country_named_at(of_match.end())
    ):
        country = country or mention.code
        name_position = mention.end
    if portfolio := dictionaries.portfolio_re.match(work, name_position):
        portfolio_end = portfolio.start() + len(_TRAILING_CONNECTORS_RE.sub("", portfolio.group()))
        if words := " ".join(context.body[portfolio.start() : portfolio_end].split()):
            title_text += " " + words
            name_position = portfolio_end

    if (
        parts[0].title in _GIVEN_NAME_TITLES
        and country is None
        and name_position == title_end
        and not _THE_BEFORE_RE.search(work, max(0, title_start - 4), title_start)
    ):
        return title_end  # "Director General Amir Baram": a given name, not a ruler
    span = _name_after(work, name_position, sentence, dictionaries)
    if span is None and parts[0].title in dictionaries.single_name_titles:
        # "King Abdullah II": a monarch may bear one name
        span = _name_after(work, name_position, sentence, dictionaries, minimum=1)
    article = _THE_BEFORE_RE.search(work, max(0, prefix_start - 4), prefix_start)
    # "the Defence Secretary", "the Japanese Defence Minister": the one already introduced
    if (
        span is None
        and article is not None
        and (referent := _referent(found, title_text, level, country, dictionaries)) is not None
    ):
        referent.mentions.append(Mention(article.start(), title_end, sentence))
        return title_end
    if span is None:
        span = _name_before(work, prefix_start, sentence, context)
    if span is None:
        return title_end
    start, end = span
    name = " ".join(context.body[start:end].split())
    family, family_first = _family_in_capitals(name)
    if family:
        name = " ".join(
            token.title()
            if _CAPS_RE.fullmatch(token) and token.isupper() and not _SUFFIX_RE.fullmatch(token)
            else token
            for token in name.split()
        )
    # "Japanese Foreign Minister A and Defense Minister B", "their Philippine counterparts,
    # Foreign Secretary A and Defense Secretary B": the stated country covers both.
    prefixed = country is not None and (plural or not any(part.country for part in parts))
    if (of_match := _OF_RE.match(work, end)) and (
        mention := context.country_named_at(of_match.end())
    ):
        country = country or mention.code
    if country is None:
        country = next((part.country for part in parts if part.country), None)
    if country is None and found and found[-1].prefixed:
        previous = found[-1].mentions[-1]
        if previous.sentence is sentence and _COORDINATED_RE.fullmatch(
            work, previous.end, title_start
        ):
            country = found[-1].country  # "Japanese Foreign Minister A and Defense Minister B"

    name = dictionaries.official_names.get(fold(name), name)
    excluded = hit.label.role == "non_participant" or _issued_readout(work, end, context.scan)
    mention = Mention(min(title_start, start), max(title_end, end), sentence)
    for candidate in found:
        if candidate.key == fold(name) or (
            len(name.split()) >= 2
            and candidate.surnames[:1] == _surname(name)
            and candidate.country in (country, None)
        ):
            candidate.mentions.append(mention)
            candidate.country = candidate.country or country
            return max(title_end, end)
    found.append(
        OfficialCandidate(
            name,
            title_text,
            level,
            country,
            excluded,
            [mention],
            family=family,
            family_first=family_first,
            prefixed=prefixed,
        )
    )
    return max(title_end, end)


def _referent(
    found: Sequence[OfficialCandidate],
    title: str,
    level: str | None,
    country: str | None,
    dictionaries: Dictionaries,
) -> OfficialCandidate | None:
    """The one official already introduced that "the [Japanese] <title>" refers to: same
    title, or (for a defence title) another defence title of the same level."""
    defence = bool(dictionaries.defence_re.search(title))
    matches = [
        candidate
        for candidate in found
        if (country is None or candidate.country == country)
        and (
            candidate.title == title
            or (
                defence
                and candidate.level == level
                and bool(dictionaries.defence_re.search(candidate.title))
                and country is not None
            )
        )
    ]
    return matches[0] if len(matches) == 1 else None


def apply_name_order(
    candidate: OfficialCandidate, dictionaries: Dictionaries, work: str, scan: Scan
) -> None:
    """Mark the family name of an official whose country orders names family first.

    Korean, Chinese and Vietnamese names keep the family name first in English
    ("Shin Won-sik" is Minister Shin). A Japanese name is usually written given name
    first, but official releases may write it family first without capitals ("Oniki
    Makoto"); a later "State Minister Oniki" shows which word is the family name, and
    the name then takes the given-name-first order like "NAKATANI Gen".
    """
    country = dictionaries.countries.get(candidate.country or "")
    tokens = [token for token in candidate.name.split() if not _SUFFIX_RE.fullmatch(token)]
    if candidate.family or country is None or len(tokens) < 2:
        return
    if country.family_name_first:
        candidate.family = tokens[0]
    elif country.given_name_first and len(tokens) == 2 and _titled_later(work, scan, tokens):
        candidate.family, candidate.family_first = tokens[0], True


def _titled_later(work: str, scan: Scan, tokens: Sequence[str]) -> bool:
    """Whether a title is followed by the first word of a name and never by the last."""
    first = last = False
    for hit in scan.all("title"):
        gap = _AFTER_TITLE_RE.match(work, hit.end)
        word = _SURNAME_RE.match(work, gap.end()) if gap and not gap.group("comma") else None
        if word is None:
            continue
        following = (
            _SURNAME_RE.match(work, word.end() + 1)
            if work[word.end() : word.end() + 1] == " "
            else None
        )
        if word.group() == tokens[0] and not (following and following.group() == tokens[1]):
            first = True
        elif word.group() == tokens[1]:
            last = True
    return first and not last


def _pair_listed_countries(context: _Context, found: list[OfficialCandidate]) -> None:
    """ "his counterparts from Australia, Japan and the Philippines: X, Y and Z" pairs
    countries and officials in order (only where the officials' countries agree)."""
    for match in _LISTED_COUNTRIES_RE.finditer(context.work):
        listed: list[str] = []
        cursor = match.end()
        while (mention := context.by_start.get(cursor)) is not None:
            listed.append(mention.code)
            joint = _LIST_JOINER_RE.match(context.work, mention.end)
            if joint is None or context.by_start.get(joint.end()) is None:
                cursor = mention.end
                break
            cursor = joint.end()
        if len(listed) < 2:
            continue
        sentence = context.index.at(match.start())
        named = sorted(
            (
                (candidate.mentions[0].start, candidate)
                for candidate in found
                if candidate.mentions
                and candidate.mentions[0].sentence is sentence
                and candidate.mentions[0].start >= cursor
            ),
            key=lambda item: item[0],
        )
        if len(named) != len(listed) or any(
            candidate.country not in (None, code)
            for (_, candidate), code in zip(named, listed, strict=True)
        ):
            continue
        for (_, candidate), code in zip(named, listed, strict=True):
            candidate.country = code


def _family_in_capitals(name: str) -> tuple[str | None, bool]:
    """ "NAKATANI Gen" -> ("Nakatani", True); "Gen NAKATANI" -> ("Nakatani", False)."""
    tokens = [token for token in name.split() if not _SUFFIX_RE.fullmatch(token)]
    if len(tokens) != 2:
        return None, False
    caps = [bool(_CAPS_RE.fullmatch(token)) and token.isupper() for token in tokens]
    if caps == [True, False]:
        return tokens[0].title(), True
    if caps == [False, True]:
        return tokens[1].title(), False
    return None, False


def _surname(name: str) -> tuple[str, ...]:
    tokens = [token for token in name.split() if not _SUFFIX_RE.fullmatch(token)]
    return (tokens[-1].rstrip(","),) if tokens else ()


def _country_before(
    work: str, title_start: int, by_end: dict[int, CountryMention]
) -> tuple[str | None, int]:
    """Country stated just before a title ("U.S.", "Japan's", "his Japanese counterpart,")."""
    for end in range(title_start, max(-1, title_start - 60), -1):
        mention = by_end.get(end)
        if mention and _BEFORE_TITLE_GAP_RE.fullmatch(work, end, title_start):
            return mention.code, mention.start
    return None, title_start


def _name_after(
    work: str, position: int, sentence: Sentence, dictionaries: Dictionaries, *, minimum: int = 2
) -> tuple[int, int] | None:
    gap = _AFTER_TITLE_RE.match(work, position)
    if gap is None or gap.end() >= sentence.end:
        return None
    position = gap.end()
    if rank := dictionaries.rank_re.match(work, position):
        position = rank.end()
    found = _NAME_RE.match(work, position, sentence.end)
    if found is None:
        return None
    return _trim(work, found.start(), found.end(), dictionaries, minimum=minimum)


def _name_before(
    work: str, prefix_start: int, sentence: Sentence, context: _Context
) -> tuple[int, int] | None:
    found = _NAME_BEFORE_RE.search(work, sentence.start, prefix_start)
    if found is None:
        return None
    start = found.start("name")
    if rank := context.dictionaries.rank_re.match(work, start, found.end("name")):
        start = rank.end()  # "Senior Colonel Nguyen Minh Tuan, Deputy Director General ..."
    span = _trim(work, start, found.end("name"), context.dictionaries, minimum=2)
    if span is None:
        return None
    for vocabulary in ("venue", "city", "country"):
        if context.scan.first(vocabulary, span[0], span[1]) is not None:
            return None  # "Meeting at the Main Building, the Defence Secretary ..."
    return span


def _trim(
    work: str, start: int, end: int, dictionaries: Dictionaries, *, minimum: int
) -> tuple[int, int] | None:
    """Cut a name at the first word that cannot be part of one."""
    tokens = [(m.start(), m.end()) for m in _TOKEN_RE.finditer(work, start, end)]
    honorifics = dictionaries.honorifics
    while tokens and (
        work[tokens[0][0] : tokens[0][1]].rstrip(".") in _STOP_TOKENS
        or work[tokens[0][0] : tokens[0][1]] in honorifics
    ):
        tokens.pop(0)
    kept: list[tuple[int, int]] = []
    for token_start, token_end in tokens:
        token = work[token_start:token_end]
        if token in _MONTH_ABBREVIATIONS and not _DAY_AFTER_RE.match(work, token_end):
            kept.append((token_start, token_end))  # "Dong Jun", not "Jun. 5"
            continue
        if token.rstrip(".,") in _STOP_TOKENS or token.rstrip(",") in dictionaries.post_nominals:
            break
        kept.append((token_start, token_end))
    while kept and work[kept[-1][0] : kept[-1][1]] in {
        "de",
        "van",
        "von",
        "der",
        "da",
        "al",
        "bin",
    }:
        kept.pop()
    words = [work[a:b] for a, b in kept if not _SUFFIX_RE.fullmatch(work[a:b])]
    if len(words) < minimum:
        return None
    return kept[0][0], kept[-1][1]


def _issued_readout(work: str, name_end: int, scan: Scan) -> bool:
    gap = _READOUT_GAP_RE.match(work, name_end)
    return scan.starting_at("readout", gap.end() if gap else name_end) is not None


def _introduce_by_reference(context: _Context, found: list[OfficialCandidate]) -> None:
    """Officials a readout names only as "Secretary Austin" (level and country implied)."""
    known = {surname for candidate in found for surname in candidate.surnames}
    for hit in context.scan.all("title"):
        title: Title = hit.label
        if title.role != "reference" or title.level is None:
            continue
        gap = _AFTER_TITLE_RE.match(context.work, hit.end)
        if gap is None or gap.group("comma"):
            continue
        found_name = _SURNAME_RE.match(context.work, gap.end())
        if found_name is None:
            continue
        surname = found_name.group()
        if surname in known or surname in _STOP_TOKENS or context.by_start.get(found_name.start()):
            continue
        known.add(surname)
        mention = Mention(hit.start, found_name.end(), context.index.at(hit.start))
        found.append(
            OfficialCandidate(surname, title.title, title.level, title.country, False, [mention])
        )


def _attach_later_mentions(
    tokens: Tokens, scan: Scan, index: SentenceIndex, found: list[OfficialCandidate]
) -> None:
    covered = [
        (mention.start, mention.end) for candidate in found for mention in candidate.mentions
    ]
    by_surname: dict[str, OfficialCandidate] = {}
    for rank in (0, 1):  # everyone's main surname before anyone's further forms
        for candidate in found:
            for surname in candidate.surnames[rank : rank + 1 if rank == 0 else None]:
                by_surname.setdefault(surname, candidate)
    if not by_surname:
        return
    for start, end, word in zip(tokens.starts, tokens.ends, tokens.words, strict=True):
        candidate = by_surname.get(word)
        if candidate is None or any(begin <= start < finish for begin, finish in covered):
            continue
        title = scan.last("title", max(0, start - 40), start)
        if title is not None and not _tokens_between(tokens, title.last, start):
            start = title.start  # "Secretary Hegseth", "State Minister Onoda"
        candidate.mentions.append(Mention(start, end, index.at(start)))
    for candidate in found:
        candidate.mentions.sort(key=lambda mention: mention.start)


def _tokens_between(tokens: Tokens, first: int, offset: int) -> bool:
    """Whether any token from index ``first`` on starts before ``offset``."""
    return first < len(tokens.starts) and tokens.starts[first] < offset


def _mark_in_passing(work: str, scan: Scan, found: list[OfficialCandidate]) -> None:
    """Flag mentions such as "President Lee's greetings" or "former Minister X"."""
    for candidate in found:
        for mention in candidate.mentions:
            window = max(mention.sentence.start, mention.start - 40)
            mention.in_passing = work.startswith("'s", mention.end) or (
                scan.first("in_passing_before", window, mention.start) is not None
            )


def official_mentions(
    found: Sequence[OfficialCandidate],
) -> list[tuple[int, int, OfficialCandidate]]:
    """All mentions of all officials, in document order."""
    return sorted(
        (
            (mention.start, mention.end, candidate)
            for candidate in found
            for mention in candidate.mentions
        ),
        key=lambda item: item[0],
    )
