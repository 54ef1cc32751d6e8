"""Template context shared by every page."""

from django.http import HttpRequest

from .choices import ReviewStatus


def navigation(request: HttpRequest) -> dict:
    """The review-queue count shown in the navigation, for users who can review."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not user.has_perm(
        "engagements.review_engagement"
    ):
        return {}

    from .models import Engagement

    def review_count() -> int:
        return Engagement.objects.filter(review_status=ReviewStatus.UNREVIEWED).count()

    # Evaluated only if a template asks for it (partials do not).
    return {"review_queue_count": review_count}
