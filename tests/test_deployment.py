"""The security baseline a deployment relies on."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

from levelfield.people.tests.factories import UserFactory

ROOT = Path(__file__).resolve().parent.parent


def _manage(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    # Browser tests set DJANGO_ALLOW_ASYNC_UNSAFE in this process; a deployment never would.
    unset = {"DEBUG", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    clean = {k: v for k, v in os.environ.items() if k not in unset}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, "LEVELFIELD_TESTING": "false", **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_djangos_deployment_checks() -> None:
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECRET_KEY="a-long-random-production-secret-key-with-plenty-of-entropy-1234567890",
        ALLOWED_HOSTS="levelfield.example.org",
        SITE_URL="https://levelfield.example.org",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key() -> None:
    result = _manage("check")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_a_mistyped_true_or_false_stops_the_app_starting() -> None:
    result = _manage("check", DEBUG="maybe")
    assert result.returncode != 0
    assert "DEBUG must be true or false" in result.stderr


@pytest.mark.django_db
def test_every_page_is_served_with_a_strict_content_security_policy(client) -> None:
    client.force_login(UserFactory())
    response = client.get(reverse("home"))
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy
    html = response.content.decode()
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), "an inline script"
    assert " style=" not in html
