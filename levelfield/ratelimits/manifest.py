"""What the ratelimits app adds to the whole: see levelfield/lib/manifests.py.

The rate limiter holds no personal data: its counts are keyed by hashes that expire
with their window (`delete_expired_records`).
"""

from __future__ import annotations

from levelfield.lib.manifests import AppManifest

MANIFEST = AppManifest(label="ratelimits")
