"""Dashboard pages: each page for each role, filters, HTMX fragments, permissions,
bad parameters, escaping and bounded query counts."""

import csv
import datetime as dt
import io
import json

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from engagements import services
from engagements.choices import CommitmentStatus, EngagementKind, EngagementLevel, ReviewStatus
from engagements.models import Commitment, CommitmentStatusChange, Engagement, Evidence, Official

from . import factories

pytestmark = pytest.mark.django_db

XSS = "<img src=x onerror=alert(1)>"
ESCAPED_XSS = b"&lt;img src=x onerror=alert(1)&gt;"


@pytest.fixture
def dataset():
    """Three counterparts, a multilateral, a rejected import, commitments and a source."""
    tokyo = factories.engagement(
        title="U.S.–Japan defense ministers' meeting",
        date=dt.date(2026, 1, 15),
        participants=(
            ("Pete Hegseth", "Secretary of War", "US"),
            ("Shinjirō Koizumi", "Minister of Defense", "JP"),
        ),
        topics=("deterrence", "defense spending"),
        summary="Both sides reaffirmed the alliance.",
        location="Pentagon",
    )
    earlier_tokyo = factories.engagement(
        title="Leaders' summit in Tokyo",
        date=dt.date(2025, 3, 1),
        level=EngagementLevel.LEADERS,
        host="JP",
        participants=(("Shigeru Ishiba", "Prime Minister", "JP"),),
        topics=("deterrence",),
    )
    canberra = factories.engagement(
        title="Call with the Australian deputy minister",
        date=dt.date(2025, 6, 10),
        countries=("US", "AU"),
        kind=EngagementKind.CALL,
        level=EngagementLevel.DEPUTY,
        participants=(("Pat Conroy", "Minister for Defence Industry", "AU"),),
        topics=("industrial cooperation",),
    )
    nato = factories.engagement(
        title="Defence ministers at NATO",
        date=dt.date(2025, 10, 1),
        countries=("US", "JP", "AU", "GB"),
        kind=EngagementKind.MULTILATERAL,
    )
    rejected = factories.engagement(
        title="Misread readout",
        date=dt.date(2025, 11, 1),
        review_status=ReviewStatus.REJECTED,
    )
    spending = factories.commitment(
        tokyo, text="Japan will increase its defense spending", due_date=dt.date(2026, 3, 31)
    )
    exercises = factories.commitment(
        canberra,
        text="Australia will host a joint exercise",
        parties=("AU",),
        category="exercises-training",
        status=CommitmentStatus.IN_PROGRESS,
    )
    text = "Hegseth welcomed Koizumi. Japan will increase its defense spending. Nothing else."
    document = factories.source(text=text, title="Pentagon readout")
    document.engagements.add(tokyo)
    Evidence.objects.create(
        source=document,
        fact=Evidence.Fact.COMMITMENT,
        start=26,
        end=67,
        sentence=text[26:67],
        commitment=spending,
    )
    return {
        "tokyo": tokyo,
        "earlier_tokyo": earlier_tokyo,
        "canberra": canberra,
        "nato": nato,
        "rejected": rejected,
        "spending": spending,
        "exercises": exercises,
        "document": document,
    }


def many_engagements(count: int) -> None:
    """``count`` engagements with participants, topics and commitments, for query budgets."""
    for i in range(count):
        record = factories.engagement(
            title=f"Meeting {i}",
            date=dt.date(2025, 1, 1) + dt.timedelta(days=7 * i),
            countries=("US", ("JP", "AU", "KR")[i % 3]),
            participants=(
                ("Pete Hegseth", "Secretary of War", "US"),
                (f"Minister {i}", "Minister of Defense", ("JP", "AU", "KR")[i % 3]),
            ),
            topics=("deterrence", f"topic {i % 4}"),
        )
        commitment = factories.commitment(record, text=f"Commitment {i}")
        CommitmentStatusChange.objects.create(
            commitment=commitment, from_status="", to_status="announced", note="Imported."
        )


def result_titles(response) -> list[str]:
    return [engagement.title for engagement in response.context["page"].object_list]


# Every page, both roles ------------------------------------------------------


def page_urls(data) -> list[str]:
    return [
        reverse("engagements:overview"),
        reverse("engagements:engagement_list"),
        reverse("engagements:engagement_detail", args=[data["tokyo"].pk]),
        reverse("engagements:country_detail", args=["JP"]),
        reverse("engagements:country_brief", args=["JP"]),
        reverse("engagements:official_detail", args=[Official.objects.get(name="Pete Hegseth").pk]),
        reverse("engagements:commitment_list"),
    ]


@pytest.mark.parametrize("role", ["viewer_client", "editor_client"])
def test_every_page_renders_for_viewers_and_editors(request, role, dataset):
    client = request.getfixturevalue(role)
    for url in page_urls(dataset):
        response = client.get(url)
        assert response.status_code == 200, url
        assert b"<!doctype html>" in response.content, url


def test_navigation_shows_review_count_and_admin_to_editors_only(viewer_client, dataset):
    body = viewer_client.get(reverse("engagements:overview")).content.decode()
    assert "Review" not in body.split("</nav>")[0]
    assert reverse("admin:index") not in body


def test_editor_navigation_counts_unreviewed_engagements(editor_client, dataset):
    response = editor_client.get(reverse("engagements:overview"))
    unreviewed = Engagement.objects.filter(review_status=ReviewStatus.UNREVIEWED).count()
    assert f'id="review-count" class="badge" aria-label="{unreviewed} to review">{unreviewed}<' in (
        response.content.decode()
    )
    assert reverse("admin:index").encode() in response.content


def test_pages_load_plotly_from_our_own_static_files(viewer_client, dataset):
    response = viewer_client.get(reverse("engagements:overview"))
    assert b'src="/static/vendor/plotly/plotly.min.js"' in response.content
    assert b"cdn" not in response.content.lower()


# Overview --------------------------------------------------------------------


def test_overview_tiles_count_the_period_and_open_commitments(viewer_client, dataset):
    response = viewer_client.get(reverse("engagements:overview"), {"period": "all"})
    tiles = response.context["tiles"]
    assert tiles.engagement_count == 4  # the rejected import is left out
    assert tiles.counterpart_count == 3  # JP, AU, GB; never the home country
    assert tiles.open_commitments == 2
    assert tiles.overdue_commitments == 1  # due 31 Mar 2026, still announced


def test_overview_period_narrows_the_tiles(viewer_client, dataset):
    recent = viewer_client.get(reverse("engagements:overview"), {"period": "90d"})
    everything = viewer_client.get(reverse("engagements:overview"), {"period": "all"})
    assert recent.context["tiles"].engagement_count < everything.context["tiles"].engagement_count


def test_overview_period_over_htmx_returns_only_the_period_fragment(viewer_client, dataset):
    response = viewer_client.get(
        reverse("engagements:overview"), {"period": "3y"}, HTTP_HX_REQUEST="true"
    )
    body = response.content.decode()
    assert body.lstrip().startswith('<section id="overview-period"')
    assert "<html" not in body
    assert "Latest engagements" not in body
    assert 'id="timeline-chart"' in body
    assert response["Vary"].count("HX-Request") == 1


def test_overview_unknown_period_falls_back_to_the_default(viewer_client, dataset):
    response = viewer_client.get(reverse("engagements:overview"), {"period": "forever"})
    assert response.status_code == 200
    assert response.context["period"] == "12m"


def test_overview_timeline_has_one_lane_per_bilateral_counterpart(viewer_client, dataset):
    response = viewer_client.get(reverse("engagements:overview"), {"period": "all"})
    lanes = {point.country_code for point in response.context["timeline"].points}
    assert lanes == {"JP", "AU"}  # the NATO multilateral is not bilateral


def test_overview_lists_latest_engagements_and_commitments_by_status(viewer_client, dataset):
    response = viewer_client.get(reverse("engagements:overview"))
    assert [e.title for e in response.context["latest"]][0] == dataset["tokyo"].title
    counts = {row.status: row.count for row in response.context["status_counts"]}
    assert counts["announced"] == 1 and counts["in-progress"] == 1 and counts["fulfilled"] == 0


def test_overview_chart_json_is_embedded_escaped(viewer_client):
    factories.engagement(title=XSS, date=timezone.localdate())
    response = viewer_client.get(reverse("engagements:overview"))
    body = response.content
    assert XSS.encode() not in body
    start = body.index(b'<script id="timeline-chart" type="application/json">')
    script = body[start : body.index(b"</script>", start)]
    assert b"<img" not in script
    figure = json.loads(script.split(b">", 1)[1])
    assert "&lt;img src=x onerror=alert(1)&gt;" in figure["data"][0]["hovertext"][0]


# Engagement list -------------------------------------------------------------


def test_list_leaves_out_rejected_imports_by_default(viewer_client, dataset):
    response = viewer_client.get(reverse("engagements:engagement_list"))
    assert "Misread readout" not in result_titles(response)
    assert len(result_titles(response)) == 4


def test_list_search_matches_participant_names_without_diacritics(viewer_client, dataset):
    response = viewer_client.get(reverse("engagements:engagement_list"), {"q": "shinjiro"})
    assert result_titles(response) == [dataset["tokyo"].title]


def test_list_search_matches_participant_names_with_diacritics(viewer_client, dataset):
    response = viewer_client.get(reverse("engagements:engagement_list"), {"q": "Shinjirō"})
    assert result_titles(response) == [dataset["tokyo"].title]


def test_list_search_matches_title_and_summary(viewer_client, dataset):
    by_title = viewer_client.get(reverse("engagements:engagement_list"), {"q": "summit"})
    by_summary = viewer_client.get(reverse("engagements:engagement_list"), {"q": "reaffirmed"})
    assert result_titles(by_title) == ["Leaders' summit in Tokyo"]
    assert result_titles(by_summary) == [dataset["tokyo"].title]


def test_list_filters_by_several_countries_at_once(viewer_client, dataset):
    url = reverse("engagements:engagement_list") + "?country=AU&country=gb"
    titles = result_titles(viewer_client.get(url))
    assert set(titles) == {"Call with the Australian deputy minister", "Defence ministers at NATO"}


def test_list_filters_by_official(viewer_client, dataset):
    ishiba = Official.objects.get(name="Shigeru Ishiba")
    response = viewer_client.get(reverse("engagements:engagement_list"), {"official": ishiba.pk})
    assert result_titles(response) == ["Leaders' summit in Tokyo"]
    assert b"Engagements with" in response.content


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"kind": "call"}, ["Call with the Australian deputy minister"]),
        ({"level": "leaders"}, ["Leaders' summit in Tokyo"]),
        ({"topic": "industrial cooperation"}, ["Call with the Australian deputy minister"]),
        (
            {"date_from": "2025-06-01", "date_to": "2025-12-31"},
            ["Defence ministers at NATO", "Call with the Australian deputy minister"],
        ),
        ({"review": "rejected"}, ["Misread readout"]),
    ],
)
def test_list_filters_narrow_the_results(viewer_client, dataset, params, expected):
    response = viewer_client.get(reverse("engagements:engagement_list"), params)
    assert result_titles(response) == expected


def test_list_sorts_oldest_first_and_by_level(viewer_client, dataset):
    oldest = viewer_client.get(reverse("engagements:engagement_list"), {"sort": "oldest"})
    by_level = viewer_client.get(reverse("engagements:engagement_list"), {"sort": "level"})
    assert result_titles(oldest)[0] == "Leaders' summit in Tokyo"
    assert result_titles(by_level)[0] == "Leaders' summit in Tokyo"
    assert result_titles(by_level)[-1] == "Call with the Australian deputy minister"


def test_list_over_htmx_returns_results_and_an_out_of_band_count(viewer_client, dataset):
    response = viewer_client.get(
        reverse("engagements:engagement_list"), {"kind": "call"}, HTTP_HX_REQUEST="true"
    )
    body = response.content.decode()
    assert body.lstrip().startswith('<section id="results"')
    assert "<html" not in body and "<form" not in body
    assert 'id="result-summary" class="result-summary" hx-swap-oob="true"' in body
    assert ">1 engagement<" in body
    assert "HX-Request" in response["Vary"]


def test_list_full_page_has_no_out_of_band_markup(viewer_client, dataset):
    response = viewer_client.get(reverse("engagements:engagement_list"))
    assert b"hx-swap-oob" not in response.content


def test_htmx_history_restore_gets_the_whole_page(viewer_client, dataset):
    response = viewer_client.get(
        reverse("engagements:engagement_list"),
        HTTP_HX_REQUEST="true",
        HTTP_HX_HISTORY_RESTORE_REQUEST="true",
    )
    assert b"<!doctype html>" in response.content


def test_list_filter_controls_push_the_url_and_keep_an_href(viewer_client):
    for i in range(30):
        factories.engagement(title=f"Meeting {i}", date=dt.date(2025, 1, 1) + dt.timedelta(i))
    body = viewer_client.get(reverse("engagements:engagement_list")).content.decode()
    assert 'hx-push-url="true"' in body
    assert 'href="?page=2" hx-get="?page=2"' in body


def test_list_pagination_keeps_the_filters(viewer_client):
    for i in range(30):
        factories.engagement(
            title=f"Call {i}", kind=EngagementKind.CALL, date=dt.date(2025, 1, 1) + dt.timedelta(i)
        )
    response = viewer_client.get(reverse("engagements:engagement_list"), {"kind": "call"})
    assert b'href="?kind=call&amp;page=2"' in response.content


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"country": "XX"}, "Unknown country code “XX”."),
        ({"date_from": "2025-13-45"}, "Enter a valid date."),
        ({"official": "abc"}, "Unknown official."),
        ({"official": "999999"}, "Unknown official."),
        ({"topic": "no such topic"}, "Unknown topic."),
        ({"kind": "summit"}, "Select a valid choice."),
    ],
)
def test_list_bad_parameters_give_a_clear_message_not_an_error(
    viewer_client, dataset, params, message
):
    response = viewer_client.get(reverse("engagements:engagement_list"), params)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert len(result_titles(response)) == 4  # the bad filter is ignored, the page still works


def test_list_end_date_before_start_is_reported_and_only_the_start_applies(viewer_client, dataset):
    response = viewer_client.get(
        reverse("engagements:engagement_list"), {"date_from": "2026-01-01", "date_to": "2025-01-01"}
    )
    assert "The end date is before the start date." in response.content.decode()
    assert result_titles(response) == [dataset["tokyo"].title]


def test_list_page_out_of_range_says_so_and_shows_the_last_page(viewer_client, dataset):
    for page in ("99999", "abc"):
        response = viewer_client.get(reverse("engagements:engagement_list"), {"page": page})
        assert response.status_code == 200
        assert f"There is no page “{page}”" in response.content.decode()


def test_list_escapes_titles_and_names(viewer_client):
    factories.engagement(title=XSS, participants=((XSS, XSS, "JP"),))
    response = viewer_client.get(reverse("engagements:engagement_list"))
    assert XSS.encode() not in response.content
    assert ESCAPED_XSS in response.content


def test_list_runs_a_bounded_number_of_queries(viewer_client, django_assert_max_num_queries):
    many_engagements(40)
    with django_assert_max_num_queries(12):
        response = viewer_client.get(reverse("engagements:engagement_list"), {"q": "minister"})
    assert len(response.context["page"].object_list) == 25


# CSV export ------------------------------------------------------------------


def test_csv_export_has_exactly_the_filtered_rows_across_pages(viewer_client):
    for i in range(30):
        factories.engagement(
            title=f"Call {i}", kind=EngagementKind.CALL, date=dt.date(2025, 1, 1) + dt.timedelta(i)
        )
    factories.engagement(title="A meeting")
    response = viewer_client.get(reverse("engagements:engagement_export"), {"kind": "call"})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert len(rows) == 30
    assert {row["kind"] for row in rows} == {"call"}


def test_csv_export_neutralises_spreadsheet_formulas(viewer_client):
    factories.engagement(title='=HYPERLINK("http://evil")')
    response = viewer_client.get(reverse("engagements:engagement_export"))
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert rows[0]["title"].startswith("'=")


def test_csv_export_runs_a_bounded_number_of_queries(viewer_client, django_assert_max_num_queries):
    many_engagements(40)
    with django_assert_max_num_queries(10):
        response = viewer_client.get(reverse("engagements:engagement_export"))
    assert response.content.decode().count("\n") == 41


# Engagement detail -----------------------------------------------------------


def test_detail_shows_participants_with_titles_at_the_time(viewer_client, dataset):
    response = viewer_client.get(dataset["tokyo"].get_absolute_url())
    body = response.content.decode()
    assert "Shinjirō Koizumi" in body and "Minister of Defense" in body
    assert "Secretary of War" in body
    assert "deterrence" in body and "Both sides reaffirmed the alliance." in body


def test_detail_highlights_evidence_in_the_source_text(viewer_client, dataset):
    body = viewer_client.get(dataset["tokyo"].get_absolute_url()).content.decode()
    assert '<mark title="Commitment">Japan will increase its defense spending.</mark>' in body
    assert "Hegseth welcomed Koizumi. <mark" in body


def test_detail_escapes_source_text_and_evidence(viewer_client):
    meeting = factories.engagement(title="Meeting")
    text = f"Before {XSS} after."
    document = factories.source(text=text, title=XSS)
    document.engagements.add(meeting)
    Evidence.objects.create(
        source=document, fact="date", start=7, end=7 + len(XSS), sentence=text, engagement=meeting
    )
    response = viewer_client.get(meeting.get_absolute_url())
    assert XSS.encode() not in response.content
    assert b'<mark title="Date">' + ESCAPED_XSS + b"</mark>" in response.content


def test_detail_links_previous_and_next_engagement_with_the_same_counterpart(
    viewer_client, dataset
):
    response = viewer_client.get(dataset["nato"].get_absolute_url())
    japan = next(n for n in response.context["neighbours"] if n.country.code == "JP")
    assert japan.previous == dataset["earlier_tokyo"]
    assert japan.next == dataset["tokyo"]
    assert {n.country.code for n in response.context["neighbours"]} == {"JP", "AU", "GB"}


def test_detail_shows_commitment_status_and_history(viewer_client, dataset):
    CommitmentStatusChange.objects.create(
        commitment=dataset["spending"],
        from_status="",
        to_status="announced",
        note=f"Imported {XSS}",
    )
    response = viewer_client.get(dataset["tokyo"].get_absolute_url())
    assert b"History (1)" in response.content
    assert b"Imported " + ESCAPED_XSS in response.content


def test_detail_of_a_missing_engagement_is_404(viewer_client):
    assert viewer_client.get("/engagements/999999/").status_code == 404
    assert viewer_client.get("/engagements/abc/").status_code == 404


def test_detail_runs_a_bounded_number_of_queries(viewer_client, django_assert_max_num_queries):
    many_engagements(3)
    meeting = Engagement.objects.first()
    for i in range(30):
        commitment = factories.commitment(meeting, text=f"Extra {i}")
        CommitmentStatusChange.objects.create(
            commitment=commitment, to_status="announced", note="n"
        )
    with django_assert_max_num_queries(22):
        viewer_client.get(meeting.get_absolute_url())


# Relationship and official ---------------------------------------------------


def test_country_page_shows_cadence_topics_officials_and_open_commitments(viewer_client, dataset):
    response = viewer_client.get(reverse("engagements:country_detail", args=["JP"]))
    cadence = response.context["cadence"]
    assert cadence.engagement_count == 3
    assert cadence.last_date == dt.date(2026, 1, 15)
    assert cadence.days_since_last == (timezone.localdate() - dt.date(2026, 1, 15)).days
    assert cadence.median_interval_days == 160  # gaps of 214 and 106 days
    assert {row.year: row.total for row in cadence.per_year} == {2025: 2, 2026: 1}
    assert response.context["topics"][0].name == "deterrence"
    assert [o.name for o in response.context["officials"]] == ["Shinjirō Koizumi", "Shigeru Ishiba"]
    assert response.context["officials"][0].latest_title == "Minister of Defense"
    assert [
        c.text for group in response.context["commitment_groups"] for c in group.latest
    ] == [dataset["spending"].text]


def test_country_code_is_case_insensitive_and_unknown_codes_are_404(viewer_client, dataset):
    assert viewer_client.get("/countries/jp/").status_code == 200
    assert viewer_client.get("/countries/XX/").status_code == 404
    assert viewer_client.get("/countries/japan/").status_code == 404
    assert viewer_client.get("/countries/XX/brief/").status_code == 404


@pytest.mark.parametrize("code", ["%00", "J%00", "%00P", "j", "JPN", "x" * 300])
def test_country_code_that_is_not_two_letters_is_404_not_an_error(viewer_client, dataset, code):
    # PostgreSQL refuses NUL in a query: the URL must never reach the database.
    assert viewer_client.get(f"/countries/{code}/").status_code == 404
    assert viewer_client.get(f"/countries/{code}/brief/").status_code == 404


def test_list_search_of_combining_marks_alone_does_not_match_everyone(viewer_client, dataset):
    response = viewer_client.get(reverse("engagements:engagement_list"), {"q": "\u0301"})
    assert response.status_code == 200
    assert result_titles(response) == []


def test_country_brief_is_a_printable_page_with_the_counterpart_summary(viewer_client, dataset):
    response = viewer_client.get(reverse("engagements:country_brief", args=["JP"]))
    body = response.content.decode()
    assert "Counterpart brief: Japan" in body
    assert "Shinjirō Koizumi (Minister of Defense)" in body
    assert dataset["spending"].text in body
    assert 'class="brief"' in body


def test_country_page_runs_a_bounded_number_of_queries(
    viewer_client, django_assert_max_num_queries
):
    many_engagements(45)
    with django_assert_max_num_queries(24):
        response = viewer_client.get(reverse("engagements:country_detail", args=["JP"]))
    assert response.context["cadence"].engagement_count == 15


def test_country_page_shows_the_latest_open_commitments_per_category_and_links_to_all(
    viewer_client,
):
    for i in range(8):
        meeting = factories.engagement(title=f"Talks {i}", date=dt.date(2025, 1, 1) + dt.timedelta(i))
        factories.commitment(meeting, text=f"Spending step {i}")
    factories.commitment(meeting, text="Drill together", category="exercises-training")
    response = viewer_client.get(reverse("engagements:country_detail", args=["JP"]))
    groups = {g.category: g for g in response.context["commitment_groups"]}
    assert groups["defense-spending"].total == 8
    assert [c.text for c in groups["defense-spending"].latest] == [
        f"Spending step {i}" for i in (7, 6, 5, 4, 3)
    ]
    assert groups["exercises-training"].total == 1
    assert response.context["open_commitment_total"] == 9
    assert "party=JP&amp;category=defense-spending" in response.content.decode()
    assert "All 8 defense spending commitments" in response.content.decode()


def test_official_page_shows_engagements_counterparts_and_commitments(viewer_client, dataset):
    hegseth = Official.objects.get(name="Pete Hegseth")
    koizumi = Official.objects.get(name="Shinjirō Koizumi")
    response = viewer_client.get(hegseth.get_absolute_url())
    assert [p.engagement for p in response.context["participations"]] == [dataset["tokyo"]]
    assert list(response.context["counterparts"]) == [koizumi]
    japan = viewer_client.get(koizumi.get_absolute_url())
    assert [
        c.text for group in japan.context["commitment_groups"] for c in group.latest
    ] == [dataset["spending"].text]


def test_official_page_is_404_for_unknown_or_non_numeric_ids(viewer_client):
    assert viewer_client.get("/officials/999999/").status_code == 404
    assert viewer_client.get("/officials/abc/").status_code == 404


def test_official_page_runs_a_bounded_number_of_queries(
    viewer_client, django_assert_max_num_queries
):
    many_engagements(40)
    hegseth = Official.objects.get(name="Pete Hegseth")
    with django_assert_max_num_queries(15):
        response = viewer_client.get(hegseth.get_absolute_url())
    assert len(response.context["participations"]) == 40


# Commitments -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"status": "in-progress"}, ["Australia will host a joint exercise"]),
        ({"party": "JP"}, ["Japan will increase its defense spending"]),
        ({"category": "exercises-training"}, ["Australia will host a joint exercise"]),
        ({"overdue": "on"}, ["Japan will increase its defense spending"]),
    ],
)
def test_commitment_filters_narrow_the_list(viewer_client, dataset, params, expected):
    response = viewer_client.get(reverse("engagements:commitment_list"), params)
    assert [c.text for c in response.context["page"].object_list] == expected


def test_commitment_list_bad_party_says_so(viewer_client, dataset):
    response = viewer_client.get(reverse("engagements:commitment_list"), {"party": "ZZ"})
    assert response.status_code == 200
    assert "Unknown party country." in response.content.decode()


def test_commitment_chart_counts_commitments_by_month_and_status(viewer_client, dataset):
    response = viewer_client.get(reverse("engagements:commitment_list"))
    by_month = response.context["by_month"]
    assert by_month.counts == {
        "announced": {dt.date(2026, 1, 1): 1},
        "in-progress": {dt.date(2025, 6, 1): 1},
    }
    assert {trace["name"] for trace in response.context["chart"]["data"]} == {
        "Announced",
        "In progress",
    }


def test_commitment_list_over_htmx_returns_the_results_fragment(viewer_client, dataset):
    response = viewer_client.get(
        reverse("engagements:commitment_list"), {"status": "announced"}, HTTP_HX_REQUEST="true"
    )
    body = response.content.decode()
    assert body.lstrip().startswith('<div id="commitment-results">')
    assert "<html" not in body


def test_viewer_sees_no_status_controls(viewer_client, dataset):
    for url in (reverse("engagements:commitment_list"), dataset["tokyo"].get_absolute_url()):
        body = viewer_client.get(url).content.decode()
        assert 'class="status-form"' not in body, url
        assert "Change status" not in body, url


def test_editor_sees_status_controls(editor_client, dataset):
    body = editor_client.get(reverse("engagements:commitment_list")).content.decode()
    assert body.count('class="status-form"') == 2


def test_viewer_status_change_is_refused_and_changes_nothing(viewer_client, dataset):
    commitment = dataset["spending"]
    response = viewer_client.post(
        reverse("engagements:commitment_update_status", args=[commitment.pk]),
        {"status": "fulfilled", "note": "Budget passed."},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 403
    commitment.refresh_from_db()
    assert commitment.status == CommitmentStatus.ANNOUNCED
    assert not commitment.history.exists()


def test_editor_changes_status_over_htmx_and_gets_the_row_with_history(editor_client, dataset):
    commitment = dataset["spending"]
    response = editor_client.post(
        reverse("engagements:commitment_update_status", args=[commitment.pk]),
        {"status": "in-progress", "note": f"Budget bill tabled {XSS}"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert body.lstrip().startswith(
        f'<article class="commitment overdue" id="commitment-{commitment.pk}"'
    )
    assert "<html" not in body
    assert "Budget bill tabled &lt;img" in body and XSS not in body
    assert "eddie-editor" in body
    assert "commitment-status-changed" in response["HX-Trigger"]
    change = commitment.history.get()
    assert (change.from_status, change.to_status, change.changed_by.username) == (
        "announced",
        "in-progress",
        "eddie-editor",
    )
    commitment.refresh_from_db()
    assert commitment.status == "in-progress"


def test_status_change_without_a_note_is_refused_with_a_message(editor_client, dataset):
    commitment = dataset["spending"]
    response = editor_client.post(
        reverse("engagements:commitment_update_status", args=[commitment.pk]),
        {"status": "fulfilled", "note": "   "},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 422
    assert "This field is required." in response.content.decode()
    commitment.refresh_from_db()
    assert commitment.status == "announced"
    assert not commitment.history.exists()


def test_status_change_to_the_same_status_reports_the_service_error(editor_client, dataset):
    commitment = dataset["spending"]
    response = editor_client.post(
        reverse("engagements:commitment_update_status", args=[commitment.pk]),
        {"status": "announced", "note": "No change"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 422
    assert "already announced" in response.content.decode()


def test_status_change_without_javascript_redirects_back_with_a_message(editor_client, dataset):
    commitment = dataset["spending"]
    response = editor_client.post(
        reverse("engagements:commitment_update_status", args=[commitment.pk]),
        {"status": "fulfilled", "note": "Budget passed.", "next": "/commitments/?party=JP"},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == "/commitments/?party=JP"
    assert b"Commitment status updated." in response.content
    assert Commitment.objects.get(pk=commitment.pk).status == "fulfilled"


def test_status_change_never_redirects_off_site(editor_client, dataset):
    commitment = dataset["spending"]
    response = editor_client.post(
        reverse("engagements:commitment_update_status", args=[commitment.pk]),
        {"status": "fulfilled", "note": "ok", "next": "https://evil.example/"},
    )
    assert response["Location"] == commitment.get_absolute_url()


def test_status_change_needs_post_and_csrf(editor, client, dataset):
    url = reverse("engagements:commitment_update_status", args=[dataset["spending"].pk])
    client.force_login(editor)
    assert client.get(url).status_code == 405
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(editor)
    assert strict.post(url, {"status": "fulfilled", "note": "x"}).status_code == 403
    page = strict.get(reverse("engagements:commitment_list"))
    token = page.cookies["csrftoken"].value
    accepted = strict.post(
        url, {"status": "fulfilled", "note": "x"}, HTTP_HX_REQUEST="true", HTTP_X_CSRFTOKEN=token
    )
    assert accepted.status_code == 200


def test_commitment_list_runs_a_bounded_number_of_queries(
    editor_client, django_assert_max_num_queries
):
    many_engagements(40)
    with django_assert_max_num_queries(14):
        response = editor_client.get(reverse("engagements:commitment_list"))
    assert len(response.context["page"].object_list) == 25


# Review queue ----------------------------------------------------------------


def test_review_queue_is_refused_to_viewers(viewer_client, dataset):
    assert viewer_client.get(reverse("engagements:review_queue")).status_code == 403


def test_review_queue_lists_unreviewed_engagements_with_evidence(editor_client, dataset):
    Evidence.objects.create(
        source=dataset["document"],
        fact="date",
        start=0,
        end=7,
        sentence=f"Evidence {XSS}",
        engagement=dataset["tokyo"],
    )
    response = editor_client.get(reverse("engagements:review_queue"))
    body = response.content
    assert len(response.context["page"].object_list) == 4
    assert b"Evidence " + ESCAPED_XSS in body
    assert (
        reverse("admin:engagements_engagement_change", args=[dataset["tokyo"].pk]).encode() in body
    )


def test_editor_confirms_over_htmx_and_the_count_updates_out_of_band(editor_client, dataset):
    engagement = dataset["tokyo"]
    response = editor_client.post(
        reverse("engagements:engagement_review", args=[engagement.pk]),
        {"decision": "confirm"},
        HTTP_HX_REQUEST="true",
    )
    body = response.content.decode()
    assert f'id="review-{engagement.pk}"' in body and "Confirmed" in body
    assert 'id="review-count" class="badge" hx-swap-oob="true" aria-label="3 to review">3<' in body
    engagement.refresh_from_db()
    assert engagement.review_status == ReviewStatus.CONFIRMED
    assert engagement.reviewed_by.username == "eddie-editor"


def test_editor_rejects_without_javascript(editor_client, dataset):
    engagement = dataset["canberra"]
    response = editor_client.post(
        reverse("engagements:engagement_review", args=[engagement.pk]), {"decision": "reject"}
    )
    assert response.status_code == 302
    engagement.refresh_from_db()
    assert engagement.review_status == ReviewStatus.REJECTED


def test_reviewing_an_already_reviewed_engagement_over_htmx_is_a_conflict(
    editor_client, dataset, django_user_model
):
    engagement = dataset["tokyo"]
    first = django_user_model.objects.create_user("first-reviewer", password="pw-for-tests-only")
    services.engagement_review(engagement=engagement, status=ReviewStatus.CONFIRMED, user=first)
    response = editor_client.post(
        reverse("engagements:engagement_review", args=[engagement.pk]),
        {"decision": "reject"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 409
    body = response.content.decode()
    assert f'id="review-{engagement.pk}"' in body
    assert "Already confirmed by first-reviewer; nothing was changed." in body
    engagement.refresh_from_db()
    assert engagement.review_status == ReviewStatus.CONFIRMED
    assert engagement.reviewed_by == first


def test_reviewing_an_already_reviewed_engagement_without_javascript_says_so(
    editor_client, dataset
):
    engagement = dataset["canberra"]
    url = reverse("engagements:engagement_review", args=[engagement.pk])
    editor_client.post(url, {"decision": "reject"})
    response = editor_client.post(url, {"decision": "confirm"}, follow=True)
    assert response.status_code == 200
    assert any("Already rejected by eddie-editor" in str(m) for m in response.context["messages"])
    engagement.refresh_from_db()
    assert engagement.review_status == ReviewStatus.REJECTED


def test_review_with_an_unknown_decision_is_a_bad_request(editor_client, dataset):
    response = editor_client.post(
        reverse("engagements:engagement_review", args=[dataset["tokyo"].pk]), {"decision": "maybe"}
    )
    assert response.status_code == 400
    dataset["tokyo"].refresh_from_db()
    assert dataset["tokyo"].review_status == ReviewStatus.UNREVIEWED


def test_viewer_review_post_is_refused_and_changes_nothing(viewer_client, dataset):
    response = viewer_client.post(
        reverse("engagements:engagement_review", args=[dataset["tokyo"].pk]),
        {"decision": "confirm"},
    )
    assert response.status_code == 403
    dataset["tokyo"].refresh_from_db()
    assert dataset["tokyo"].review_status == ReviewStatus.UNREVIEWED


def test_review_queue_runs_a_bounded_number_of_queries(
    editor_client, django_assert_max_num_queries
):
    many_engagements(30)
    with django_assert_max_num_queries(16):
        response = editor_client.get(reverse("engagements:review_queue"))
    assert len(response.context["page"].object_list) == 10


# Overview query budget -------------------------------------------------------


def test_overview_runs_a_bounded_number_of_queries(viewer_client, django_assert_max_num_queries):
    many_engagements(40)
    with django_assert_max_num_queries(16):
        response = viewer_client.get(reverse("engagements:overview"), {"period": "all"})
    assert len(response.context["timeline"].points) == 40
