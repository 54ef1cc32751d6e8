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
def engagement_review(
    *, engagement: Engagement, status: str, user: AbstractBaseUser | None
) -> Engagement:
    """Confirm or reject an imported engagement. Reviewed records are kept from re-imports."""
    if status not in (ReviewStatus.CONFIRMED, ReviewStatus.REJECTED, ReviewStatus.UNREVIEWED):
        raise ValidationError({"review_status": f"Unknown review status {status!r}."})
    engagement.review_status = status
    engagement.reviewed_by = user if user is not None and user.is_authenticated else None
    engagement.reviewed_at = timezone.now()
    engagement.full_clean(exclude=["countries", "topics", "officials"])
    engagement.save(update_fields=["review_status", "reviewed_by", "reviewed_at", "updated_at"])
    return engagement
