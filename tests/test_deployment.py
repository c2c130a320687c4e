"""The security baseline a deployment relies on."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.urls import reverse

from levelfield.people.tests.factories import UserFactory

ROOT = Path(__file__).resolve().parent.parent


def _production_environment() -> dict[str, str]:
    """This process's environment without what tests add: pytest-django points
    DJANGO_SETTINGS_MODULE at the test settings, browser tests set
    DJANGO_ALLOW_ASYNC_UNSAFE; a deployment has neither."""
    unset = {"DEBUG", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE", "LEVELFIELD_TESTING"}
    unset |= {"SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS", "ALLOWED_HOSTS", "SITE_URL"}
    clean = {k: v for k, v in os.environ.items() if k not in unset}
    return {**clean, "DJANGO_SETTINGS_MODULE": "levelfield.settings"}


def _manage(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**_production_environment(), **env},
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


def test_development_makes_its_own_secret_key_once_and_keeps_it_private(
    tmp_path: Path,
) -> None:
    """`make run` (DEBUG on) never runs on a key published in the source: the first
    start writes a random one to a file only its owner can read; later starts reuse it."""
    key_file = tmp_path / ".secret-key"
    script = ["shell", "-c", "from django.conf import settings; print(settings.SECRET_KEY)"]

    first = _manage(*script, DEBUG="true", SECRET_KEY_FILE=str(key_file))
    second = _manage(*script, DEBUG="true", SECRET_KEY_FILE=str(key_file))

    assert first.returncode == 0, first.stderr
    key = first.stdout.split()[-1]
    assert len(key) >= 50 and "insecure" not in key
    assert second.stdout.split()[-1] == key == key_file.read_text().strip()
    assert key_file.stat().st_mode & 0o077 == 0
    assert "/.secret-key" in (ROOT / ".gitignore").read_text().split()


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


def test_importing_pytest_does_not_switch_production_settings_to_test_mode() -> None:
    """Test mode comes only from LEVELFIELD_TESTING (set by levelfield/settings_test.py),
    never from which modules happen to be loaded."""
    script = (
        "import pytest, django\n"
        "from django.conf import settings\n"
        "django.setup()\n"
        "print(settings.TESTING, settings.SESSION_COOKIE_SECURE, settings.CSRF_COOKIE_SECURE,"
        " settings.SECURE_SSL_REDIRECT, settings.SECURE_HSTS_SECONDS,"
        " settings.ACCOUNT_RATE_LIMITS is not False)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env={
            **_production_environment(),
            "SECRET_KEY": "a-long-random-production-secret-key-with-plenty-of-entropy-1234567890",
            "ALLOWED_HOSTS": "levelfield.example.org",
            "SITE_URL": "https://levelfield.example.org",
        },
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "True", "True", "True", "31536000", "True"]


def test_the_test_suite_runs_in_test_mode_because_its_settings_ask_for_it() -> None:
    assert os.environ["DJANGO_SETTINGS_MODULE"] == "levelfield.settings_test"
    assert django_settings.TESTING
