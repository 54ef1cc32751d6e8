"""Shared fixtures: users in each role, and a client logged in as each."""

import pytest
from django.contrib.auth.models import Group


def _user_in_group(django_user_model, username: str, group: str | None, **extra):
    user = django_user_model.objects.create_user(
        username=username, password="pw-for-tests-only", **extra
    )
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def viewer(db, django_user_model):
    return _user_in_group(django_user_model, "vera-viewer", "viewer")


@pytest.fixture
def editor(db, django_user_model):
    return _user_in_group(django_user_model, "eddie-editor", "editor", is_staff=True)


@pytest.fixture
def viewer_client(client, viewer):
    client.force_login(viewer)
    return client


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client
