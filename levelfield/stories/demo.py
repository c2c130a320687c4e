"""Demo stories for the demo collective's public page: a monthly update with a picture
drawn by Pillow when the demo loads (no downloaded files), a story told by a public
contributor with a carer, one about priority setting, a draft waiting to be published
and next month's update scheduled; comments (one held, one reported) and someone who
wants to get involved. Safe to run twice: it does nothing if the monthly update exists."""

from __future__ import annotations

from datetime import timedelta
from io import BytesIO

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from levelfield.collectives.models import Collective
from levelfield.people.models import User
from levelfield.stories import services
from levelfield.stories.models import Story, StoryKind

# The demo people this app uses (load_demo keys).
PEOPLE = ("amara", "priya", "maggie", "dev", "gordon")

NOVEMBER = "Settling into November: what we did, what is coming, join us for a Cuppa"

UPDATE_BODY = """Hello from all of us. October was busy, so here is what happened, what is
coming up and how you can join in.

## What we did

- **Twelve of us met at the Co-Pro Cuppa** in the library. We talked about what "being
  involved" should feel like, and wrote it down in our own words.
- The stroke recovery study team asked us to **read their interview questions**. Gordon
  and Dev rewrote three of them in plain English, and the team used all three.
- We agreed a fairer way to pay people for reading papers at home (see the decision log).

## What is coming

- The next Cuppa is on the first Monday of the month, 10am, online and in person.
- We are looking for two people with lived experience of diabetes to join a new study's
  steering group. It is paid.

## Join us for a Cuppa

You do not need to know anything about research. Bring yourself and your experience:
we bring the tea. [Tell us you are interested](../../get-involved/) and we will send you the
details.
"""

GORDON_BODY = """In 2021 I had a stroke. For months, finding a word felt like reaching
for something on a high shelf.

When I joined the collective I thought researchers would ask me questions and leave.
Instead, Amara asked me what the questions *should* be.

> "You are the expert in what it is like. We are only experts in how to count it."

We changed the study's questionnaire so it can be answered with pictures. Bea, who
cares for her husband, helped me write this.
"""

PRIORITIES_BODY = """Over six weeks, 140 people told us what they want research on type 2
diabetes to answer. We grouped their questions, voted, and met to agree a top ten.

The most asked question: *"Which diets work for people who do shift work?"*

Everyone's vote counted the same, whether they were a consultant or a patient.
"""


def demo_load(*, collective: Collective, people: dict[str, User]) -> None:
    if Story.objects.filter(collective=collective, title=NOVEMBER).exists():
        return
    publisher = people["amara"]
    services.public_page_save(
        collective=collective,
        actor=publisher,
        values={
            "welcome": "We are patients, carers, researchers and practitioners in Greater "
            "Manchester who **co-produce health research together**: as equals, from the "
            "first idea to telling people what we found.",
            "about_coproduction": "Co-production means sharing power. Nobody here is "
            '"just" a patient or "just" a researcher: we decide together, everyone\'s '
            "knowledge counts, and we pay people for their time.\n\n"
            "## What you can expect\n\n- Plain English, always\n- Meetings at times and in "
            "places that work for you\n- Your access needs met, without having to explain "
            "them twice\n- Payment for your time, or a voucher, as you prefer",
            "get_involved": "Come to our monthly **Co-Pro Cuppa**, read a study's plans, "
            "join a project's steering group or tell your story. Most things take an hour "
            "or two and are paid.",
            "contact_email": "hello@levelfield.example",
            "contact_phone": "0161 496 0000",
            "contact_address": "Central Library\nSt Peter's Square\nManchester M2 5PD",
            "comments_held": True,
        },
        editors=[people["maggie"]],
    )
    now = timezone.now()
    update = _published(
        collective,
        people["maggie"],
        publisher,
        values={
            "kind": StoryKind.UPDATE,
            "title": NOVEMBER,
            "summary": "Twelve of us at the Cuppa, three interview questions rewritten, "
            "and a place for you at the next one.",
            "body": UPDATE_BODY,
        },
        co_authors=[people["gordon"]],
        tags="Monthly update, Cuppa, Getting involved",
        at=now - timedelta(days=2),
    )
    services.image_add(
        story=update,
        actor=people["maggie"],
        upload=_cuppa_picture(),
        alt="A drawing of three teacups on a green table under a big orange sun",
        caption="The Co-Pro Cuppa, as drawn for this update.",
        credit="Levelfield demo, drawn by the computer",
    )
    gordon = _published(
        collective,
        people["gordon"],
        publisher,
        values={
            "kind": StoryKind.STORY,
            "title": "Finding my words again: Gordon's story",
            "summary": "A stroke survivor on changing a study's questions so people with "
            "aphasia can answer them.",
            "body": GORDON_BODY,
            "co_written_with": "Bea, a carer",
        },
        tags="Stroke, Aphasia, Getting involved",
        at=now - timedelta(days=20),
    )
    _published(
        collective,
        people["dev"],
        publisher,
        values={
            "kind": StoryKind.STORY,
            "title": "How 140 people chose the questions diabetes research should answer",
            "summary": "Our first priority-setting partnership, and the top ten it agreed.",
            "body": PRIORITIES_BODY,
        },
        co_authors=[people["priya"]],
        tags="Diabetes, Priority setting",
        at=now - timedelta(days=45),
    )
    draft = services.story_create(
        collective=collective,
        author=people["dev"],
        values={
            "kind": StoryKind.STORY,
            "title": "What being paid for my time means to me",
            "summary": "Why payment is about respect, not money.",
            "body": "When the collective first paid me, I felt like a colleague.",
        },
        tags="Payment, Getting involved",
    )
    services.story_submit(story=draft, actor=people["dev"])
    _published(
        collective,
        people["maggie"],
        publisher,
        values={
            "kind": StoryKind.UPDATE,
            "title": "December update: a festive Cuppa and a year in numbers",
            "summary": "What a year of co-production added up to.",
            "body": "Coming soon.",
        },
        tags="Monthly update, Cuppa",
        at=now + timedelta(days=7),
    )
    _comments(update, gordon, people)
    services.interest_submit(
        collective=collective,
        name="Ruth Adeyemi",
        email="ruth.adeyemi@example.org",
        interests="I care for my mum, who has had two strokes. I would like to come to a "
        "Cuppa and maybe help with a study.",
        consent=True,
    )


def _published(
    collective: Collective,
    author: User,
    publisher: User,
    *,
    values: dict,
    co_authors: list[User] | None = None,
    tags: str = "",
    at: object = None,
) -> Story:
    story = services.story_create(
        collective=collective, author=author, values=values, co_authors=co_authors or [], tags=tags
    )
    now = timezone.now()
    services.story_publish(story=story, actor=publisher, at=at if at and at > now else now)  # type: ignore[operator]
    if at and at < now:  # type: ignore[operator]
        # Back-dated, so the demo has a history of stories (the service only publishes
        # now or later).
        Story.objects.filter(pk=story.pk).update(published_at=at, created_at=at, updated_at=at)
    return Story.objects.get(pk=story.pk)


def _comments(update: Story, gordon: Story, people: dict[str, User]) -> None:
    moderator = people["amara"]
    for story, person, text in [
        (update, people["dev"], "Lovely to see so many new faces at the Cuppa."),
        (gordon, people["priya"], "Thank you, Gordon. This changed how our team writes."),
        (gordon, people["dev"], "The picture questionnaire is brilliant."),
    ]:
        comment = services.comment_add(story=story, author=person, text=text)
        services.MODERATION.moderate(comment=comment, actor=moderator, decision="publish")
    services.comment_add(
        story=update, author=people["gordon"], text="Can we have biscuits next time?"
    )
    rude = services.comment_add(
        story=gordon, author=people["maggie"], text="This is all a waste of NHS money."
    )
    services.MODERATION.moderate(comment=rude, actor=moderator, decision="publish")
    services.MODERATION.report(
        comment=rude, person=people["gordon"], reason="It dismisses people's experience."
    )


def _cuppa_picture() -> SimpleUploadedFile:
    """Three teacups under a sun, drawn at load time."""
    from PIL import Image, ImageDraw

    picture = Image.new("RGB", (1200, 630), (0, 87, 75))
    draw = ImageDraw.Draw(picture)
    draw.ellipse((880, 60, 1080, 260), fill=(244, 119, 56))
    draw.rectangle((0, 430, 1200, 630), fill=(0, 60, 52))
    for left in (220, 500, 780):
        draw.rounded_rectangle((left, 300, left + 180, 450), radius=30, fill=(255, 255, 255))
        draw.arc(
            (left + 150, 330, left + 230, 410), start=270, end=90, fill=(255, 255, 255), width=14
        )
        draw.ellipse((left - 30, 440, left + 210, 480), fill=(230, 230, 230))
    out = BytesIO()
    picture.save(out, "JPEG", quality=85)
    return SimpleUploadedFile("cuppa.jpg", out.getvalue(), "image/jpeg")
