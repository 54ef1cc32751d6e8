"""Plotly figures built from selector output.

Each function returns the figure as plain JSON data (``{"data": ..., "layout": ...}``)
for ``json_script``; ``static/js/charts.js`` draws it with ``Plotly.newPlot``.
plotly.js renders hover text as HTML, so every piece of user text is escaped
here before it goes into a figure.
"""

from __future__ import annotations

import calendar
import datetime as dt
import json
from collections import defaultdict
from collections.abc import Iterable

import plotly.graph_objects as go
from django.urls import reverse
from django.utils.html import escape
from django.utils.http import urlencode

from .choices import CommitmentStatus, EngagementKind, EngagementLevel
from .selectors import MonthlyStatusCounts, Timeline, TimelinePoint, YearLevels

LEVEL_COLOURS = {
    EngagementLevel.LEADERS: "#7a1f3d",
    EngagementLevel.MINISTERIAL: "#1f4e79",
    EngagementLevel.DEPUTY: "#2f8f9d",
    EngagementLevel.WORKING: "#9aa9b8",
}
LEVEL_SIZES = {
    EngagementLevel.LEADERS: 18,
    EngagementLevel.MINISTERIAL: 15,
    EngagementLevel.DEPUTY: 12,
    EngagementLevel.WORKING: 10,
}
KIND_SYMBOLS = {
    EngagementKind.MEETING: "circle",
    EngagementKind.CALL: "diamond",
    EngagementKind.MULTILATERAL: "square",
}
STATUS_COLOURS = {
    CommitmentStatus.ANNOUNCED: "#6c8ebf",
    CommitmentStatus.IN_PROGRESS: "#e0a526",
    CommitmentStatus.FULFILLED: "#3c8d5a",
    CommitmentStatus.STALLED: "#c4472d",
    CommitmentStatus.WITHDRAWN: "#8a8a8a",
}
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif"


def _layout(**overrides) -> go.Layout:
    layout = {
        "template": "none",
        "font": {"family": FONT, "size": 13, "color": "#1d2733"},
        "margin": {"l": 120, "r": 16, "t": 40, "b": 40},
        "paper_bgcolor": "rgba(0,0,0,0)",
        "plot_bgcolor": "rgba(0,0,0,0)",
        "hoverlabel": {"align": "left", "bgcolor": "#ffffff", "font": {"family": FONT}},
        # Above the plot: a fixed distance whatever the chart's height.
        "legend": {"orientation": "h", "x": 0, "y": 1, "yanchor": "bottom"},
        "autosize": True,
    }
    layout.update(overrides)
    return go.Layout(**layout)


def _as_json(figure: go.Figure) -> dict:
    return json.loads(figure.to_json())


def _engagement_hover(point: TimelinePoint, lane_label: str) -> str:
    lines = [
        f"<b>{escape(point.title)}</b>",
        f"{point.date.day} {point.date:%b %Y} · {lane_label}",
        f"{EngagementLevel(point.level).label} {EngagementKind(point.kind).label.lower()}",
    ]
    lines += [escape(f"{name} — {title}" if title else name) for name, title in point.participants]
    return "<br>".join(lines)


def _month_hover(point: TimelinePoint, lane_label: str) -> str:
    noun = "engagement" if point.count == 1 else "engagements"
    return "<br>".join(
        [
            f"<b>{point.count} {EngagementLevel(point.level).label.lower()} {noun}</b>",
            f"{point.date:%B %Y} · {lane_label}",
        ]
    )


def _month_list_url(point: TimelinePoint) -> str:
    """The engagement list filtered to one monthly point: country, level and month."""
    days_in_month = calendar.monthrange(point.date.year, point.date.month)[1]
    last_day = point.date.replace(day=days_in_month)
    query = urlencode(
        {
            "country": point.country_code,
            "level": point.level,
            "date_from": point.date.isoformat(),
            "date_to": last_day.isoformat(),
        }
    )
    return f"{reverse('engagements:engagement_list')}?{query}"


def timeline_figure(timeline: Timeline, *, lane_by: str = "country") -> dict:
    """Engagements over time, one lane per counterpart country (or per level).

    Marker symbol shows the kind, colour and size the level. Each point carries
    the URL it opens in ``customdata``: the engagement, or for a monthly count
    the filtered list.
    """
    # Lane names are axis tick labels, which plotly.js renders as HTML: escape them once
    # here (the hover text below then takes them as they are).
    lane_of = (
        (lambda p: escape(p.country_name))
        if lane_by == "country"
        else (lambda p: EngagementLevel(p.level).label)
    )
    by_level: dict[str, list[TimelinePoint]] = defaultdict(list)
    for point in timeline.points:
        by_level[point.level].append(point)

    figure = go.Figure()
    for level in EngagementLevel:
        points = by_level.get(level.value, [])
        if not points:
            continue
        if timeline.aggregated:
            sizes = [min(40, LEVEL_SIZES[level] + 3 * p.count**0.5) for p in points]
            symbols = "circle"
            hover = [_month_hover(p, lane_of(p)) for p in points]
            urls = [_month_list_url(p) for p in points]
        else:
            sizes = LEVEL_SIZES[level]
            symbols = [KIND_SYMBOLS.get(p.kind, "circle") for p in points]
            hover = [_engagement_hover(p, lane_of(p)) for p in points]
            urls = [
                reverse("engagements:engagement_detail", args=[p.engagement_id]) for p in points
            ]
        figure.add_trace(
            go.Scatter(
                x=[p.date.isoformat() for p in points],
                y=[lane_of(p) for p in points],
                mode="markers",
                name=level.label,
                marker={
                    "color": LEVEL_COLOURS[level],
                    "size": sizes,
                    "symbol": symbols,
                    "opacity": 0.85,
                    "line": {"width": 1, "color": "#ffffff"},
                },
                hovertext=hover,
                hoverinfo="text",
                customdata=urls,
            )
        )
    lanes = sorted({lane_of(p) for p in timeline.points}, reverse=True)
    xaxis = {"type": "date", "gridcolor": "#e3e8ee", "zeroline": False}
    if timeline.points:
        first, last = min(p.date for p in timeline.points), max(p.date for p in timeline.points)
        padding = max(dt.timedelta(days=20), (last - first) * 0.04)
        xaxis["range"] = [(first - padding).isoformat(), (last + padding).isoformat()]
    if lane_by != "country":
        lanes = [level.label for level in reversed(EngagementLevel) if level.label in lanes]
    figure.update_layout(
        _layout(
            height=max(200, 90 + 32 * len(lanes)),
            xaxis=xaxis,
            yaxis={
                "type": "category",
                "categoryorder": "array",
                "categoryarray": lanes,
                "gridcolor": "#eef1f5",
                "automargin": True,
            },
            hovermode="closest",
        )
    )
    return _as_json(figure)


def commitments_over_time_figure(series: MonthlyStatusCounts) -> dict:
    """Stacked monthly bars of commitments, one colour per current status."""
    months = [month.isoformat() for month in series.months]
    figure = go.Figure()
    for status in series.statuses:
        figure.add_trace(
            go.Bar(
                x=months,
                y=[series.counts[status.value].get(month, 0) for month in series.months],
                name=status.label,
                marker={"color": STATUS_COLOURS[status]},
                hovertemplate=f"%{{x|%B %Y}}: %{{y}} {status.label.lower()}<extra></extra>",
            )
        )
    figure.update_layout(
        _layout(
            height=300,
            barmode="stack",
            margin={"l": 48, "r": 16, "t": 40, "b": 48},
            xaxis={"type": "date", "tickformat": "%b %Y", "gridcolor": "#e3e8ee"},
            yaxis={"title": {"text": "Commitments"}, "gridcolor": "#e3e8ee", "rangemode": "tozero"},
        )
    )
    return _as_json(figure)


def engagements_per_year_figure(per_year: Iterable[YearLevels]) -> dict:
    """Stacked yearly bars of engagements, one colour per level."""
    per_year = list(per_year)
    years = [str(row.year) for row in per_year]
    figure = go.Figure()
    for level in EngagementLevel:
        values = [row.by_level.get(level.value, 0) for row in per_year]
        if not any(values):
            continue
        figure.add_trace(
            go.Bar(
                x=years,
                y=values,
                name=level.label,
                marker={"color": LEVEL_COLOURS[level]},
                hovertemplate=f"%{{x}}: %{{y}} {level.label.lower()}<extra></extra>",
            )
        )
    figure.update_layout(
        _layout(
            height=260,
            bargap=0.45,
            barmode="stack",
            margin={"l": 40, "r": 16, "t": 40, "b": 48},
            xaxis={"type": "category"},
            yaxis={
                "gridcolor": "#e3e8ee",
                "rangemode": "tozero",
                "dtick": 1 if max((row.total for row in per_year), default=0) <= 8 else None,
            },
        )
    )
    return _as_json(figure)
