"""Dashboard views: parse the request, call a selector or service, render.

Pages that HTMX updates in place render one named partial of their own
template (``"page.html#partial"``) when the request comes from htmx, and vary
on the ``HX-Request`` header so caches keep the two answers apart.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.core.paginator import Page, Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST
from django.views.decorators.vary import vary_on_headers
from django_htmx.http import trigger_client_event
from django_htmx.middleware import HtmxDetails

from . import charts, exporting, selectors, services
from .choices import EngagementLevel, ReviewStatus
from .forms import (
    PERIODS,
    CommitmentFilterForm,
    CommitmentStatusForm,
    EngagementFilterForm,
    OverviewPeriodForm,
)
from .models import Country, Engagement


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails


def _wants_fragment(request: HtmxHttpRequest) -> bool:
    """An htmx swap wants a fragment; htmx restoring history after a cache miss wants the page."""
    return bool(request.htmx) and not request.htmx.history_restore_request


def _paginate(rows, request: HttpRequest, per_page: int | None = None) -> tuple[Page, str]:
    """The requested page, and a notice when the page number asked for does not exist."""
    paginator = Paginator(rows, per_page or settings.ENGAGEMENTS_PAGE_SIZE)
    requested = request.GET.get("page", "1")
    page = paginator.get_page(requested)
    notice = ""
    if requested != str(page.number):
        notice = (
            f"There is no page “{requested}”; showing page {page.number} of {paginator.num_pages}."
        )
    return page, notice


def _can_edit_commitments(request: HttpRequest) -> bool:
    return request.user.has_perm("engagements.change_commitment")


# Overview --------------------------------------------------------------------


@require_GET
@vary_on_headers("HX-Request")
def overview(request: HtmxHttpRequest) -> HttpResponse:
    form = OverviewPeriodForm(request.GET)
    form.is_valid()
    since = form.since()
    timeline = selectors.timeline(
        selectors.bilateral_engagements(),
        exclude_country=selectors.home_country_code(),
        since=since,
    )
    context = {
        "period_form": form,
        "period": form.selected_period(),
        "periods": PERIODS,
        "since": since,
        "tiles": selectors.overview_tiles(since=since),
        "timeline": timeline,
        "timeline_chart": charts.timeline_figure(timeline),
    }
    if _wants_fragment(request):
        return render(request, "engagements/overview.html#period", context)
    context |= {
        "latest": selectors.latest_engagements(),
        "status_counts": selectors.commitment_status_counts(),
    }
    return render(request, "engagements/overview.html", context)


# Engagements -----------------------------------------------------------------


def _engagement_filter_form(request: HttpRequest) -> EngagementFilterForm:
    options = selectors.filter_options()
    form = EngagementFilterForm(
        request.GET, countries=options["countries"], topics=options["topics"]
    )
    form.is_valid()
    return form


@require_GET
@vary_on_headers("HX-Request")
def engagement_list(request: HtmxHttpRequest) -> HttpResponse:
    form = _engagement_filter_form(request)
    engagements = selectors.engagement_list(**form.selector_filters())
    page, page_notice = _paginate(engagements, request)
    context = {"form": form, "page": page, "page_notice": page_notice}
    if _wants_fragment(request):
        return render(request, "engagements/engagement_list.html#results", context)
    return render(request, "engagements/engagement_list.html", context)


@require_GET
def engagement_export(request: HttpRequest) -> HttpResponse:
    """The engagement list as CSV: exactly the rows the same filters show, all pages."""
    form = _engagement_filter_form(request)
    engagements = selectors.engagement_list(**form.selector_filters())
    response = HttpResponse(
        content_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="engagements.csv"'},
    )
    exporting.write_csv(exporting.iter_records(engagements), response)
    return response


@require_GET
def engagement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    engagement = selectors.engagement_detail(pk=pk)
    can_edit = _can_edit_commitments(request)
    context = {
        "engagement": engagement,
        "passages": selectors.engagement_source_passages(engagement),
        "neighbours": selectors.engagement_neighbours(engagement),
        "can_edit": can_edit,
        "can_review": request.user.has_perm("engagements.review_engagement"),
        "next_url": request.get_full_path(),
    }
    return render(request, "engagements/engagement_detail.html", context)


# Relationship and official ---------------------------------------------------


def _relationship_context(request: HttpRequest, country: Country) -> dict:
    engagements = selectors.relationship_engagements(country)
    cadence = selectors.relationship_cadence(engagements)
    commitment_groups = selectors.open_commitments_by_category(country)
    timeline = selectors.timeline(engagements, exclude_country=selectors.home_country_code())
    return {
        "country": country,
        "home_country": Country.objects.filter(code=selectors.home_country_code()).first(),
        "cadence": cadence,
        "per_year_chart": charts.engagements_per_year_figure(cadence.per_year),
        "timeline": timeline,
        "timeline_chart": charts.timeline_figure(timeline, lane_by="level"),
        "commitment_groups": commitment_groups,
        "open_commitment_total": sum(group.total for group in commitment_groups),
        "topics": selectors.frequent_topics(engagements),
        "officials": selectors.officials_met(country, engagements),
        "recent": list(selectors.with_list_relations(engagements.order_by("-date", "-id"))[:10]),
        "levels": EngagementLevel.choices,
        "can_edit": _can_edit_commitments(request),
        "next_url": request.get_full_path(),
    }


@require_GET
def country_detail(request: HttpRequest, code: str) -> HttpResponse:
    country = get_object_or_404(Country, code=code.upper())
    return render(
        request, "engagements/country_detail.html", _relationship_context(request, country)
    )


@require_GET
def country_brief(request: HttpRequest, code: str) -> HttpResponse:
    """A one-page counterpart brief, laid out for printing."""
    country = get_object_or_404(Country, code=code.upper())
    return render(
        request, "engagements/country_brief.html", _relationship_context(request, country)
    )


@require_GET
def official_detail(request: HttpRequest, pk: int) -> HttpResponse:
    official = selectors.official_detail(pk=pk)
    participations = selectors.official_participations(official)
    timeline = selectors.timeline(
        selectors.visible_engagements().filter(participations__official=official),
        exclude_country=official.country_id,
    )
    commitment_groups = (
        selectors.open_commitments_by_category(official.country) if official.country_id else []
    )
    context = {
        "official": official,
        "participations": participations,
        "timeline": timeline,
        "timeline_chart": charts.timeline_figure(timeline),
        "counterparts": selectors.counterparts_met(official),
        "commitment_groups": commitment_groups,
        "can_edit": _can_edit_commitments(request),
        "next_url": request.get_full_path(),
    }
    return render(request, "engagements/official_detail.html", context)


# Commitments -----------------------------------------------------------------


@require_GET
@vary_on_headers("HX-Request")
def commitment_list(request: HtmxHttpRequest) -> HttpResponse:
    form = CommitmentFilterForm(request.GET, parties=selectors.party_options())
    form.is_valid()
    filters = form.selector_filters()
    page, page_notice = _paginate(selectors.commitment_list(**filters), request)
    by_month = selectors.commitments_by_month(selectors.commitment_filter(**filters))
    context = {
        "form": form,
        "page": page,
        "page_notice": page_notice,
        "by_month": by_month,
        "chart": charts.commitments_over_time_figure(by_month),
        "can_edit": _can_edit_commitments(request),
        "next_url": request.get_full_path(),
    }
    if _wants_fragment(request):
        return render(request, "engagements/commitment_list.html#results", context)
    return render(request, "engagements/commitment_list.html", context)


def _safe_next(request: HttpRequest, default: str) -> str:
    candidate = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return default


@require_POST
@permission_required("engagements.change_commitment", raise_exception=True)
def commitment_update_status(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """Move a commitment to a new status with a note; htmx gets the row back re-rendered."""
    commitment = selectors.commitment_detail(pk=pk)
    form = CommitmentStatusForm(request.POST)
    if form.is_valid():
        try:
            services.commitment_update_status(
                commitment=commitment,
                status=form.cleaned_data["status"],
                note=form.cleaned_data["note"],
                user=request.user,
            )
        except ValidationError as error:
            for field_name, field_errors in error.message_dict.items():
                form.add_error(field_name if field_name in form.fields else None, field_errors)
    changed = form.is_valid()
    if not request.htmx:
        if changed:
            messages.success(request, "Commitment status updated.")
        else:
            for error in form.errors.values():
                messages.error(request, " ".join(error))
        return redirect(_safe_next(request, commitment.get_absolute_url()))
    if changed:
        commitment = selectors.commitment_detail(pk=pk)
    context = {
        "commitment": commitment,
        "can_edit": True,
        "status_form": None if changed else form,
        "status_changed": changed,
        "next_url": _safe_next(request, commitment.get_absolute_url()),
    }
    response = render(
        request,
        "engagements/commitment_list.html#commitment",
        context,
        status=200 if changed else 422,
    )
    if changed:
        trigger_client_event(response, "commitment-status-changed", {"id": commitment.pk})
    return response


# Review queue ----------------------------------------------------------------


@require_GET
@permission_required("engagements.review_engagement", raise_exception=True)
def review_queue(request: HttpRequest) -> HttpResponse:
    page, page_notice = _paginate(selectors.review_queue(), request, per_page=10)
    return render(
        request, "engagements/review_queue.html", {"page": page, "page_notice": page_notice}
    )


REVIEW_DECISIONS = {"confirm": ReviewStatus.CONFIRMED, "reject": ReviewStatus.REJECTED}


@require_POST
@permission_required("engagements.review_engagement", raise_exception=True)
def engagement_review(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """Confirm or reject an imported engagement from the review queue."""
    engagement = get_object_or_404(Engagement, pk=pk)
    status = REVIEW_DECISIONS.get(request.POST.get("decision", ""))
    if status is None:
        return HttpResponseBadRequest("Decision must be “confirm” or “reject”.")
    try:
        services.engagement_review(
            engagement=engagement,
            status=status,
            user=request.user,
            expected_status=ReviewStatus.UNREVIEWED,
        )
    except ValidationError as error:
        # Reviewed meanwhile (another tab, another editor): show where it stands, change nothing.
        problem = " ".join(error.messages)
        if not request.htmx:
            messages.warning(request, f"{engagement.title}: {problem}")
            return redirect(_safe_next(request, reverse("engagements:review_queue")))
        engagement.refresh_from_db()
        return render(
            request,
            "engagements/review_queue.html#reviewed",
            {"engagement": engagement, "review_problem": problem},
            status=409,
        )
    if not request.htmx:
        messages.success(request, f"{engagement.get_review_status_display()}: {engagement.title}")
        return redirect(_safe_next(request, reverse("engagements:review_queue")))
    return render(request, "engagements/review_queue.html#reviewed", {"engagement": engagement})
