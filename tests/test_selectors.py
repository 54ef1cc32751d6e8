"""Selectors: filters, timelines, aggregation, cadence and evidence highlighting."""

import datetime as dt

import pytest

from engagements import selectors
from engagements.choices import EngagementKind, EngagementLevel, ReviewStatus
from engagements.models import Country
from engagements.selectors import TextSegment, highlight_segments

from . import factories


def test_highlight_segments_join_back_into_the_text():
    text = "One. Two three. Four."
    segments = highlight_segments(text, [(5, 15, "Commitment")])
    assert "".join(segment.text for segment in segments) == text
    assert segments == [
        TextSegment("One. "),
        TextSegment("Two three.", highlighted=True, facts=("Commitment",)),
        TextSegment(" Four."),
    ]


def test_highlight_segments_merge_overlaps_and_name_every_fact():
    segments = highlight_segments("abcdefghij", [(2, 6, "Date"), (4, 8, "Participant")])
    assert segments[1] == TextSegment("cdefgh", highlighted=True, facts=("Date", "Participant"))


def test_highlight_segments_clip_spans_outside_the_text():
    segments = highlight_segments("short", [(3, 99, "Date"), (50, 60, "Topic"), (4, 2, "Bad")])
    assert segments == [TextSegment("sho"), TextSegment("rt", highlighted=True, facts=("Date",))]


def test_highlight_segments_without_spans_is_the_whole_text():
    assert highlight_segments("plain", []) == [TextSegment("plain")]


@pytest.mark.django_db
def test_bilateral_engagements_need_the_home_country_and_exactly_one_other():
    bilateral = factories.engagement(countries=("US", "JP"))
    factories.engagement(countries=("US", "JP", "AU"), kind=EngagementKind.MULTILATERAL)
    factories.engagement(countries=("JP", "AU"))
    assert list(selectors.bilateral_engagements()) == [bilateral]


@pytest.mark.django_db
def test_home_country_comes_from_settings(settings):
    settings.ENGAGEMENTS_HOME_COUNTRY = "JP"
    with_us = factories.engagement(countries=("US", "JP"))
    factories.engagement(countries=("US", "AU"))
    timeline = selectors.timeline(selectors.bilateral_engagements(), exclude_country="JP")
    assert list(selectors.bilateral_engagements()) == [with_us]
    assert [point.country_code for point in timeline.points] == ["US"]


@pytest.mark.django_db
def test_timeline_points_carry_participants_with_their_titles():
    meeting = factories.engagement(
        participants=(
            ("Pete Hegseth", "Secretary of War", "US"),
            ("Shinjirō Koizumi", "Minister of Defense", "JP"),
        ),
    )
    timeline = selectors.timeline(selectors.bilateral_engagements(), exclude_country="US")
    (point,) = timeline.points
    assert point.engagement_id == meeting.pk and point.country_code == "JP"
    assert point.participants == (
        ("Pete Hegseth", "Secretary of War"),
        ("Shinjirō Koizumi", "Minister of Defense"),
    )
    assert not timeline.aggregated


@pytest.mark.django_db
def test_timeline_past_the_limit_becomes_monthly_counts():
    for day in range(1, 6):
        factories.engagement(title=f"Day {day}", date=dt.date(2025, 3, day))
    factories.engagement(title="April", date=dt.date(2025, 4, 2), level=EngagementLevel.DEPUTY)
    timeline = selectors.timeline(
        selectors.bilateral_engagements(), exclude_country="US", max_points=3
    )
    assert timeline.aggregated and timeline.total == 6
    assert [(p.date, p.level, p.count) for p in timeline.points] == [
        (dt.date(2025, 3, 1), "ministerial", 5),
        (dt.date(2025, 4, 1), "deputy", 1),
    ]


@pytest.mark.django_db
def test_timeline_since_leaves_out_older_engagements():
    factories.engagement(title="Old", date=dt.date(2020, 1, 1))
    recent = factories.engagement(title="Recent", date=dt.date(2025, 1, 1))
    timeline = selectors.timeline(
        selectors.bilateral_engagements(), exclude_country="US", since=dt.date(2024, 1, 1)
    )
    assert [p.engagement_id for p in timeline.points] == [recent.pk]


@pytest.mark.django_db
def test_rejected_engagements_are_left_out_of_counts_and_timelines():
    factories.engagement(review_status=ReviewStatus.REJECTED)
    assert selectors.overview_tiles(since=None).engagement_count == 0
    assert selectors.timeline(selectors.bilateral_engagements()).points == []


@pytest.mark.django_db
def test_cadence_without_engagements_is_empty_not_an_error():
    new_zealand = Country.objects.get(code="NZ")
    cadence = selectors.relationship_cadence(selectors.relationship_engagements(new_zealand))
    assert cadence.engagement_count == 0
    assert cadence.last_date is None and cadence.median_interval_days is None


@pytest.mark.django_db
def test_commitments_by_month_counts_each_status():
    meeting = factories.engagement(date=dt.date(2025, 5, 20))
    factories.commitment(meeting, text="a")
    factories.commitment(meeting, text="b", status="fulfilled")
    factories.commitment(meeting, text="c", status="fulfilled")
    series = selectors.commitments_by_month(selectors.commitment_filter())
    assert series.rows() == [(dt.date(2025, 5, 1), [1, 2])]
    assert [status.value for status in series.statuses] == ["announced", "fulfilled"]
