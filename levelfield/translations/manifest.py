"""What the translations app adds to the whole: see levelfield/lib/manifests.py."""

from __future__ import annotations

from levelfield.lib.manifests import AppManifest

MANIFEST = AppManifest(label="translations")
