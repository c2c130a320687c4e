"""Settings for more than one server: a shared cache and uploads in object storage,
each chosen by the environment, and the local ones when it says nothing."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# Prints what the settings chose, read in a fresh process as a server would.
_SHOW = """
import json, django
django.setup()
from django.conf import settings
from django.core.files.storage import storages
default_storage = storages['default']
print(json.dumps({
    "cache": settings.CACHES["default"]["BACKEND"],
    "location": settings.CACHES["default"].get("LOCATION", ""),
    "storage": type(default_storage).__module__ + "." + type(default_storage).__name__,
    "bucket": getattr(default_storage, "bucket_name", None),
    "endpoint": getattr(default_storage, "endpoint_url", None),
    "region": getattr(default_storage, "region_name", None),
}))
"""


def _settings(module: str = "levelfield.settings", **env: str) -> dict[str, str]:
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in {"REDIS_URL", "STORAGE_BUCKET", "PYTEST_XDIST_WORKER"}
    }
    result = subprocess.run(
        [sys.executable, "-c", _SHOW],
        cwd=ROOT,
        env={**clean, "DEBUG": "true", "DJANGO_SETTINGS_MODULE": module, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_one_server_keeps_its_cache_in_memory_and_its_uploads_on_disk() -> None:
    chosen = _settings()
    assert chosen["cache"] == "django.core.cache.backends.locmem.LocMemCache"
    assert chosen["storage"] == "django.core.files.storage.filesystem.FileSystemStorage"


def test_redis_url_gives_every_server_one_cache() -> None:
    chosen = _settings(REDIS_URL="redis://cache.internal:6379/2")
    assert chosen["cache"] == "django.core.cache.backends.redis.RedisCache"
    assert chosen["location"] == "redis://cache.internal:6379/2"


def test_a_bucket_puts_uploads_in_object_storage() -> None:
    chosen = _settings(
        STORAGE_BUCKET="levelfield-uploads",
        STORAGE_ENDPOINT_URL="https://objects.example.org",
        STORAGE_REGION="eu-west-2",
        STORAGE_ACCESS_KEY_ID="key",
        STORAGE_SECRET_ACCESS_KEY="secret",
    )
    assert chosen["storage"] == "storages.backends.s3.S3Storage"
    assert chosen["bucket"] == "levelfield-uploads"
    assert chosen["endpoint"] == "https://objects.example.org"
    assert chosen["region"] == "eu-west-2"


def test_each_test_worker_has_a_redis_database_of_its_own() -> None:
    first = _settings("levelfield.settings_test", REDIS_URL="redis://127.0.0.1:6379/5")
    second = _settings(
        "levelfield.settings_test",
        REDIS_URL="redis://127.0.0.1:6379/5",
        PYTEST_XDIST_WORKER="gw1",
    )
    assert first["location"] == "redis://127.0.0.1:6379/5"
    assert second["location"] == "redis://127.0.0.1:6379/6"


def _redis_is_running() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=1).close()
    except OSError:
        return False
    return True


@pytest.mark.skipif(not _redis_is_running(), reason="needs Redis on 127.0.0.1:6379")
def test_what_one_server_caches_another_reads() -> None:
    url = "redis://127.0.0.1:6379/15"
    code = "import django; django.setup(); from django.core.cache import cache; "
    env = {**os.environ, "DEBUG": "true", "DJANGO_SETTINGS_MODULE": "levelfield.settings"}
    env |= {"REDIS_URL": url}
    env.pop("PYTEST_XDIST_WORKER", None)
    run = {"cwd": ROOT, "env": env, "capture_output": True, "text": True, "timeout": 120}
    written = subprocess.run(
        [sys.executable, "-c", code + "cache.set('shared-check', 'from server one', 60)"], **run
    )
    assert written.returncode == 0, written.stderr
    read = subprocess.run(
        [sys.executable, "-c", code + "print(cache.get('shared-check')); cache.clear()"], **run
    )
    assert read.stdout.strip() == "from server one", read.stderr
