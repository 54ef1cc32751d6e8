"""Small builders for test data (plain functions, real database rows)."""

import datetime as dt
import hashlib
import itertools

from engagements.choices import CommitmentCategory, EngagementKind, EngagementLevel
from engagements.models import (
    Commitment,
    Country,
    Engagement,
    Official,
    Participation,
    SourceDocument,
    Topic,
)

_counter = itertools.count(1)


def official(name: str = "Pete Hegseth", country: str = "US") -> Official:
    return Official.objects.get_or_create(name=name, country=Country.objects.get(code=country))[0]


def engagement(
    *,
    title: str = "U.S.–Japan defense ministers' meeting",
    date: dt.date = dt.date(2026, 1, 15),
    countries: tuple[str, ...] = ("US", "JP"),
    host: str | None = "US",
    kind: str = EngagementKind.MEETING,
    level: str = EngagementLevel.MINISTERIAL,
    participants: tuple[tuple[str, str, str], ...] = (),
    topics: tuple[str, ...] = (),
    **extra,
) -> Engagement:
    record = Engagement.objects.create(
        title=title,
        date=date,
        kind=kind,
        level=level,
        host_country_id=host,
        **extra,
    )
    record.countries.set(countries)
    for name, title_at_time, country in participants:
        Participation.objects.create(
            engagement=record,
            official=official(name, country),
            title=title_at_time,
            country_id=country,
            role="host" if country == host else "guest",
        )
    record.topics.set([Topic.objects.get_or_create(name=t)[0] for t in topics])
    return record


def commitment(
    engagement: Engagement,
    *,
    text: str = "Increase defense spending",
    parties: tuple[str, ...] = ("JP",),
    category: str = CommitmentCategory.DEFENSE_SPENDING,
    **extra,
) -> Commitment:
    record = Commitment.objects.create(engagement=engagement, text=text, category=category, **extra)
    record.parties.set(parties)
    return record


def source(*, text: str = "A readout.", title: str = "Readout") -> SourceDocument:
    n = next(_counter)
    return SourceDocument.objects.create(
        file_name=f"doc-{n}.txt",
        title=title,
        text=text,
        sha256=hashlib.sha256(f"{n}:{text}".encode()).hexdigest(),
    )
