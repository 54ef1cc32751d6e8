"""Reads for the dashboard: querysets, aggregates and chart series.

Each selector returns what its page needs in a bounded number of queries,
whatever the number of rows: lists use ``select_related``/``prefetch_related``,
charts and cadence figures use aggregates computed by the database.

"Home country" is ``settings.ENGAGEMENTS_HOME_COUNTRY``; every other country in
an engagement is a *counterpart*. Engagements a reviewer rejected are left out
of every page except the engagement list filtered to them and their own page.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import (
    Case,
    Count,
    F,
    IntegerField,
    Max,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
    Window,
)
from django.db.models.functions import ExtractYear, RowNumber, TruncMonth
from django.shortcuts import get_object_or_404
from django.utils import timezone

from .choices import (
    CommitmentCategory,
    CommitmentStatus,
    EngagementLevel,
    ParticipationRole,
    ReviewStatus,
)
from .extraction import fold
from .models import (
    Commitment,
    CommitmentStatusChange,
    Country,
    Engagement,
    Evidence,
    Official,
    Participation,
    SourceDocument,
    Topic,
)

ENGAGEMENT_SORTS = {
    "newest": ("-date", "-id"),
    "oldest": ("date", "id"),
    "title": ("title", "-date", "-id"),
    "level": ("level_rank", "-date", "-id"),
}

_LEVEL_RANK = Case(
    *(When(level=level, then=Value(rank)) for rank, level in enumerate(EngagementLevel.values)),
    default=Value(len(EngagementLevel.values)),
    output_field=IntegerField(),
)
_ROLE_RANK = Case(
    *(When(role=role, then=Value(rank)) for rank, role in enumerate(ParticipationRole.values)),
    default=Value(len(ParticipationRole.values)),
    output_field=IntegerField(),
)


def home_country_code() -> str:
    return settings.ENGAGEMENTS_HOME_COUNTRY


def visible_engagements() -> QuerySet[Engagement]:
    """Engagements the dashboard counts: everything except imports a reviewer rejected."""
    return Engagement.objects.exclude(review_status=ReviewStatus.REJECTED)


def _participations_in_order() -> QuerySet[Participation]:
    return (
        Participation.objects.select_related("official", "country")
        .annotate(role_rank=_ROLE_RANK)
        .order_by("role_rank", "official__name")
    )


def with_list_relations(engagements: QuerySet[Engagement]) -> QuerySet[Engagement]:
    """Attach what a row of an engagement list shows: countries, participants, topics."""
    return engagements.select_related("host_country").prefetch_related(
        Prefetch("countries", queryset=Country.objects.only("code", "name")),
        Prefetch("participations", queryset=_participations_in_order()),
        "topics",
    )


# Engagement list -------------------------------------------------------------


def engagement_search(engagements: QuerySet[Engagement], query: str) -> QuerySet[Engagement]:
    """Match ``query`` in titles, summaries and participant names.

    Names match with or without diacritics ("Shinjiro" finds "Shinjirō")
    through ``Official.name_folded``.
    """
    matches = (
        Q(title__icontains=query)
        | Q(summary__icontains=query)
        | Q(participations__official__name__icontains=query)
    )
    folded = fold(query)
    if folded:  # a query of combining marks alone folds to "", which every name contains
        matches |= Q(participations__official__name_folded__contains=folded)
    return engagements.filter(pk__in=Engagement.objects.filter(matches).values("pk"))


def engagement_list(
    *,
    query: str = "",
    countries: Iterable[Country] = (),
    official: Official | None = None,
    kind: str = "",
    level: str = "",
    topic: Topic | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    review_status: str = "",
    sort: str = "newest",
) -> QuerySet[Engagement]:
    """Engagements matching every given filter, ready to list.

    Several countries match engagements involving *any* of them. Without a
    review status, rejected imports are left out.
    """
    if review_status:
        engagements = Engagement.objects.filter(review_status=review_status)
    else:
        engagements = visible_engagements()
    if query:
        engagements = engagement_search(engagements, query)
    country_codes = [country.code for country in countries]
    if country_codes:
        links = Engagement.countries.through.objects.filter(country_id__in=country_codes)
        engagements = engagements.filter(pk__in=links.values("engagement_id"))
    if official is not None:
        engagements = engagements.filter(
            pk__in=Participation.objects.filter(official=official).values("engagement_id")
        )
    if kind:
        engagements = engagements.filter(kind=kind)
    if level:
        engagements = engagements.filter(level=level)
    if topic is not None:
        engagements = engagements.filter(topics=topic)
    if date_from:
        engagements = engagements.filter(date__gte=date_from)
    if date_to:
        engagements = engagements.filter(date__lte=date_to)
    ordering = ENGAGEMENT_SORTS.get(sort, ENGAGEMENT_SORTS["newest"])
    return with_list_relations(engagements.annotate(level_rank=_LEVEL_RANK).order_by(*ordering))


def filter_options() -> dict[str, QuerySet]:
    """Countries and topics that appear in engagements, for the filter form's choices."""
    return {
        "countries": Country.objects.filter(
            pk__in=Engagement.countries.through.objects.values("country_id")
        ).only("code", "name"),
        "topics": Topic.objects.filter(pk__in=Engagement.topics.through.objects.values("topic_id")),
    }


# Overview --------------------------------------------------------------------


@dataclass(frozen=True)
class OverviewTiles:
    engagement_count: int
    counterpart_count: int
    open_commitments: int
    overdue_commitments: int


def overview_tiles(*, since: dt.date | None) -> OverviewTiles:
    """Headline numbers: engagements and counterparts since ``since``; open commitments now."""
    engagements = visible_engagements()
    if since:
        engagements = engagements.filter(date__gte=since)
    counterparts = (
        Engagement.countries.through.objects.filter(engagement__in=engagements.values("pk"))
        .exclude(country_id=home_country_code())
        .values("country_id")
        .distinct()
    )
    commitments = open_commitments().aggregate(
        open=Count("id"), overdue=Count("id", filter=Q(due_date__lt=timezone.localdate()))
    )
    return OverviewTiles(
        engagement_count=engagements.count(),
        counterpart_count=counterparts.count(),
        open_commitments=commitments["open"],
        overdue_commitments=commitments["overdue"],
    )


def latest_engagements(*, limit: int = 8) -> list[Engagement]:
    return list(with_list_relations(visible_engagements().order_by("-date", "-id"))[:limit])


@dataclass(frozen=True)
class StatusCount:
    status: str
    label: str
    count: int
    share: float  # of all commitments, 0..100


def commitment_status_counts() -> list[StatusCount]:
    """How many commitments stand at each status, every status listed even when zero."""
    counts = dict(
        Commitment.objects.exclude(engagement__review_status=ReviewStatus.REJECTED)
        .values_list("status")
        .annotate(total=Count("id"))
        .order_by()
    )
    total = sum(counts.values()) or 1
    return [
        StatusCount(
            status.value,
            status.label,
            counts.get(status.value, 0),
            round(100 * counts.get(status.value, 0) / total, 1),
        )
        for status in CommitmentStatus
    ]


# Timelines -------------------------------------------------------------------


@dataclass(frozen=True)
class TimelinePoint:
    """One engagement in one counterpart's lane, or a month's count when aggregated."""

    date: dt.date
    country_code: str
    country_name: str
    kind: str
    level: str
    title: str = ""
    engagement_id: int | None = None
    participants: tuple[tuple[str, str], ...] = ()
    count: int = 1


@dataclass(frozen=True)
class Timeline:
    points: list[TimelinePoint]
    aggregated: bool = False
    total: int = 0


def bilateral_engagements() -> QuerySet[Engagement]:
    """Visible engagements between the home country and exactly one counterpart."""
    return (
        visible_engagements()
        .annotate(country_total=Count("countries", distinct=True))
        .filter(country_total=2, countries=home_country_code())
    )


def timeline(
    engagements: QuerySet[Engagement],
    *,
    exclude_country: str | None = None,
    since: dt.date | None = None,
    max_points: int | None = None,
) -> Timeline:
    """Points for a timeline of ``engagements``, one per counterpart country.

    Countries equal to ``exclude_country`` (the home country, or an official's
    own country) get no lane. Past ``max_points`` (default
    ``ENGAGEMENTS_TIMELINE_MAX_POINTS``) the points become monthly counts per
    country and level, so the chart stays small. Three queries at most.
    """
    max_points = max_points or settings.ENGAGEMENTS_TIMELINE_MAX_POINTS
    if since:
        engagements = engagements.filter(date__gte=since)
    links = Engagement.countries.through.objects.filter(
        engagement__in=engagements.order_by().values("pk")
    )
    if exclude_country:
        links = links.exclude(country_id=exclude_country)
    total = links.count()
    if total > max_points:
        monthly = (
            links.annotate(month=TruncMonth("engagement__date"))
            .values("month", "country_id", "country__name", "engagement__level")
            .annotate(engagements=Count("id"))
            .order_by("month", "country__name")
        )
        points = [
            TimelinePoint(
                date=row["month"],
                country_code=row["country_id"],
                country_name=row["country__name"],
                kind="",
                level=row["engagement__level"],
                count=row["engagements"],
            )
            for row in monthly
        ]
        return Timeline(points=points, aggregated=True, total=total)

    rows = list(
        links.values(
            "engagement_id",
            "country_id",
            "country__name",
            "engagement__date",
            "engagement__title",
            "engagement__kind",
            "engagement__level",
        ).order_by("engagement__date", "engagement_id")
    )
    participants: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for engagement_id, name, title in (
        Participation.objects.filter(engagement_id__in=links.values("engagement_id"))
        .annotate(role_rank=_ROLE_RANK)
        .order_by("engagement_id", "role_rank", "official__name")
        .values_list("engagement_id", "official__name", "title")
    ):
        participants[engagement_id].append((name, title))
    points = [
        TimelinePoint(
            date=row["engagement__date"],
            country_code=row["country_id"],
            country_name=row["country__name"],
            kind=row["engagement__kind"],
            level=row["engagement__level"],
            title=row["engagement__title"],
            engagement_id=row["engagement_id"],
            participants=tuple(participants[row["engagement_id"]]),
        )
        for row in rows
    ]
    return Timeline(points=points, aggregated=False, total=total)


# Engagement detail -----------------------------------------------------------


def _history_in_order() -> QuerySet[CommitmentStatusChange]:
    return CommitmentStatusChange.objects.select_related("changed_by").order_by("changed_at", "id")


def with_commitment_relations(commitments: QuerySet[Commitment]) -> QuerySet[Commitment]:
    """Attach what a commitment row shows: engagement, parties, history, evidence."""
    return commitments.select_related("engagement").prefetch_related(
        Prefetch("parties", queryset=Country.objects.only("code", "name")),
        Prefetch("history", queryset=_history_in_order()),
        Prefetch("evidence", queryset=Evidence.objects.order_by("start")),
    )


def engagement_detail(*, pk: int) -> Engagement:
    """One engagement with participants, topics, commitments and sources, or 404."""
    return get_object_or_404(
        Engagement.objects.select_related("host_country", "reviewed_by").prefetch_related(
            Prefetch("countries", queryset=Country.objects.only("code", "name")),
            Prefetch("participations", queryset=_participations_in_order()),
            "topics",
            Prefetch(
                "commitments",
                queryset=with_commitment_relations(Commitment.objects.order_by("id")),
            ),
        ),
        pk=pk,
    )


@dataclass(frozen=True)
class TextSegment:
    text: str
    highlighted: bool = False
    facts: tuple[str, ...] = ()


@dataclass(frozen=True)
class SourcePassage:
    source: SourceDocument
    segments: list[TextSegment]
    evidence_count: int


def highlight_segments(text: str, spans: Iterable[tuple[int, int, str]]) -> list[TextSegment]:
    """Cut ``text`` into plain and highlighted segments for ``(start, end, fact)`` spans.

    Spans are clipped to the text; overlapping spans merge into one highlight
    naming every fact behind it. The segments join back into ``text`` exactly.
    """
    clipped = sorted(
        (max(0, start), min(len(text), end), fact)
        for start, end, fact in spans
        if min(len(text), end) > max(0, start)
    )
    merged: list[list] = []
    for start, end, fact in clipped:
        if merged and start < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
            if fact not in merged[-1][2]:
                merged[-1][2].append(fact)
        else:
            merged.append([start, end, [fact]])
    segments: list[TextSegment] = []
    position = 0
    for start, end, facts in merged:
        if start > position:
            segments.append(TextSegment(text[position:start]))
        segments.append(TextSegment(text[start:end], highlighted=True, facts=tuple(facts)))
        position = end
    if position < len(text):
        segments.append(TextSegment(text[position:]))
    return segments


def engagement_source_passages(engagement: Engagement) -> list[SourcePassage]:
    """Each source of ``engagement`` with the evidence for this engagement highlighted."""
    evidence_here = Evidence.objects.filter(
        Q(engagement=engagement)
        | Q(participation__engagement=engagement)
        | Q(commitment__engagement=engagement)
    ).order_by("start")
    sources = engagement.sources.prefetch_related(
        Prefetch("evidence", queryset=evidence_here, to_attr="evidence_here")
    ).order_by("published", "id")
    return [
        SourcePassage(
            source=source,
            segments=highlight_segments(
                source.text,
                ((item.start, item.end, item.get_fact_display()) for item in source.evidence_here),
            ),
            evidence_count=len(source.evidence_here),
        )
        for source in sources
    ]


@dataclass(frozen=True)
class CounterpartNeighbours:
    country: Country
    previous: Engagement | None
    next: Engagement | None


def engagement_neighbours(engagement: Engagement) -> list[CounterpartNeighbours]:
    """For each counterpart of ``engagement``, the engagements just before and after it."""
    before = Q(date__lt=engagement.date) | Q(date=engagement.date, pk__lt=engagement.pk)
    after = Q(date__gt=engagement.date) | Q(date=engagement.date, pk__gt=engagement.pk)
    neighbours = []
    for country in engagement.countries.all():
        if country.code == home_country_code():
            continue
        with_country = visible_engagements().filter(countries=country).only("id", "date", "title")
        neighbours.append(
            CounterpartNeighbours(
                country=country,
                previous=with_country.filter(before).order_by("-date", "-id").first(),
                next=with_country.filter(after).order_by("date", "id").first(),
            )
        )
    return neighbours


# Relationship (country) ------------------------------------------------------


def relationship_engagements(country: Country) -> QuerySet[Engagement]:
    """Visible engagements involving both the home country and ``country``."""
    return visible_engagements().filter(countries=country).filter(countries=home_country_code())


@dataclass(frozen=True)
class YearLevels:
    year: int
    by_level: dict[str, int]
    total: int

    @property
    def level_counts(self) -> list[int]:
        """Counts in ``EngagementLevel`` order, zeros included, for tables."""
        return [self.by_level.get(level, 0) for level in EngagementLevel.values]


@dataclass(frozen=True)
class Cadence:
    engagement_count: int
    first_date: dt.date | None
    last_date: dt.date | None
    days_since_last: int | None
    median_interval_days: float | None
    per_year: list[YearLevels] = field(default_factory=list)


def relationship_cadence(engagements: QuerySet[Engagement]) -> Cadence:
    """How often engagements happen: last one, median gap, counts per year and level."""
    dates = sorted(set(engagements.order_by().values_list("date", flat=True)))
    gaps = [(later - earlier).days for earlier, later in zip(dates, dates[1:], strict=False)]
    by_year: dict[int, dict[str, int]] = defaultdict(dict)
    for row in (
        engagements.annotate(year=ExtractYear("date"))
        .values("year", "level")
        .annotate(total=Count("id"))
        .order_by("year")
    ):
        by_year[row["year"]][row["level"]] = row["total"]
    return Cadence(
        engagement_count=engagements.count(),
        first_date=dates[0] if dates else None,
        last_date=dates[-1] if dates else None,
        days_since_last=(timezone.localdate() - dates[-1]).days if dates else None,
        median_interval_days=statistics.median(gaps) if gaps else None,
        per_year=[
            YearLevels(year=year, by_level=levels, total=sum(levels.values()))
            for year, levels in sorted(by_year.items())
        ],
    )


def open_commitments() -> QuerySet[Commitment]:
    """Commitments still to be delivered, from engagements that were not rejected."""
    return Commitment.objects.filter(status__in=CommitmentStatus.open_values()).exclude(
        engagement__review_status=ReviewStatus.REJECTED
    )


@dataclass(frozen=True)
class CategoryCommitments:
    """One category of a country's open commitments: how many, and the latest few."""

    category: str
    label: str
    total: int
    latest: list[Commitment]


def open_commitments_by_category(
    country: Country, *, per_category: int = 5
) -> list[CategoryCommitments]:
    """Open commitments ``country`` is party to, by category: counts and the latest few each.

    Two queries whatever the number of commitments: the counts, and the newest
    ``per_category`` rows of each category (a window function ranks them).
    """
    commitments = open_commitments().filter(parties=country)
    totals = dict(
        commitments.order_by().values_list("category").annotate(total=Count("id", distinct=True))
    )
    ranked = with_commitment_relations(
        commitments.annotate(
            rank=Window(
                RowNumber(),
                partition_by=[F("category")],
                order_by=[F("engagement__date").desc(), F("id").desc()],
            )
        ).filter(rank__lte=per_category)
    ).order_by("category", "-engagement__date", "-id")
    latest: dict[str, list[Commitment]] = defaultdict(list)
    for commitment in ranked:
        latest[commitment.category].append(commitment)
    labels = dict(CommitmentCategory.choices)
    return [
        CategoryCommitments(
            category=category, label=labels.get(category, category), total=total,
            latest=latest[category],
        )
        for category, total in sorted(totals.items(), key=lambda item: (-item[1], item[0]))
    ]


def frequent_topics(engagements: QuerySet[Engagement], *, limit: int = 10) -> QuerySet[Topic]:
    return (
        Topic.objects.filter(engagements__in=engagements.order_by().values("pk"))
        .annotate(engagement_count=Count("engagements"))
        .order_by("-engagement_count", "name")[:limit]
    )


def _with_latest_titles(officials: QuerySet[Official]) -> list[Official]:
    """The officials, each with ``latest_title``: the last title they were recorded with.

    One extra query for all of them. (As a correlated subquery inside a grouped
    query, PostgreSQL runs it once per participation row, not once per official.)
    """
    officials = list(officials)
    latest: dict[int, str] = {}
    for official_id, title in (
        Participation.objects.filter(official__in=[o.pk for o in officials])
        .exclude(title="")
        .order_by("official_id", "-engagement__date", "-engagement_id")
        .values_list("official_id", "title")
    ):
        latest.setdefault(official_id, title)
    for official in officials:
        official.latest_title = latest.get(official.pk, "")
    return officials


def officials_met(country: Country, engagements: QuerySet[Engagement]) -> list[Official]:
    """Officials of ``country`` who took part in ``engagements``, most recently met first."""
    return _with_latest_titles(
        Official.objects.filter(
            country=country, participations__engagement__in=engagements.order_by().values("pk")
        )
        .annotate(
            engagement_count=Count("participations", distinct=True),
            last_met=Max("participations__engagement__date"),
        )
        .order_by("-last_met", "name")
    )


# Official --------------------------------------------------------------------


def official_detail(*, pk: int) -> Official:
    return get_object_or_404(
        Official.objects.select_related("country").prefetch_related("appointments"), pk=pk
    )


def official_participations(official: Official) -> list[Participation]:
    """The official's engagements, newest first, with the title they held each time."""
    return list(
        official.participations.select_related("engagement")
        .prefetch_related(
            Prefetch("engagement__countries", queryset=Country.objects.only("code", "name"))
        )
        .exclude(engagement__review_status=ReviewStatus.REJECTED)
        .order_by("-engagement__date", "-engagement_id")
    )


def counterparts_met(official: Official) -> list[Official]:
    """Officials of other countries who took part in engagements with ``official``."""
    shared = Participation.objects.filter(official=official).exclude(
        engagement__review_status=ReviewStatus.REJECTED
    )
    return _with_latest_titles(
        Official.objects.filter(participations__engagement__in=shared.values("engagement_id"))
        .exclude(pk=official.pk)
        .exclude(country=official.country)
        .select_related("country")
        .annotate(
            engagement_count=Count("participations", distinct=True),
            last_met=Max("participations__engagement__date"),
        )
        .order_by("-engagement_count", "name")
    )


# Commitments -----------------------------------------------------------------


def commitment_filter(
    *,
    status: str = "",
    party: Country | None = None,
    category: str = "",
    overdue: bool = False,
) -> QuerySet[Commitment]:
    """Commitments from engagements that were not rejected, matching every filter given."""
    commitments = Commitment.objects.exclude(engagement__review_status=ReviewStatus.REJECTED)
    if status:
        commitments = commitments.filter(status=status)
    if party is not None:
        commitments = commitments.filter(
            pk__in=Commitment.parties.through.objects.filter(country=party).values("commitment_id")
        )
    if category:
        commitments = commitments.filter(category=category)
    if overdue:
        commitments = commitments.filter(
            status__in=CommitmentStatus.open_values(), due_date__lt=timezone.localdate()
        )
    return commitments


def commitment_list(**filters) -> QuerySet[Commitment]:
    """Filtered commitments with everything a row shows; see ``commitment_filter``."""
    return with_commitment_relations(
        commitment_filter(**filters).order_by("-engagement__date", "-engagement_id", "id")
    )


def commitment_detail(*, pk: int) -> Commitment:
    return get_object_or_404(with_commitment_relations(Commitment.objects.all()), pk=pk)


@dataclass(frozen=True)
class MonthlyStatusCounts:
    """Commitments per month and status: ``counts[status][month]``."""

    months: list[dt.date]
    counts: dict[str, dict[dt.date, int]]

    @property
    def statuses(self) -> list[CommitmentStatus]:
        return [status for status in CommitmentStatus if status.value in self.counts]

    def rows(self) -> list[tuple[dt.date, list[int]]]:
        """One row per month with a count per status in ``statuses`` order, for tables."""
        return [
            (month, [self.counts[status.value].get(month, 0) for status in self.statuses])
            for month in self.months
        ]


def commitments_by_month(commitments: QuerySet[Commitment]) -> MonthlyStatusCounts:
    """Commitments per month of the engagement where they were made, by current status."""
    counts: dict[str, dict[dt.date, int]] = defaultdict(dict)
    months: set[dt.date] = set()
    for row in (
        commitments.annotate(month=TruncMonth("engagement__date"))
        .values("month", "status")
        .annotate(total=Count("id"))
        .order_by("month", "status")
    ):
        counts[row["status"]][row["month"]] = row["total"]
        months.add(row["month"])
    return MonthlyStatusCounts(months=sorted(months), counts=dict(counts))


def party_options() -> QuerySet[Country]:
    """Countries that are party to at least one commitment."""
    return Country.objects.filter(
        pk__in=Commitment.parties.through.objects.values("country_id")
    ).only("code", "name")


# Review queue ----------------------------------------------------------------


def review_queue() -> QuerySet[Engagement]:
    """Unreviewed engagements, oldest import first, with the evidence behind them."""
    return with_list_relations(
        Engagement.objects.filter(review_status=ReviewStatus.UNREVIEWED).order_by(
            "created_at", "id"
        )
    ).prefetch_related(
        Prefetch(
            "evidence",
            queryset=Evidence.objects.select_related("source").order_by("source_id", "start"),
        ),
        Prefetch(
            "commitments",
            queryset=Commitment.objects.prefetch_related(
                Prefetch("parties", queryset=Country.objects.only("code", "name")),
                Prefetch("evidence", queryset=Evidence.objects.order_by("start")),
            ).order_by("id"),
        ),
        Prefetch("sources", queryset=SourceDocument.objects.only("id", "title", "file_name")),
    )


def review_queue_count() -> int:
    return Engagement.objects.filter(review_status=ReviewStatus.UNREVIEWED).count()
