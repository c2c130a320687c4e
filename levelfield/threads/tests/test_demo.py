"""The demo holds a project thread with replies (one nested), reactions and a mention,
an update with a reply, and a collective thread; loading it twice adds nothing."""

from __future__ import annotations

import pytest

from levelfield.collectives.tests.factories import CollectiveFactory, CollectiveMembershipFactory
from levelfield.people.tests.factories import UserFactory
from levelfield.projects.tests.factories import ProjectFactory, ProjectMembershipFactory
from levelfield.threads import demo
from levelfield.threads.models import Delivery, Mention, Post, Reaction, Thread, ThreadKind

pytestmark = pytest.mark.django_db

NAMES = {
    "amara": "Amara Okafor",
    "gordon": "Gordon McLeod",
    "maggie": "Maggie Lawson",
    "dev": "Dev Patel",
    "tomasz": "Tomasz Nowak",
}


def test_the_demo_has_believable_threads_and_loads_twice(django_capture_on_commit_callbacks):
    collective = CollectiveFactory()
    project = ProjectFactory(collective=collective, title="Getting home well after a stroke")
    people = {key: UserFactory(display_name=name) for key, name in NAMES.items()}
    for person in people.values():
        CollectiveMembershipFactory(collective=collective, person=person)
        ProjectMembershipFactory(project=project, person=person)
    with django_capture_on_commit_callbacks(execute=True):
        demo.demo_load(collective=collective, people=people)
    demo.demo_load(collective=collective, people=people)
    venues = Thread.objects.get(title=demo.VENUES_TITLE)
    assert venues.pinned and venues.reply_count == 3
    assert Post.objects.filter(thread=venues, parent__isnull=False).count() == 1
    assert Mention.objects.get().person == people["gordon"]
    assert Reaction.objects.filter(post__thread=venues).count() == 3
    update = Thread.objects.get(kind=ThreadKind.UPDATE)
    assert update.reply_count == 1
    assert Delivery.objects.filter(thread=update).count() == 4  # everyone but Amara
    assert Thread.objects.filter(place__project__isnull=True).count() == 1
