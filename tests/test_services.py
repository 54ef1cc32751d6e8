"""Write services: validation, history and one transaction each."""

import pytest
from django.core.exceptions import ValidationError

from engagements import services
from engagements.choices import CommitmentStatus, ReviewStatus
from engagements.models import Engagement

from . import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def commitment():
    return factories.commitment(factories.engagement())


def test_status_update_records_who_when_from_to_and_note(commitment, editor):
    change = services.commitment_update_status(
        commitment=commitment, status=CommitmentStatus.IN_PROGRESS,
        note="Budget passed the Diet.", user=editor,
    )
    commitment.refresh_from_db()
    assert commitment.status == CommitmentStatus.IN_PROGRESS
    assert commitment.edited_by_person
    assert (change.from_status, change.to_status, change.note, change.changed_by) == (
        "announced", "in-progress", "Budget passed the Diet.", editor)
    assert change.changed_at is not None
    assert list(commitment.history.all()) == [change]


@pytest.mark.parametrize(
    ("status", "note", "field"),
    [("in-progress", "   ", "note"), ("finished", "ok", "status"), ("announced", "ok", "status")],
)
def test_invalid_status_update_changes_nothing(commitment, editor, status, note, field):
    with pytest.raises(ValidationError) as error:
        services.commitment_update_status(commitment=commitment, status=status, note=note,
                                          user=editor)
    assert field in error.value.message_dict
    commitment.refresh_from_db()
    assert commitment.status == CommitmentStatus.ANNOUNCED
    assert commitment.history.count() == 0


def test_review_records_the_reviewer(editor):
    engagement = factories.engagement()
    services.engagement_review(engagement=engagement, status=ReviewStatus.CONFIRMED, user=editor)
    engagement.refresh_from_db()
    assert engagement.review_status == ReviewStatus.CONFIRMED
    assert engagement.reviewed_by == editor and engagement.reviewed_at is not None
    assert engagement.is_protected_from_import


def test_review_refuses_an_unknown_status(editor):
    engagement = factories.engagement()
    with pytest.raises(ValidationError):
        services.engagement_review(engagement=engagement, status="maybe", user=editor)
    engagement.refresh_from_db()
    assert engagement.review_status == ReviewStatus.UNREVIEWED


def test_review_from_the_queue_refuses_an_engagement_someone_already_reviewed(editor):
    engagement = factories.engagement()
    services.engagement_review(engagement=engagement, status=ReviewStatus.CONFIRMED, user=editor)
    stale = Engagement.objects.get(pk=engagement.pk)
    stale.review_status = ReviewStatus.UNREVIEWED  # what a page loaded earlier still shows
    with pytest.raises(ValidationError) as error:
        services.engagement_review(
            engagement=stale,
            status=ReviewStatus.REJECTED,
            user=None,
            expected_status=ReviewStatus.UNREVIEWED,
        )
    assert "Already confirmed by eddie-editor" in error.value.messages[0]
    engagement.refresh_from_db()
    assert engagement.review_status == ReviewStatus.CONFIRMED and engagement.reviewed_by == editor


def test_commitment_record_created_starts_the_history(commitment, editor):
    change = services.commitment_record_created(commitment=commitment, note="Entered.", user=editor)
    assert (change.from_status, change.to_status, change.changed_by) == ("", "announced", editor)
    assert list(commitment.history.all()) == [change]
