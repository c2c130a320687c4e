"""The demo holds a draft being commented on and an adopted document with its history,
and the Allies Group's own draft with its members' comments."""

from __future__ import annotations

import pytest

from levelfield.collectives.tests.factories import CollectiveFactory
from levelfield.documents import demo
from levelfield.documents.models import AmendmentStatus, Document
from levelfield.documents.tests.factories import member_of
from levelfield.history.models import Change
from levelfield.places.services import group_create, group_join

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_draft_in_comment_and_an_adopted_document_and_loads_twice() -> None:
    collective = CollectiveFactory()
    people = {
        key: member_of(collective, display_name=key.title())
        for key in ("amara", "gordon", "dev", "maggie", "tomasz", "leah")
    }
    allies = group_create(
        collective=collective, actor=people["amara"], name="Allies Group", purpose="Fairer."
    )
    for key in ("gordon", "maggie", "leah"):
        group_join(group=allies, person=people[key])
    demo.demo_load(collective=collective, people=people)
    demo.demo_load(collective=collective, people=people)
    policy = Document.objects.get(title=demo.POLICY_TITLE)
    principles = Document.objects.get(title=demo.PRINCIPLES_TITLE)
    assert policy.status_label() == "Open for comments"
    assert policy.versions.count() == 2
    statuses = sorted(policy.amendments.values_list("status", flat=True))
    assert statuses == sorted(
        [AmendmentStatus.ACCEPTED, AmendmentStatus.DECLINED, AmendmentStatus.OPEN] + ["open"]
    )
    assert policy.comments.filter(reply_to__isnull=False).exists()
    assert principles.is_adopted and principles.adoption_version.number == 2
    assert Change.objects.filter(action="document_adopted", subject_id=principles.pk).exists()
    assert policy.place.kind == principles.place.kind == "collective"
    deciding = Document.objects.get(title=demo.DECIDING_TITLE)
    assert deciding.place == allies
    assert deciding.status_label() == "Open for comments"
    commenters = set(deciding.comments.values_list("author__display_name", flat=True))
    assert commenters == {"Maggie", "Leah", "Amara"}
    assert deciding.comments.filter(reply_to__isnull=False).exists()
