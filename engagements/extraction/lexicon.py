"""Phrase matching over tokens: every dictionary in one pass over a document.

Matching is token by token, so "exercise" never matches inside "exercised",
and hyphens are ignored ("Vice-Minister" matches "Vice Minister",
"co-production" matches "co production"). A phrase is case-insensitive unless
registered as case-sensitive (country short forms must not match "us"). A
phrase ending in ``*`` matches any ending of its last word.

Each vocabulary keeps its own leftmost-longest, non-overlapping matches, so
"Deputy Prime Minister" is one title while a cue list may still match
"meeting" inside it.
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from collections.abc import Hashable, Iterable, Iterator
from dataclasses import dataclass

TOKEN_RE = re.compile(r"\w+(?:'(?!s\b)\w+)*|'s\b|[^\w\s\-]")
_STEM = 3  # single-word wildcard phrases are looked up by their first letters


@dataclass(frozen=True, slots=True)
class Hit:
    """One phrase match: ``text[start:end]`` in the scanned text."""

    start: int
    end: int
    label: Hashable
    first: int  # index of the first token
    last: int  # index after the last token


@dataclass(frozen=True, slots=True)
class Tokens:
    """A text cut into tokens, with character offsets."""

    starts: list[int]
    ends: list[int]
    words: list[str]
    folded: list[str]

    @classmethod
    def of(cls, text: str) -> Tokens:
        spans = [match.span() for match in TOKEN_RE.finditer(text)]
        words = [text[start:end] for start, end in spans]
        return cls(
            [start for start, _ in spans],
            [end for _, end in spans],
            words,
            [word.lower() for word in words],
        )


@dataclass(frozen=True, slots=True)
class _Entry:
    words: tuple[str, ...]
    wildcard: bool
    case_sensitive: bool
    vocabulary: str
    label: Hashable


def phrase_words(phrase: str) -> list[str]:
    return TOKEN_RE.findall(phrase.rstrip("*"))


class PhraseIndex:
    """Phrases of many vocabularies, matched together by :meth:`scan`.

    Entries are indexed by their first two words (or the first letters of a
    wildcard word), so each token costs a handful of dictionary look-ups
    however many phrases there are.
    """

    def __init__(self) -> None:
        self._single: dict[str, list[_Entry]] = defaultdict(list)
        self._double: dict[tuple[str, str], list[_Entry]] = defaultdict(list)
        self._leads: frozenset[str] = frozenset()  # first words of multi-word phrases
        self.vocabularies: set[str] = set()

    def add(
        self, vocabulary: str, phrase: str, label: Hashable, *, case_sensitive: bool = False
    ) -> None:
        """Register ``phrase`` under ``vocabulary`` with ``label``."""
        words = phrase_words(phrase)
        if not words:
            return
        if not case_sensitive:
            words = [word.lower() for word in words]
        wildcard = phrase.endswith("*")
        entry = _Entry(tuple(words), wildcard, case_sensitive, vocabulary, label)
        self.vocabularies.add(vocabulary)
        if len(words) == 1:
            self._single[_key(words[0], wildcard)].append(entry)
        else:
            self._double[(words[0], _key(words[1], wildcard and len(words) == 2))].append(entry)

    def add_all(
        self,
        vocabulary: str,
        phrases: Iterable[str],
        label: Hashable | None = None,
        **options: bool,
    ) -> None:
        for phrase in phrases:
            self.add(vocabulary, phrase, phrase if label is None else label, **options)

    def freeze(self) -> None:
        """Order candidates longest first; call once after the last :meth:`add`."""
        for table in (self._single, self._double):
            for entries in table.values():
                entries.sort(key=lambda entry: (len(entry.words), not entry.wildcard), reverse=True)
        self._single = dict(self._single)
        self._double = dict(self._double)
        self._leads = frozenset(first for first, _ in self._double)

    def scan(self, tokens: Tokens) -> Scan:
        """All matches of every vocabulary in ``tokens``."""
        words, folded, starts, ends = tokens.words, tokens.folded, tokens.starts, tokens.ends
        stems = [word[:_STEM] + "*" for word in folded]
        count = len(words)
        hits: dict[str, list[Hit]] = defaultdict(list)
        free: dict[str, int] = defaultdict(int)
        single, double, leads = self._single, self._double, self._leads
        last_index = count - 1
        for index in range(count):
            low, word, stem = folded[index], words[index], stems[index]
            candidates: list[_Entry] = []
            if low in leads and index < last_index:
                candidates += double.get((low, folded[index + 1]), ())
                candidates += double.get((low, stems[index + 1]), ())
            if word != low and word in leads and index < last_index:
                candidates += double.get((word, words[index + 1]), ())
            if low in single:
                candidates += single[low]
            if stem in single:
                candidates += single[stem]
            if word != low and word in single:
                candidates += single[word]
            if not candidates:
                continue
            done: set[str] = set()
            for entry in candidates:
                vocabulary = entry.vocabulary
                if vocabulary in done or free[vocabulary] > index:
                    continue
                end = index + len(entry.words)
                if end > count:
                    continue
                source = words if entry.case_sensitive else folded
                if entry.wildcard:
                    matched = tuple(source[index : end - 1]) == entry.words[:-1] and source[
                        end - 1
                    ].startswith(entry.words[-1])
                else:
                    matched = tuple(source[index:end]) == entry.words
                if matched:
                    hits[vocabulary].append(
                        Hit(starts[index], ends[end - 1], entry.label, index, end)
                    )
                    free[vocabulary] = end
                    done.add(vocabulary)
        return Scan(hits)


def _key(word: str, wildcard: bool) -> str:
    return word[:_STEM] + "*" if wildcard else word


class Scan:
    """The matches of one text, queried by vocabulary and character range."""

    __slots__ = ("_hits", "_starts")

    def __init__(self, hits: dict[str, list[Hit]]) -> None:
        self._hits = hits
        self._starts: dict[str, list[int]] = {}

    def all(self, vocabulary: str) -> list[Hit]:
        return self._hits.get(vocabulary, [])

    def within(self, vocabulary: str, start: int = 0, end: int | None = None) -> Iterator[Hit]:
        """Matches lying entirely inside ``[start, end)``."""
        found = self._hits.get(vocabulary, [])
        if not found:
            return
        starts = self._starts.get(vocabulary)
        if starts is None:
            starts = self._starts[vocabulary] = [hit.start for hit in found]
        position = bisect.bisect_left(starts, start)
        for hit in found[position:]:
            if end is not None and hit.end > end:
                if hit.start >= end:
                    break
                continue
            yield hit

    def first(self, vocabulary: str, start: int = 0, end: int | None = None) -> Hit | None:
        return next(self.within(vocabulary, start, end), None)

    def last(self, vocabulary: str, start: int = 0, end: int | None = None) -> Hit | None:
        found = None
        for found in self.within(vocabulary, start, end):  # noqa: B007
            pass
        return found

    def starting_at(self, vocabulary: str, position: int) -> Hit | None:
        hit = self.first(vocabulary, position)
        return hit if hit is not None and hit.start == position else None
