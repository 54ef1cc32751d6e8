"""Writes. Each service is one transaction and validates before it saves."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from .choices import CommitmentStatus, ReviewStatus
from .models import Commitment, CommitmentStatusChange, Engagement


@transaction.atomic
def commitment_update_status(
    *,
    commitment: Commitment,
    status: str,
    note: str,
    user: AbstractBaseUser | None,
) -> CommitmentStatusChange:
    """Move a commitment to ``status`` and record who did it, when and on what evidence."""
    if status not in CommitmentStatus.values:
        raise ValidationError({"status": f"Unknown status {status!r}."})
    note = (note or "").strip()
    if not note:
        raise ValidationError({"note": "Say what the change is based on."})
    locked = Commitment.objects.select_for_update().get(pk=commitment.pk)
    if locked.status == status:
        raise ValidationError(
            {"status": f"The commitment is already {locked.get_status_display().lower()}."}
        )
    change = CommitmentStatusChange(
        commitment=locked,
        from_status=locked.status,
        to_status=status,
        note=note,
        changed_by=user if user is not None and user.is_authenticated else None,
        changed_at=timezone.now(),
    )
    change.full_clean()
    locked.status = status
    locked.edited_by_person = True
    locked.full_clean()
    locked.save(update_fields=["status", "edited_by_person", "updated_at"])
    change.save()
    commitment.status = locked.status
    commitment.edited_by_person = True
    return change


@transaction.atomic
def commitment_record_created(
    *, commitment: Commitment, note: str, user: AbstractBaseUser | None
) -> CommitmentStatusChange:
    """Write the first step of a new commitment's history: its status as entered."""
    change = CommitmentStatusChange(
        commitment=commitment,
        from_status="",
        to_status=commitment.status,
        note=note,
        changed_by=user if user is not None and user.is_authenticated else None,
        changed_at=timezone.now(),
    )
    change.full_clean()
    change.save()
    return change


@transaction.atomic
def engagement_review(
    *,
    engagement: Engagement,
    status: str,
    user: AbstractBaseUser | None,
    expected_status: str | None = None,
) -> Engagement:
    """Confirm or reject an imported engagement. Reviewed records are kept from re-imports.

    With ``expected_status`` (the review queue passes "unreviewed") the decision
    is refused when someone else has reviewed the engagement in the meantime, so
    a stale page never silently overturns another reviewer's decision.
    """
    if status not in (ReviewStatus.CONFIRMED, ReviewStatus.REJECTED, ReviewStatus.UNREVIEWED):
        raise ValidationError({"review_status": f"Unknown review status {status!r}."})
    locked = Engagement.objects.select_for_update().get(pk=engagement.pk)
    if expected_status is not None and locked.review_status != expected_status:
        who = locked.reviewed_by.get_username() if locked.reviewed_by else "someone else"
        raise ValidationError(
            {
                "review_status": (
                    f"Already {locked.get_review_status_display().lower()} by {who}; "
                    "nothing was changed."
                )
            }
        )
    locked.review_status = status
    locked.reviewed_by = user if user is not None and user.is_authenticated else None
    locked.reviewed_at = timezone.now()
    locked.full_clean(exclude=["countries", "topics", "officials"])
    locked.save(update_fields=["review_status", "reviewed_by", "reviewed_at", "updated_at"])
    engagement.review_status = locked.review_status
    engagement.reviewed_by = locked.reviewed_by
    engagement.reviewed_at = locked.reviewed_at
    engagement.updated_at = locked.updated_at
    return engagement
