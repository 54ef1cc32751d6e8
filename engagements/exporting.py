"""The ``engagements/v1`` export: a stable JSON (and CSV) view of every engagement.

Acceptance checks and analysts' scripts read this format; change it only by
adding fields, and bump ``SCHEMA`` for anything else. Documented in README.md.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator

from django.db.models import Prefetch, QuerySet
from django.urls import reverse

from .models import Commitment, Engagement, Evidence, Participation

SCHEMA = "engagements/v1"

CSV_COLUMNS = [
    "id",
    "date",
    "date_precision",
    "kind",
    "level",
    "title",
    "location",
    "host_country",
    "countries",
    "participants",
    "topics",
    "commitments",
    "open_commitments",
    "sources",
    "review_status",
    "url",
]


def export_queryset(queryset: QuerySet[Engagement] | None = None) -> QuerySet[Engagement]:
    """Engagements with everything the export needs, in a fixed number of queries.

    Without a queryset: every engagement in date order. A given queryset (a
    filtered, sorted list) keeps its own order.
    """
    if queryset is None:
        queryset = Engagement.objects.order_by("date", "id")
    return (
        queryset.select_related("host_country")
        .prefetch_related(None)  # replace a list's own prefetches with the export's
        .prefetch_related(
            "countries",
            "topics",
            "sources",
            Prefetch(
                "participations",
                queryset=Participation.objects.select_related("official", "country").order_by(
                    "role", "official__name"
                ),
            ),
            Prefetch(
                "commitments",
                queryset=Commitment.objects.order_by("id").prefetch_related(
                    "parties",
                    Prefetch(
                        "evidence",
                        queryset=Evidence.objects.order_by("source_id", "start"),
                        to_attr="evidence_spans",
                    ),
                ),
            ),
        )
    )


def engagement_record(engagement: Engagement) -> dict:
    """One engagement in the ``engagements/v1`` shape."""
    return {
        "id": engagement.pk,
        "date": engagement.date.isoformat(),
        "date_precision": engagement.date_precision,
        "kind": engagement.kind,
        "level": engagement.level,
        "title": engagement.title,
        "location": engagement.location,
        "host_country": engagement.host_country_id,
        "countries": sorted(c.code for c in engagement.countries.all()),
        "participants": [
            {
                "name": p.official.name,
                "title": p.title,
                "country": p.country_id or p.official.country_id,
                "role": p.role,
            }
            for p in engagement.participations.all()
        ],
        "topics": sorted(t.name for t in engagement.topics.all()),
        "commitments": [
            {
                "id": c.pk,
                "text": c.text,
                "parties": sorted(p.code for p in c.parties.all()),
                "category": c.category,
                "status": c.status,
                "due_date": c.due_date.isoformat() if c.due_date else None,
                "source_sentence": c.evidence_spans[0].sentence if c.evidence_spans else None,
            }
            for c in engagement.commitments.all()
        ],
        "sources": [
            {
                "title": s.title,
                "url": s.url or None,
                "published": s.published.isoformat() if s.published else None,
                "sha256": s.sha256,
            }
            for s in sorted(engagement.sources.all(), key=lambda s: s.pk)
        ],
        "review_status": engagement.review_status,
    }


def iter_records(queryset: QuerySet[Engagement] | None = None) -> Iterator[dict]:
    """Records in date order, fetched in chunks so memory stays flat on large databases."""
    yield from (engagement_record(e) for e in export_queryset(queryset).iterator(chunk_size=500))


def csv_rows(records: Iterable[dict]) -> Iterator[list[str]]:
    """Spreadsheet-friendly rows: one per engagement, lists joined with '; '."""
    yield CSV_COLUMNS
    for r in records:
        yield [
            str(r["id"]),
            r["date"],
            r["date_precision"],
            r["kind"],
            r["level"],
            r["title"],
            r["location"],
            r["host_country"] or "",
            "; ".join(r["countries"]),
            "; ".join(
                f"{p['name']} ({p['title']}, {p['country'] or '?'})" for p in r["participants"]
            ),
            "; ".join(r["topics"]),
            "; ".join(c["text"] for c in r["commitments"]),
            str(
                sum(
                    c["status"] in ("announced", "in-progress", "stalled") for c in r["commitments"]
                )
            ),
            "; ".join(s["url"] or s["title"] for s in r["sources"]),
            r["review_status"],
            reverse("engagements:engagement_detail", args=[r["id"]]),
        ]


def csv_safe(value: str) -> str:
    """Neutralise cells a spreadsheet would run as a formula (CSV injection)."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def write_csv(records: Iterable[dict], stream: io.TextIOBase) -> None:
    writer = csv.writer(stream)
    for row in csv_rows(records):
        writer.writerow([csv_safe(cell) for cell in row])
