"""Dashboard views: parse the request, call a selector or service, render."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from .models import Country, Engagement, Official


@require_GET
def overview(request: HttpRequest) -> HttpResponse:
    latest = Engagement.objects.all()[:10]
    return render(request, "engagements/overview.html", {"latest": latest})


@require_GET
def engagement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    engagement = get_object_or_404(Engagement, pk=pk)
    return render(request, "engagements/engagement_detail.html", {"engagement": engagement})


@require_GET
def country_detail(request: HttpRequest, code: str) -> HttpResponse:
    country = get_object_or_404(Country, code=code.upper())
    return render(request, "engagements/country_detail.html", {"country": country})


@require_GET
def official_detail(request: HttpRequest, pk: int) -> HttpResponse:
    official = get_object_or_404(Official, pk=pk)
    return render(request, "engagements/official_detail.html", {"official": official})
