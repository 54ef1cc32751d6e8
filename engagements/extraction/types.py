"""Plain data records produced by extraction.

Extraction turns a document's text into these candidate records; it never
touches the database. The import service (``engagements.services``) resolves
them against stored officials, countries and engagements and writes them.

Offsets (``start``/``end``) are character offsets into the document *body*
(the text after any front matter), so ``body[start:end]`` is the evidence.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Span:
    """Where a fact came from: offsets into the body and the whole sentence."""

    start: int
    end: int
    sentence: str


@dataclass(slots=True)
class ExtractedOfficial:
    """A person who took part in the engagement."""

    name: str  # as written, diacritics kept: "Shinjirō Koizumi"
    title: str  # office as stated at the time: "Minister of Defense"
    country: str | None  # ISO alpha-2, e.g. "JP"
    role: str  # "host" | "guest" | "participant"
    level: str | None  # "leaders" | "ministerial" | "deputy" | "working"
    evidence: list[Span] = field(default_factory=list)


@dataclass(slots=True)
class ExtractedCommitment:
    """Something a party undertook to do, with the sentence behind it."""

    text: str  # short statement of what was undertaken
    parties: list[str]  # ISO alpha-2 codes, sorted
    category: str  # one of engagements.choices.CommitmentCategory values
    evidence: Span
    confidence: float = 0.5


@dataclass(slots=True)
class ExtractedEngagement:
    """One meeting, call or multilateral gathering described by a document."""

    date: dt.date | None
    date_precision: str  # "day" | "month" | "year"
    date_derivation: str  # "stated" | "relative" | "year-inferred"
    kind: str  # "meeting" | "call" | "multilateral"
    level: str  # "leaders" | "ministerial" | "deputy" | "working"
    title: str
    location: str
    host_country: str | None
    countries: list[str]  # ISO alpha-2 codes, sorted
    participants: list[ExtractedOfficial]
    topics: list[str]  # controlled vocabulary labels, e.g. "defense spending"
    commitments: list[ExtractedCommitment]
    summary: str
    confidence: float
    evidence: list[Span] = field(default_factory=list)  # date / location sentences


@dataclass(slots=True)
class ExtractionResult:
    """Everything extraction found in one document body."""

    engagements: list[ExtractedEngagement]
    warnings: list[str] = field(default_factory=list)
