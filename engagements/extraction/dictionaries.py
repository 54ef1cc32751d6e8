"""Dictionaries that drive extraction, loaded from the JSON files in ``data/``.

Staff extend extraction by editing those files (or by storing extra aliases in
the database, passed in through :func:`load_dictionaries`); everything is
compiled once per distinct set of inputs.

Phrase syntax used by the cue, topic and category files: matching is
case-insensitive and word by word (hyphens are ignored), a trailing ``*``
matches any ending of the last word (``"exercise*"`` matches "exercises"),
and ``{pron}`` matches a possessive pronoun (their, its, his, her, our).

Beyond names, short forms, demonyms, capitals and aliases, a country entry in
``countries.json`` may give ``defence_title`` (its defence minister's title,
or a list of ``{"title", "from"}`` entries when the title changed, e.g. the
U.S. Secretary of Defense became Secretary of War on 2025-09-05) and
``given_name_first`` (English prose writes its people's names given name
first, so "NAKATANI Gen" becomes "Gen Nakatani") or ``family_name_first``
(English prose keeps the family name first: "Shin Won-sik" is Minister Shin).
``regions`` in ``locations.json`` maps states and provinces to their country
("in Annapolis, Maryland"). A city in
``locations.json`` is a country code, or ``{"country", "name"}`` for a
spelling shown under another name ("Washington DC" -> "Washington, D.C.").
Category cues listed under ``_generic`` in ``categories.json`` ("cooperate",
"memorandum") decide a category only when no specific cue appears.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

import pycountry

from .lexicon import PhraseIndex, Scan, Tokens
from .text import fold

DATA_DIR = Path(__file__).with_name("data")

# pycountry names that are far more often something else in English prose.
_AMBIGUOUS_ISO_NAMES = frozenset(
    {"Chad", "Georgia", "Jersey", "Guernsey", "Niger", "Dominica", "Guinea"}
)
_PRONOUNS = ("their", "its", "his", "her", "our")

# Cue groups of cues.json matched as plain phrase lists.
CUE_GROUPS = (
    "meeting",
    "call",
    "multilateral",
    "hosting",
    "visiting",
    "past",
    "future_meeting",
    "non_commitment",
    "indirect_question",
    "collective_subjects",
    "in_passing_before",
    "readout",
    "clause_end",
    "leading_adverbs",
    "exhortation",
    "joint_action",
    "wider_subjects",
    "negation_before",
    "phone_verbs",
    "further_meeting",
)


@dataclass(frozen=True, slots=True)
class Country:
    """A country as extraction knows it."""

    code: str
    name: str
    short: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    capitals: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    # The title of the country's defence minister; dated entries as ((from ISO date, title), ...).
    defence_titles: tuple[tuple[str, str], ...] = ()
    given_name_first: bool = False  # English prose reverses the family-name-first order
    family_name_first: bool = False  # English prose keeps the family name first ("Shin Won-sik")


@dataclass(frozen=True, slots=True)
class CountryAlias:
    """What a country mention stands for; ``is_name`` is False for demonyms and capitals."""

    code: str
    is_name: bool


@dataclass(frozen=True, slots=True)
class Title:
    """An office title and what it implies."""

    title: str  # canonical spelling, e.g. "Minister of Defense"
    level: str | None  # engagement level, None for bare references ("Secretary")
    country: str | None = None  # the country the title implies when none is stated
    # "office" introduces an official; "reference" only refers to one ("Secretary Austin");
    # "non_participant" introduces someone who never takes part (a spokesperson).
    role: str = "office"


@dataclass(frozen=True, slots=True)
class CommitmentCue:
    phrase: str
    strength: str  # "strong" | "medium" | "weak"
    verb: str | None  # base verb put before the undertaking ("signed" -> "Sign ...")


@dataclass(frozen=True, slots=True)
class Venue:
    name: str
    country: str | None
    city: str | None


@dataclass(frozen=True, eq=False, slots=True)
class Dictionaries:
    """Compiled dictionaries. Build with :func:`load_dictionaries`."""

    countries: Mapping[str, Country]
    modifiers: Mapping[str, str]  # "acting" -> "Acting"
    official_names: Mapping[str, str]  # folded name or alias -> full name
    rank_re: re.Pattern[str]  # ranks and honorifics before a name
    portfolio_re: re.Pattern[str]  # " for Indo-Pacific Security Affairs" after a title
    phrases: PhraseIndex  # every phrase vocabulary, matched in one pass
    cities: Mapping[str, tuple[str, str]]  # folded city name or alias -> (display name, country)
    honorifics: frozenset[str]  # words before a name that are not part of it ("Hon", "Shri")
    post_nominals: frozenset[str]  # words after a name that are not part of it ("MP")
    defence_re: re.Pattern[str]  # a defence portfolio inside a title
    international_titles: frozenset[str]  # offices of international organisations: no country
    regions: Mapping[str, tuple[str, str]]  # folded state or province -> (display name, country)
    single_name_titles: frozenset[str]  # titles whose holder may bear one name ("King Abdullah II")

    def scan(self, text: str) -> Scan:
        """Match every phrase vocabulary in ``text``."""
        return self.phrases.scan(Tokens.of(text))

    def defence_title(self, code: str | None, on: str) -> str:
        """The title of ``code``'s defence minister on the ISO date ``on`` ("" when unknown)."""
        country = self.countries.get(code or "")
        for start, title in country.defence_titles if country else ():
            if on >= start:
                return title
        return ""

    def country_name(self, code: str) -> str:
        """Display name of ``code`` (the ISO name when the country is not in countries.json)."""
        if code in self.countries:
            return self.countries[code].name
        iso = pycountry.countries.get(alpha_2=code)
        if iso is None:
            return code
        return getattr(iso, "common_name", None) or iso.name


def load_dictionaries(
    *,
    extra_country_aliases: dict[str, list[str]] | None = None,
    extra_official_aliases: dict[str, list[str]] | None = None,
) -> Dictionaries:
    """Load and compile the extraction dictionaries.

    ``extra_country_aliases`` maps an ISO alpha-2 code to further names for the
    country; ``extra_official_aliases`` maps an official's full name to other
    spellings of it. Both usually come from the database. Results are cached
    per distinct input, and the JSON files are read only once per process.
    """
    return _build(_freeze(extra_country_aliases), _freeze(extra_official_aliases))


def _freeze(mapping: dict[str, list[str]] | None) -> tuple[tuple[str, tuple[str, ...]], ...]:
    if not mapping:
        return ()
    return tuple(sorted((key, tuple(values)) for key, values in mapping.items()))


@functools.lru_cache(maxsize=1)
def read_data() -> MappingProxyType[str, Any]:
    """Parse every JSON file in ``data/`` once: file stem -> content."""
    return MappingProxyType(
        {
            path.stem: json.loads(path.read_text(encoding="utf-8"))
            for path in sorted(DATA_DIR.glob("*.json"))
        }
    )


@functools.lru_cache(maxsize=16)
def _build(
    extra_countries: tuple[tuple[str, tuple[str, ...]], ...],
    extra_officials: tuple[tuple[str, tuple[str, ...]], ...],
) -> Dictionaries:
    data = read_data()
    phrases = PhraseIndex()
    countries = _add_countries(phrases, data["countries"], dict(extra_countries))
    modifiers = _add_titles(phrases, data["titles"])
    cities = _add_places(phrases, data["locations"], countries)
    _add_cues(phrases, data["cues"])
    for label, group in _entries(data["topics"]).items():
        phrases.add_all("topic", group, label)
    for label, group in _entries(data["categories"]).items():
        phrases.add_all("category", group, label)
    for label, group in data["categories"].get("_generic", {}).items():
        phrases.add_all("category_generic", group, label)
    phrases.freeze()

    official_names: dict[str, str] = {}
    for full_name, aliases in extra_officials:
        official_names[fold(full_name)] = full_name
        for alias in aliases:
            official_names.setdefault(fold(alias), full_name)

    ranks = trie_pattern(data["titles"]["ranks"], space=r"\s+")
    portfolio = trie_pattern(data["titles"]["portfolio_words"], space=r"\s+")
    return Dictionaries(
        countries=MappingProxyType(countries),
        modifiers=MappingProxyType(modifiers),
        official_names=MappingProxyType(official_names),
        rank_re=re.compile(rf"(?:(?:{ranks})\s+)+"),
        portfolio_re=re.compile(
            rf"\s+(?:for|of)\s+(?:the\s+)?(?:{portfolio})(?![\w\-])(?:\s+(?:{portfolio})(?![\w\-]))*"
        ),
        phrases=phrases,
        cities=MappingProxyType(cities),
        honorifics=frozenset(data["titles"].get("honorifics", ())),
        post_nominals=frozenset(data["titles"].get("post_nominals", ())),
        international_titles=frozenset(data["titles"].get("international_titles", ())),
        regions=MappingProxyType(
            {
                fold(name): (name, code)
                for name, code in data["locations"].get("regions", {}).items()
            }
        ),
        single_name_titles=frozenset(data["titles"].get("leader_titles_single_name", ())),
        defence_re=re.compile(
            r"\b(?:" + trie_pattern(data["titles"].get("defence_words", ()), space=r"\s+") + r")\b"
        ),
    )


def _entries(vocabulary: Mapping[str, Any]) -> dict[str, Any]:
    return {label: value for label, value in vocabulary.items() if not label.startswith("_")}


def _add_countries(
    phrases: PhraseIndex, raw: Mapping[str, Mapping[str, Any]], extra: Mapping[str, tuple[str, ...]]
) -> dict[str, Country]:
    countries: dict[str, Country] = {}
    seen: set[str] = set()

    def add(alias: str, code: str, is_name: bool) -> None:
        if alias not in seen:
            seen.add(alias)
            phrases.add("country", alias, CountryAlias(code, is_name), case_sensitive=True)
            if alias.startswith("the "):  # "the Philippines" also opens a sentence
                add("The " + alias[4:], code, is_name)

    for code, entry in raw.items():
        country = Country(
            code=code,
            name=entry["name"],
            short=tuple(entry.get("short", ())),
            demonyms=tuple(entry.get("demonyms", ())),
            capitals=tuple(entry.get("capitals", ())),
            aliases=tuple(entry.get("aliases", ())) + tuple(extra.get(code, ())),
            defence_titles=_dated_titles(entry.get("defence_title")),
            given_name_first=bool(entry.get("given_name_first", False)),
            family_name_first=bool(entry.get("family_name_first", False)),
        )
        countries[code] = country
        for alias in (country.name, *country.short, *country.aliases):
            add(alias, code, True)
        for alias in (*country.demonyms, *country.capitals):
            add(alias, code, False)
    for iso in pycountry.countries:
        for attribute in ("common_name", "name", "official_name"):
            name = getattr(iso, attribute, None)
            if name and "," not in name and "(" not in name and name not in _AMBIGUOUS_ISO_NAMES:
                add(name, iso.alpha_2, True)
    for code, aliases in extra.items():
        for alias in aliases:
            add(alias, code, True)
    return countries


def _dated_titles(raw: Any) -> tuple[tuple[str, str], ...]:
    """``"Title"`` or ``[{"title": ..., "from": "YYYY-MM-DD"}, ...]`` -> newest first."""
    if not raw:
        return ()
    if isinstance(raw, str):
        return (("", raw),)
    dated = [(entry.get("from", ""), entry["title"]) for entry in raw]
    return tuple(sorted(dated, reverse=True))


def _add_titles(phrases: PhraseIndex, raw: Mapping[str, Any]) -> dict[str, str]:
    for entry in raw["titles"]:
        phrases.add(
            "title", entry["title"], Title(entry["title"], entry["level"], entry.get("country"))
        )
    for text in raw["non_participants"]:
        phrases.add("title", text, Title(text, None, None, "non_participant"))
    for text in raw["references"]:
        phrases.add("title", text, Title(text, None, None, "reference"))
    for text, entry in raw.get("reference_introductions", {}).items():
        phrases.add(
            "title", text, Title(text, entry.get("level"), entry.get("country"), "reference")
        )
    phrases.add_all("counterpart", raw.get("counterpart", ()))
    return {text.lower(): text for text in raw["modifiers"]}


def _add_places(
    phrases: PhraseIndex, raw: Mapping[str, Any], countries: Mapping[str, Country]
) -> dict[str, tuple[str, str]]:
    """Register cities and venues; return folded city name -> (display name, country)."""
    cities: dict[str, tuple[str, str]] = {}
    for code, country in countries.items():
        for capital in country.capitals:
            cities[capital] = (capital, code)
    for name, entry in raw["cities"].items():
        if isinstance(entry, str):
            cities.setdefault(name, (name, entry))
        else:  # an alias spelling: {"country": ..., "name": display name}
            cities.setdefault(name, (entry.get("name", name), entry["country"]))
    for name, label in cities.items():
        phrases.add("city", name, label, case_sensitive=True)
    for name, entry in _entries(raw["venues"]).items():
        venue = Venue(name, entry.get("country"), entry.get("city"))
        for alias in (name, *entry.get("aliases", ())):
            phrases.add("venue", alias.removeprefix("the "), venue, case_sensitive=True)
    return {fold(name): label for name, label in cities.items()}


def _add_cues(phrases: PhraseIndex, cues: Mapping[str, Any]) -> None:
    for group in CUE_GROUPS:
        for phrase in cues[group]:
            for variant in _expand(phrase):
                phrases.add(group, variant, phrase)
    for entry in cues["commitment"]:
        cue = CommitmentCue(entry["phrase"], entry.get("strength", "strong"), entry.get("verb"))
        for variant in _expand(entry["phrase"]):
            phrases.add("commitment", variant, cue)
    for noun in cues["possessive_commitment"]:
        phrases.add("possessive", f"{noun} to", noun)
        phrases.add("possessive_of", noun, noun)


def _expand(phrase: str) -> list[str]:
    if "{pron}" not in phrase:
        return [phrase]
    return [phrase.replace("{pron}", pronoun) for pronoun in _PRONOUNS]


def trie_pattern(phrases: Iterable[str], *, space: str = r"[\s\-]+") -> str:
    """A regex alternation matching any of ``phrases``, longest first.

    Built as a character trie, which stays fast with hundreds of phrases.
    """
    root: dict[str, dict] = {}
    for phrase in phrases:
        node = root
        for char in phrase:
            node = node.setdefault(char, {})
        node[""] = {}

    def render(node: dict[str, dict]) -> str:
        branches = [
            (space if char == " " else re.escape(char)) + render(child)
            for char, child in sorted(node.items())
            if char
        ]
        if not branches:
            return ""
        optional = "" in node
        if len(branches) == 1 and not optional:
            return branches[0]
        return "(?:" + "|".join(branches) + ")" + ("?" if optional else "")

    return render(root) or r"(?!x)x"
