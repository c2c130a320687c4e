"""The scale seed's stories: thousands of published stories and comments, each story's
kept comment count equal to its published comments."""

from __future__ import annotations

import random

import pytest
from django.db.models import Count, Q
from django.urls import reverse

from levelfield.collectives import scale as collectives_scale
from levelfield.collectives.scale import network
from levelfield.people import scale as people_scale
from levelfield.projects import scale as projects_scale
from levelfield.stories.models import Story
from levelfield.stories.scale import newest_story, scale_seed

pytestmark = pytest.mark.django_db


def _network() -> None:
    for module in (people_scale, collectives_scale, projects_scale):
        module.scale_seed(size="small", rng=random.Random(1))


def test_the_small_seed_keeps_comment_counts_and_shows_the_public_pages(client) -> None:
    _network()
    scale_seed(size="small", rng=random.Random(2))

    stories = Story.objects.filter(collective=network()).annotate(
        published=Count("comments", filter=Q(comments__published_at__isnull=False))
    )
    assert stories.count() == 100
    assert all(story.comment_count == story.published for story in stories)
    newest = newest_story()
    assert newest.comment_count == max(story.comment_count for story in stories)

    slug = network().slug
    story_page = client.get(reverse("stories:story", args=[slug, newest.slug]))
    assert newest.title in story_page.content.decode()
    assert client.get(reverse("stories:list", args=[slug])).status_code == 200
    assert client.get(reverse("stories:home", args=[slug])).status_code == 200
