"""Every page needs a login."""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

pytestmark = pytest.mark.django_db

SAMPLE_ARGS = {"pk": "1", "code": "JP", "object_id": "1", "app_label": "engagements"}


def _walk(patterns, prefix=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            yield from _walk(entry.url_patterns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), entry


def _concrete(route: str) -> str | None:
    """Turn 'engagements/<int:pk>/' into 'engagements/1/'; skip regex-only admin routes."""
    route = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: SAMPLE_ARGS.get(m.group(1), "x"), route)
    if any(ch in route for ch in "^$()[]?*+\\"):
        return None
    return "/" + route


def _public_routes():
    return {"accounts/login/", "admin/login/", "admin/logout/"}


def all_routes():
    routes = []
    for route, _ in _walk(get_resolver().url_patterns):
        if route in _public_routes() or route.startswith(("static/", "__")):
            continue
        concrete = _concrete(route)
        if concrete:
            routes.append(concrete)
    return sorted(set(routes))


@pytest.mark.parametrize("path", all_routes())
def test_anonymous_user_is_sent_to_login(client, path):
    response = client.get(path)
    assert response.status_code == 302, path
    assert response["Location"].startswith((reverse("login"), "/admin/login/")), path


def test_login_page_is_public_and_has_a_csrf_protected_form(client):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    assert b"csrfmiddlewaretoken" in response.content


def test_logging_in_with_a_real_password_reaches_the_overview(client, django_user_model):
    django_user_model.objects.create_user("staffer", password="correct horse battery 42")
    response = client.post(
        reverse("login"),
        {"username": "staffer", "password": "correct horse battery 42"},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == reverse("engagements:overview")
    assert response.status_code == 200


def test_pages_send_a_content_security_policy_with_a_nonce(viewer_client):
    response = viewer_client.get(reverse("engagements:overview"))
    policy = response["Content-Security-Policy"]
    assert "script-src 'self' 'nonce-" in policy
    assert "default-src 'self'" in policy
