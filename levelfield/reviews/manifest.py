"""What the reviews app adds to the whole: see levelfield/lib/manifests.py."""

from __future__ import annotations

from levelfield.lib.manifests import AppManifest, demo_module

MANIFEST = AppManifest(
    label="reviews",
    person_fields=(
        "reviews.ReviewGroup.members",
        "reviews.GroupMembership.person",
        "reviews.ReviewRequest.researcher",
        "reviews.Review.reviewer",
        "reviews.Response.lead",
        "reviews.ResponseComment.author",
        "reviews.Agreement.person",
        "reviews.ReportBack.impact_recorded_by",
    ),
    demo=demo_module("levelfield.reviews.demo"),
)
