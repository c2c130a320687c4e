"""What the sealing app adds to the whole: see levelfield/lib/manifests.py.

Sealing holds no personal data of its own: only each open scope's key, which is
destroyed at closing.
"""

from __future__ import annotations

from levelfield.lib.manifests import AppManifest

MANIFEST = AppManifest(label="sealing")
