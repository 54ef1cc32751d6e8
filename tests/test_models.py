"""Database constraints and model behaviour."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.db import IntegrityError, transaction

from engagements.models import (
    Appointment,
    Country,
    Evidence,
    Official,
    Participation,
    SourceDocument,
)

from . import factories

pytestmark = pytest.mark.django_db


def test_every_iso_country_is_loaded_with_aliases_for_defense_partners():
    assert Country.objects.count() >= 249
    japan = Country.objects.get(code="JP")
    assert "Japanese" in japan.aliases and "Tokyo" in japan.aliases
    assert "Washington" in Country.objects.get(code="US").aliases


def test_duplicate_source_sha256_is_refused():
    first = factories.source(text="one")
    with pytest.raises(IntegrityError), transaction.atomic():
        SourceDocument.objects.create(file_name="copy.txt", text="one", sha256=first.sha256)


def test_source_sha256_must_be_lowercase_hex():
    with pytest.raises(IntegrityError), transaction.atomic():
        SourceDocument.objects.create(file_name="bad.txt", text="x", sha256="not-a-hash")


def test_participation_is_unique_per_engagement_and_official():
    meeting = factories.engagement(participants=(("Pete Hegseth", "Secretary of War", "US"),))
    hegseth = Official.objects.get(name="Pete Hegseth")
    with pytest.raises(IntegrityError), transaction.atomic():
        Participation.objects.create(engagement=meeting, official=hegseth, title="Secretary")


def test_official_name_is_unique_per_country_ignoring_diacritics():
    factories.official("Shinjirō Koizumi", "JP")
    with pytest.raises(IntegrityError), transaction.atomic():
        Official.objects.create(name="Shinjiro Koizumi", country_id="JP")


def test_official_keeps_diacritics_and_a_folded_search_key():
    koizumi = factories.official("Shinjirō Koizumi", "JP")
    koizumi.refresh_from_db()
    assert koizumi.name == "Shinjirō Koizumi"
    assert koizumi.name_folded == "shinjiro koizumi"


def test_appointment_cannot_end_before_it_starts():
    hegseth = factories.official()
    with pytest.raises(IntegrityError), transaction.atomic():
        Appointment.objects.create(
            official=hegseth,
            title="Secretary of War",
            start=dt.date(2025, 9, 5),
            end=dt.date(2025, 1, 1),
        )


def test_evidence_span_cannot_end_before_it_starts():
    doc = factories.source()
    with pytest.raises(IntegrityError), transaction.atomic():
        Evidence.objects.create(source=doc, fact="date", start=10, end=2, sentence="x")


def test_country_code_must_be_two_capital_letters():
    with pytest.raises(IntegrityError), transaction.atomic():
        Country.objects.create(code="jp", name="Lowercase")


def test_engagements_are_listed_newest_first():
    older = factories.engagement(title="Older", date=dt.date(2025, 3, 1))
    newer = factories.engagement(title="Newer", date=dt.date(2026, 3, 1))
    from engagements.models import Engagement

    assert list(Engagement.objects.all()) == [newer, older]


def test_migrations_are_complete():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


def test_roles_exist_with_the_right_permissions():
    from django.contrib.auth.models import Group

    viewer = Group.objects.get(name="viewer")
    editor = Group.objects.get(name="editor")
    viewer_perms = set(viewer.permissions.values_list("codename", flat=True))
    editor_perms = set(editor.permissions.values_list("codename", flat=True))
    assert "view_engagement" in viewer_perms
    assert not any(p.startswith(("change_", "add_", "delete_")) for p in viewer_perms)
    assert {"change_commitment", "change_engagement", "review_engagement"} <= editor_perms


def test_ensureadmin_creates_one_superuser_with_a_random_password(django_user_model, capsys):
    call_command("ensureadmin")
    first = capsys.readouterr().out
    password = first.split("password:")[1].split()[0]
    admin = django_user_model.objects.get(username="admin")
    assert admin.is_superuser and admin.check_password(password)
    assert len(password) >= 20
    call_command("ensureadmin")
    assert "already exists" in capsys.readouterr().out
    assert django_user_model.objects.filter(is_superuser=True).count() == 1
