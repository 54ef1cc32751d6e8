"""Charts: Plotly figures from selector output, with every user string escaped."""

import datetime as dt

from engagements import charts
from engagements.selectors import MonthlyStatusCounts, Timeline, TimelinePoint, YearLevels

XSS = "<img src=x onerror=alert(1)>"


def point(**overrides) -> TimelinePoint:
    values = {
        "date": dt.date(2026, 1, 15),
        "country_code": "JP",
        "country_name": "Japan",
        "kind": "call",
        "level": "ministerial",
        "title": "Defense ministers' call",
        "engagement_id": 7,
        "participants": (("Shinjirō Koizumi", "Minister of Defense"),),
    }
    return TimelinePoint(**{**values, **overrides})


def test_timeline_hover_escapes_titles_names_and_countries():
    figure = charts.timeline_figure(
        Timeline(points=[point(title=XSS, country_name=XSS, participants=((XSS, XSS),))], total=1)
    )
    hover = figure["data"][0]["hovertext"][0]
    assert "<img" not in hover
    assert hover.count("&lt;img src=x onerror=alert(1)&gt;") == 4


def test_timeline_hover_lists_date_level_kind_and_participants_with_titles():
    hover = charts.timeline_figure(Timeline(points=[point()], total=1))["data"][0]["hovertext"][0]
    assert hover.split("<br>") == [
        "<b>Defense ministers&#x27; call</b>",
        "15 Jan 2026 · Japan",
        "Ministerial call",
        "Shinjirō Koizumi — Minister of Defense",
    ]


def test_timeline_points_open_their_engagement_and_show_kind_by_symbol():
    trace = charts.timeline_figure(Timeline(points=[point()], total=1))["data"][0]
    assert trace["customdata"] == ["/engagements/7/"]
    assert trace["marker"]["symbol"] == ["diamond"]
    assert trace["y"] == ["Japan"]
    assert trace["name"] == "Ministerial"


def test_timeline_has_one_trace_per_level_present():
    figure = charts.timeline_figure(
        Timeline(points=[point(), point(level="leaders"), point(level="leaders")], total=3)
    )
    assert [trace["name"] for trace in figure["data"]] == ["Leaders", "Ministerial"]


def test_timeline_lanes_by_level_for_a_single_counterpart():
    figure = charts.timeline_figure(Timeline(points=[point()], total=1), lane_by="level")
    assert figure["data"][0]["y"] == ["Ministerial"]


def test_monthly_points_link_to_the_filtered_list_of_that_month():
    monthly = point(date=dt.date(2024, 2, 1), kind="", title="", engagement_id=None, count=12)
    trace = charts.timeline_figure(Timeline(points=[monthly], aggregated=True, total=12))["data"][0]
    assert trace["customdata"] == [
        "/engagements/?country=JP&level=ministerial&date_from=2024-02-01&date_to=2024-02-29"
    ]
    assert "12 ministerial engagements" in trace["hovertext"][0]


def test_commitments_chart_stacks_one_trace_per_status():
    series = MonthlyStatusCounts(
        months=[dt.date(2025, 1, 1), dt.date(2025, 2, 1)],
        counts={"announced": {dt.date(2025, 1, 1): 2}, "fulfilled": {dt.date(2025, 2, 1): 1}},
    )
    figure = charts.commitments_over_time_figure(series)
    assert figure["layout"]["barmode"] == "stack"
    assert [(t["name"], list(t["y"])) for t in figure["data"]] == [
        ("Announced", [2, 0]),
        ("Fulfilled", [0, 1]),
    ]


def test_engagements_per_year_chart_has_a_trace_per_level_with_engagements():
    figure = charts.engagements_per_year_figure(
        [YearLevels(2025, {"leaders": 1, "deputy": 2}, 3), YearLevels(2026, {"deputy": 1}, 1)]
    )
    assert [(t["name"], list(t["y"])) for t in figure["data"]] == [
        ("Leaders", [1, 0]),
        ("Deputy", [2, 1]),
    ]


def test_timeline_lane_names_are_escaped_once():
    point = TimelinePoint(
        date=dt.date(2026, 1, 15), country_code="JP", country_name="<b>Japan</b>",
        kind="meeting", level="ministerial", title="Talks", engagement_id=1,
    )
    figure = charts.timeline_figure(Timeline(points=[point], total=1))
    [trace] = figure["data"]
    assert trace["y"] == ["&lt;b&gt;Japan&lt;/b&gt;"]
    assert figure["layout"]["yaxis"]["categoryarray"] == ["&lt;b&gt;Japan&lt;/b&gt;"]
    assert "· &lt;b&gt;Japan&lt;/b&gt;" in trace["hovertext"][0]
    assert "&amp;lt;" not in trace["hovertext"][0]
