"""Things to translate in the test world: Mo's story in Riverside, published by Cora."""

from __future__ import annotations

import pytest

from levelfield.lib.testing.world import World
from levelfield.stories import services as story_services
from levelfield.stories.models import Story

STORY = {
    "kind": "story",
    "title": "Walking again",
    "summary": "Mo on the first walk to the shops after a stroke.",
    "body": "It took *three months* before I walked to the shops on my own.",
}
WELSH = {
    "title": "Cerdded eto",
    "summary": "Mo ar y daith gyntaf i’r siopau ar ôl strôc.",
    "body": "Cymerodd *dri mis* cyn i mi gerdded i’r siopau ar fy mhen fy hun.",
}


def story_make(world: World, **changes: str) -> Story:
    story = story_services.story_create(
        collective=world.collective, author=world.member, values={**STORY, **changes}
    )
    return story_services.story_publish(story=story, actor=world.coordinator)


@pytest.fixture
def story(world: World) -> Story:
    return story_make(world)
