"""Production settings: DEBUG=0 demands a secret key and passes Django's deployment checks."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client

ROOT = Path(__file__).resolve().parent.parent


def _manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    # The browser tests lift Django's async guard for this process; a deployment never does.
    unset = ("DEBUG", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE")
    environment = {k: v for k, v in os.environ.items() if k not in unset}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120, check=False,
    )


def test_production_settings_pass_the_deployment_checks():
    result = _manage(
        "check", "--deploy", "--fail-level", "WARNING",
        DEBUG="0", SECRET_KEY="a-long-random-production-secret-key-for-this-check-0123456789",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    result = _manage("check", DEBUG="0")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


@pytest.mark.django_db
def test_pages_render_under_debug_off_with_hashed_static_files(
    tmp_path, client, settings, django_user_model
):
    """collectstatic with DEBUG=0 (manifest storage, plotly from the vendor/plotly entry),
    then a page rendered and its static files served by whitenoise from that root."""
    static_root = tmp_path / "static"
    result = _manage(
        "collectstatic", "--noinput", DEBUG="0", STATIC_ROOT=str(static_root),
        SECRET_KEY="a-long-random-production-secret-key-for-this-check-0123456789",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert list((static_root / "vendor" / "plotly").glob("plotly.min.*.js"))

    settings.DEBUG = False
    settings.STATIC_ROOT = static_root
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    client.force_login(django_user_model.objects.create_user("reader", password="pw-for-tests"))
    body = client.get("/").content.decode()
    plotly = re.search(r'src="(/static/vendor/plotly/plotly\.min\.[0-9a-f]{12}\.js)"', body)
    assert plotly, "plotly.js must come from the hashed, collected copy"
    stylesheet = re.search(r'href="(/static/css/app\.[0-9a-f]{12}\.css)"', body)
    assert stylesheet
    fresh = Client()  # a new handler, so whitenoise indexes the new STATIC_ROOT
    assert fresh.get(plotly.group(1)).status_code == 200
    assert fresh.get(stylesheet.group(1)).status_code == 200
