"""What the periodic app adds to the whole: see levelfield/lib/manifests.py.

Periodic work holds no personal data: only when each job last ran.
"""

from __future__ import annotations

from levelfield.lib.manifests import AppManifest

MANIFEST = AppManifest(label="periodic")
