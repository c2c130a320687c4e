"""The demo collective's public page has believable stories, one a monthly update with
a picture drawn at load time, comments and someone who wants to get involved."""

from __future__ import annotations

from io import BytesIO, StringIO

from django.core.management import call_command
from django.test import Client
from PIL import Image

from levelfield.stories.demo import NOVEMBER
from levelfield.stories.models import Comment, Interest, Story


def test_the_demo_shows_a_public_page_with_stories(db: None, client: Client) -> None:
    # Loaded here, not by the shared `demo` fixture: this app's tests keep their pictures in
    # a folder of each test's own (conftest.py). Loading it twice makes nothing again:
    # home/tests/test_load_demo.py counts every table.
    call_command("load_demo", stdout=StringIO())

    update = Story.objects.get(title=NOVEMBER)
    assert Story.objects.public().count() == 3 and Story.objects.count() == 5
    assert Comment.objects.shown().exists() and Comment.objects.filter(published_at=None).exists()
    assert Interest.objects.count() == 1
    picture = update.images.get()
    with Image.open(BytesIO(picture.file.read())) as drawn:
        assert drawn.size == (1200, 630) and not drawn.getexif()

    home = client.get(f"/c/{update.collective.slug}/").content.decode()
    assert "Settling into November" in home and "Co-Pro Cuppa" in home
    story = client.get(update.get_absolute_url()).content.decode()
    assert "Photo credit: Levelfield demo" in story and "co-written with Gordon" in story
