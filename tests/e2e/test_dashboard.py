"""The dashboard in a real browser: login, HTMX filtering, charts, inline edits, roles."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from engagements.choices import CommitmentStatus, EngagementKind, EngagementLevel

from .. import factories

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

XSS_TITLE = "<img src=x onerror=alert(1)> talks"


def point_centre(page, trace: int = 0) -> tuple[float, float]:
    """Screen position of the first marker of a Plotly trace (the drag layer covers markers,
    so the mouse is moved there rather than hovering the element)."""
    marker = page.locator(".chart .scatterlayer .trace").nth(trace).locator(".point").first
    box = marker.bounding_box()
    return box["x"] + box["width"] / 2, box["y"] + box["height"] / 2


@pytest.fixture
def engagements():
    today = timezone.localdate()
    tokyo = factories.engagement(
        title="U.S.–Japan defense ministers' meeting",
        date=today - dt.timedelta(days=40),
        participants=(
            ("Pete Hegseth", "Secretary of War", "US"),
            ("Shinjirō Koizumi", "Minister of Defense", "JP"),
        ),
        topics=("deterrence",),
    )
    factories.engagement(
        title="Call with the Australian deputy minister",
        date=today - dt.timedelta(days=90),
        countries=("US", "AU"),
        kind=EngagementKind.CALL,
        level=EngagementLevel.DEPUTY,
        participants=(("Pat Conroy", "Minister for Defence Industry", "AU"),),
    )
    factories.engagement(
        title=XSS_TITLE,
        date=today - dt.timedelta(days=10),
        countries=("US", "KR"),
        level=EngagementLevel.LEADERS,
        participants=(("Lee Jae-myung", "President", "KR"),),
    )
    commitment = factories.commitment(tokyo, text="Japan will increase its defense spending")
    return {"tokyo": tokyo, "commitment": commitment}


def test_logging_in_through_the_form_reaches_the_overview(live_server, page, viewer, screenshot):
    page.goto(live_server.url + reverse("engagements:overview"))
    assert "/accounts/login/" in page.url
    screenshot("login")
    page.fill("#id_username", viewer.username)
    page.fill("#id_password", "pw-for-tests-only")
    page.click("button[type=submit]")
    page.wait_for_url(live_server.url + "/")
    assert page.locator("h1").inner_text() == "Overview"


def test_filtering_the_list_swaps_results_and_pushes_the_url_without_reloading(
    live_server, log_in, viewer, engagements, screenshot, assert_clean_console
):
    page = log_in(viewer)
    page.goto(live_server.url + reverse("engagements:engagement_list"))
    assert page.locator("#results tbody tr").count() == 3
    page.evaluate("window.__sameDocument = true")

    page.select_option("#id_kind", "call")
    page.wait_for_url("**/engagements/?*kind=call*")
    page.wait_for_function("document.querySelectorAll('#results tbody tr').length === 1")
    assert "Australian deputy minister" in page.locator("#results").inner_text()
    assert page.locator("#result-count").inner_text() == "1 engagement"
    assert page.evaluate("window.__sameDocument") is True  # no full page load happened
    screenshot("engagement-list-filtered")

    page.reload()
    assert page.evaluate("window.__sameDocument") is None
    assert page.locator("#results tbody tr").count() == 1
    assert "Australian deputy minister" in page.locator("#results").inner_text()
    assert page.locator("#id_kind").input_value() == "call"
    assert_clean_console()


def test_search_without_diacritics_finds_the_participant(live_server, log_in, viewer, engagements):
    page = log_in(viewer)
    page.goto(live_server.url + reverse("engagements:engagement_list"))
    page.fill("#id_q", "shinjiro")
    page.wait_for_url("**q=shinjiro*")
    page.wait_for_function("document.querySelectorAll('#results tbody tr').length === 1")
    assert "Japan defense ministers" in page.locator("#results").inner_text()


def test_overview_timeline_hover_shows_escaped_text_and_click_opens_the_engagement(
    live_server, log_in, viewer, engagements, screenshot, assert_clean_console
):
    page = log_in(viewer)
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(live_server.url + reverse("engagements:overview"))
    page.wait_for_selector("#overview-period .chart .main-svg")
    screenshot("overview")

    page.mouse.move(*point_centre(page))  # leaders' trace: the Korean engagement
    hover = page.locator(".hoverlayer .hovertext")
    hover.wait_for()
    assert XSS_TITLE in hover.text_content()  # shown as text, entity-decoded by plotly.js
    assert page.locator("img[src='x']").count() == 0
    assert dialogs == []

    page.click("#overview-period .segmented a:text('All time')")
    page.wait_for_url("**/?period=all")
    page.wait_for_selector("#overview-period .chart .main-svg")
    assert_clean_console()

    page.mouse.click(*point_centre(page))
    page.wait_for_url("**/engagements/*/")
    assert page.locator("h1").inner_text() == XSS_TITLE


def test_editor_changes_a_commitment_status_and_sees_it_after_reload(
    live_server, log_in, editor, engagements, screenshot, assert_clean_console
):
    commitment = engagements["commitment"]
    page = log_in(editor)
    page.goto(live_server.url + reverse("engagements:commitment_list"))
    page.wait_for_selector(".chart .main-svg")
    row = page.locator(f"#commitment-{commitment.pk}")
    row.locator("select[name=status]").select_option("in-progress")
    row.locator("input[name=note]").fill("Budget request tabled in the Diet.")
    page.evaluate("window.__sameDocument = true")
    row.locator("button[type=submit]").click()
    page.wait_for_selector(f"#commitment-{commitment.pk} .history[open]")
    assert "In progress" in row.locator(".commitment-head .status").inner_text()
    assert "Budget request tabled in the Diet." in row.locator(".history").inner_text()
    assert page.evaluate("window.__sameDocument") is True
    screenshot("commitments-after-change")

    page.reload()
    row = page.locator(f"#commitment-{commitment.pk}")
    assert row.locator(".commitment-head .status").inner_text() == "In progress"
    row.locator(".history summary").click()
    history = row.locator(".history").inner_text()
    assert "eddie-editor" in history and "Budget request tabled in the Diet." in history
    commitment.refresh_from_db()
    assert commitment.status == CommitmentStatus.IN_PROGRESS
    assert_clean_console()


def test_viewer_sees_no_edit_controls(live_server, log_in, viewer, engagements):
    page = log_in(viewer)
    page.goto(live_server.url + reverse("engagements:commitment_list"))
    assert page.locator(".commitment").count() == 1
    assert page.locator(".status-form").count() == 0
    assert page.locator("nav.site-nav >> text=Review").count() == 0
    page.goto(live_server.url + engagements["tokyo"].get_absolute_url())
    assert page.locator(".status-form").count() == 0


def test_main_pages_render_for_an_editor(
    live_server, log_in, editor, engagements, screenshot, assert_clean_console
):
    page = log_in(editor)
    pages = {
        "engagement-list": reverse("engagements:engagement_list"),
        "engagement-detail": engagements["tokyo"].get_absolute_url(),
        "country": reverse("engagements:country_detail", args=["JP"]),
        "country-brief": reverse("engagements:country_brief", args=["JP"]),
        "commitments": reverse("engagements:commitment_list"),
        "review-queue": reverse("engagements:review_queue"),
    }
    for name, path in pages.items():
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
        if page.locator("[data-chart]").count():
            page.wait_for_selector(".chart .main-svg")
        screenshot(name)
    assert_clean_console()
