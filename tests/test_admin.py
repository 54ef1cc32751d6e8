"""Admin is the data clerk's tool: every page renders, queries stay bounded, history is kept."""

import datetime as dt

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from engagements.choices import CommitmentStatus
from engagements.models import (
    Appointment,
    Commitment,
    CommitmentStatusChange,
    Engagement,
    Evidence,
    Official,
    Participation,
    SourceDocument,
)

from . import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_data():
    meetings = []
    for i in range(12):
        meeting = factories.engagement(
            title=f"Meeting {i}",
            date=dt.date(2025, 1, 1) + dt.timedelta(days=20 * i),
            participants=(
                ("Pete Hegseth", "Secretary of War", "US"),
                (f"Minister {i}", "Minister of Defense", "JP"),
            ),
            topics=("deterrence",),
        )
        c = factories.commitment(meeting, text=f"Commitment {i}")
        CommitmentStatusChange.objects.create(
            commitment=c, from_status="", to_status="announced", note="imported"
        )
        doc = factories.source(text=f"Readout {i}. Hegseth met Minister {i}.")
        doc.engagements.add(meeting)
        Evidence.objects.create(
            source=doc, fact="date", start=0, end=7, sentence="Readout", engagement=meeting
        )
        Appointment.objects.create(
            official=Official.objects.get(name=f"Minister {i}"), title="Minister of Defense"
        )
        meetings.append(meeting)
    return meetings


MODELS = [
    ("engagement", Engagement),
    ("commitment", Commitment),
    ("official", Official),
    ("sourcedocument", SourceDocument),
    ("country", None),
    ("topic", None),
    ("commitmentstatuschange", CommitmentStatusChange),
    ("appointment", Appointment),
    ("participation", Participation),
    ("evidence", Evidence),
]


@pytest.mark.parametrize("model_name", [m for m, _ in MODELS])
def test_changelist_renders_for_editor_with_bounded_queries(
    editor_client, admin_data, model_name, django_assert_max_num_queries
):
    url = reverse(f"admin:engagements_{model_name}_changelist")
    with django_assert_max_num_queries(16):
        response = editor_client.get(url)
    assert response.status_code == 200


@pytest.mark.parametrize(
    "model_name",
    ["engagement", "commitment", "official", "topic", "appointment", "participation"],
)
def test_add_page_renders_for_editor(editor_client, model_name):
    response = editor_client.get(reverse(f"admin:engagements_{model_name}_add"))
    assert response.status_code == 200


@pytest.mark.parametrize(
    ("model_name", "model"),
    [
        ("engagement", Engagement),
        ("commitment", Commitment),
        ("official", Official),
        ("sourcedocument", SourceDocument),
        ("commitmentstatuschange", CommitmentStatusChange),
        ("appointment", Appointment),
        ("participation", Participation),
        ("evidence", Evidence),
    ],
)
def test_change_page_renders_for_editor(
    editor_client, admin_data, model_name, model, django_assert_max_num_queries
):
    obj = model.objects.first()
    with django_assert_max_num_queries(40):
        response = editor_client.get(
            reverse(f"admin:engagements_{model_name}_change", args=[obj.pk])
        )
    assert response.status_code == 200


def test_engagement_search_matches_participant_without_diacritics(editor_client):
    factories.engagement(
        title="Alliance talks", participants=(("Shinjirō Koizumi", "Minister of Defense", "JP"),)
    )
    factories.engagement(
        title="Other talks",
        participants=(("Richard Marles", "Deputy PM", "AU"),),
        countries=("US", "AU"),
    )
    response = editor_client.get(
        reverse("admin:engagements_engagement_changelist"), {"q": "Shinjiro"}
    )
    assert b"Alliance talks" in response.content
    assert b"Other talks" not in response.content


def test_source_text_is_escaped_in_admin(editor_client):
    doc = factories.source(text="<script>alert(1)</script> readout", title="t")
    response = editor_client.get(reverse("admin:engagements_sourcedocument_change", args=[doc.pk]))
    assert b"<script>alert(1)</script>" not in response.content
    assert b"&lt;script&gt;alert(1)&lt;/script&gt;" in response.content


def test_bulk_status_action_writes_history(editor_client, editor, admin_data):
    ids = list(Commitment.objects.values_list("pk", flat=True)[:3])
    response = editor_client.post(
        reverse("admin:engagements_commitment_changelist"),
        {"action": "mark_in_progress", "_selected_action": ids},
    )
    assert response.status_code == 302
    for commitment in Commitment.objects.filter(pk__in=ids):
        assert commitment.status == CommitmentStatus.IN_PROGRESS
        last = commitment.history.latest()
        assert (last.from_status, last.to_status, last.changed_by) == (
            "announced",
            "in-progress",
            editor,
        )


def test_status_changed_on_the_form_is_recorded_in_history(editor_client, admin_data):
    commitment = Commitment.objects.first()
    url = reverse("admin:engagements_commitment_change", args=[commitment.pk])
    form = {
        "engagement": commitment.engagement_id,
        "text": commitment.text,
        "parties": ["JP"],
        "category": commitment.category,
        "status": "fulfilled",
        "due_date": "",
        "history-TOTAL_FORMS": "0",
        "history-INITIAL_FORMS": "0",
    }
    response = editor_client.post(url, form)
    assert response.status_code == 302, response.content.decode()[:2000]
    commitment.refresh_from_db()
    assert commitment.status == "fulfilled"
    assert commitment.history.latest().to_status == "fulfilled"


def test_editing_an_engagement_in_admin_protects_it_from_reimport(editor_client):
    meeting = factories.engagement()
    url = reverse("admin:engagements_engagement_change", args=[meeting.pk])
    page = editor_client.get(url)
    assert page.status_code == 200
    form = {
        "title": "Corrected title",
        "date": "2026-01-15",
        "date_precision": "day",
        "date_derivation": "entered",
        "kind": "meeting",
        "level": "ministerial",
        "location": "Pentagon",
        "host_country": "US",
        "countries": ["US", "JP"],
        "summary": "",
        "review_status": "unreviewed",
        "participations-TOTAL_FORMS": "0",
        "participations-INITIAL_FORMS": "0",
        "commitments-TOTAL_FORMS": "0",
        "commitments-INITIAL_FORMS": "0",
        "SourceDocument_engagements-TOTAL_FORMS": "0",
        "SourceDocument_engagements-INITIAL_FORMS": "0",
    }
    response = editor_client.post(url, form)
    assert response.status_code == 302, response.content.decode()[:3000]
    meeting.refresh_from_db()
    assert meeting.title == "Corrected title"
    assert meeting.edited_by_person and meeting.is_protected_from_import


def test_viewer_cannot_use_admin(client, viewer):
    client.force_login(viewer)
    response = client.get(reverse("admin:engagements_engagement_changelist"))
    assert response.status_code == 302  # not staff: sent to the admin login


def test_staff_without_editor_role_cannot_change(client, django_user_model):
    user = django_user_model.objects.create_user(
        "staff-viewer", password="x-long-pw", is_staff=True
    )
    user.groups.add(Group.objects.get(name="viewer"))
    client.force_login(user)
    meeting = factories.engagement()
    url = reverse("admin:engagements_engagement_change", args=[meeting.pk])
    response = client.post(url, {"title": "Hacked"})
    assert response.status_code == 403
    meeting.refresh_from_db()
    assert meeting.title != "Hacked"
    assert Participation.objects.count() == 0


def test_every_domain_model_is_registered_in_admin():
    from django.apps import apps
    from django.contrib import admin

    unregistered = [
        model.__name__
        for model in apps.get_app_config("engagements").get_models()
        if model not in admin.site._registry and model._meta.auto_created is False
    ]
    assert unregistered == []


def test_engagement_search_keeps_the_list_filters(editor_client):
    factories.engagement(
        title="Koizumi meeting", participants=(("Shinjirō Koizumi", "Minister of Defense", "JP"),)
    )
    factories.engagement(title="Unrelated call", kind="call")
    response = editor_client.get(
        reverse("admin:engagements_engagement_changelist"), {"kind__exact": "call", "q": "Koizumi"}
    )
    assert list(response.context["cl"].result_list) == []


def test_official_search_without_diacritics_keeps_the_list_filters(editor_client):
    factories.official("Shinjirō Koizumi", "JP")
    factories.official("Pete Hegseth", "US")
    response = editor_client.get(
        reverse("admin:engagements_official_changelist"),
        {"country__code__exact": "JP", "q": "hegseth"},
    )
    assert list(response.context["cl"].result_list) == []
    response = editor_client.get(
        reverse("admin:engagements_official_changelist"),
        {"country__code__exact": "JP", "q": "shinjiro"},
    )
    assert [o.name for o in response.context["cl"].result_list] == ["Shinjirō Koizumi"]


def test_review_action_reports_how_many_it_confirmed_on_a_filtered_list(editor_client, admin_data):
    ids = [meeting.pk for meeting in admin_data[:3]]
    url = reverse("admin:engagements_engagement_changelist") + "?review_status__exact=unreviewed"
    response = editor_client.post(
        url, {"action": "confirm_selected", "_selected_action": ids}, follow=True
    )
    assert "Confirmed 3 engagements." in [str(m) for m in response.context["messages"]]
    assert Engagement.objects.filter(pk__in=ids, review_status="confirmed").count() == 3


def _engagement_form_with_commitment(meeting, commitment, **commitment_fields) -> dict:
    form = {
        "title": meeting.title,
        "date": meeting.date.isoformat(),
        "date_precision": "day",
        "date_derivation": "entered",
        "kind": meeting.kind,
        "level": meeting.level,
        "location": "",
        "host_country": "US",
        "countries": ["US", "JP"],
        "summary": "",
        "review_status": "unreviewed",
        "participations-TOTAL_FORMS": "0",
        "participations-INITIAL_FORMS": "0",
        "SourceDocument_engagements-TOTAL_FORMS": "0",
        "SourceDocument_engagements-INITIAL_FORMS": "0",
        "commitments-TOTAL_FORMS": "1" if commitment is None else "2",
        "commitments-INITIAL_FORMS": "0" if commitment is None else "1",
    }
    index = 0
    if commitment is not None:
        form |= {
            "commitments-0-id": commitment.pk,
            "commitments-0-engagement": meeting.pk,
            "commitments-0-text": commitment.text,
            "commitments-0-parties": ["JP"],
            "commitments-0-category": commitment.category,
            "commitments-0-status": commitment_fields.get("status", commitment.status),
            "commitments-0-due_date": "",
        }
        index = 1
    form |= {
        f"commitments-{index}-engagement": meeting.pk,
        f"commitments-{index}-text": commitment_fields.get("new_text", ""),
        f"commitments-{index}-parties": ["JP"] if commitment_fields.get("new_text") else [],
        f"commitments-{index}-category": "other",
        f"commitments-{index}-status": "announced",
        f"commitments-{index}-due_date": "",
    }
    return form


def test_status_changed_in_the_engagement_inline_is_recorded_in_history(
    editor_client, editor, admin_data
):
    meeting = admin_data[0]
    commitment = meeting.commitments.get()
    url = reverse("admin:engagements_engagement_change", args=[meeting.pk])
    response = editor_client.post(
        url, _engagement_form_with_commitment(meeting, commitment, status="stalled")
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    commitment.refresh_from_db()
    assert commitment.status == "stalled" and commitment.edited_by_person
    last = commitment.history.latest()
    assert (last.from_status, last.to_status, last.changed_by) == ("announced", "stalled", editor)


def test_commitment_added_in_admin_starts_its_history(editor_client, editor, admin_data):
    meeting = admin_data[0]
    url = reverse("admin:engagements_engagement_change", args=[meeting.pk])
    response = editor_client.post(
        url,
        _engagement_form_with_commitment(
            meeting, meeting.commitments.get(), new_text="Japan will host a drill"
        ),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    added = Commitment.objects.get(text="Japan will host a drill")
    assert [(h.from_status, h.to_status, h.changed_by) for h in added.history.all()] == [
        ("", "announced", editor)
    ]

    response = editor_client.post(
        reverse("admin:engagements_commitment_add"),
        {
            "engagement": meeting.pk,
            "text": "Japan will buy radars",
            "parties": ["JP"],
            "category": "capability-development",
            "status": "in-progress",
            "due_date": "",
            "history-TOTAL_FORMS": "0",
            "history-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    added = Commitment.objects.get(text="Japan will buy radars")
    assert [(h.from_status, h.to_status) for h in added.history.all()] == [("", "in-progress")]
