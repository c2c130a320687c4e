"""Demo threads: in the stroke project, a thread about interview venues with replies
(one nested), reactions and a mention, and an update after the analysis workshop; in
the collective, a thread about meeting times. Made through the services, so counts,
read marks and history are what people's actions would leave. Safe to run twice."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from levelfield.collectives.models import Collective
from levelfield.people.models import User
from levelfield.places.access import collective_place
from levelfield.projects.models import Project
from levelfield.threads import services
from levelfield.threads.models import ReactionKind, Thread, ThreadKind

VENUES_TITLE = "Interviews at home or at the stroke club?"
UPDATE_TITLE = "After the analysis workshop: what we heard and what is next"
TIMES_TITLE = "Would evening meetings work better for you?"


def demo_load(*, collective: Collective, people: dict[str, User]) -> None:
    if Thread.objects.in_collective(collective.pk).exists():
        return
    keys = ("amara", "gordon", "maggie", "dev", "tomasz")
    if any(key not in people for key in keys):
        return
    amara, gordon, maggie, dev, tomasz = (people[key] for key in keys)
    project = Project.objects.filter(
        collective=collective, title__startswith="Getting home"
    ).first()
    now = timezone.now()
    if project is not None:
        _venues(project, amara, gordon, maggie, tomasz, now)
        update = services.thread_start(
            place=project.place,
            author=amara,
            kind=ThreadKind.UPDATE,
            title=UPDATE_TITLE,
            body="**What happened:** eight of us spent Tuesday sorting the interview "
            "quotes into themes. The biggest was *being left on your own in the first "
            "fortnight*.\n\n**What is next:**\n\n- Gordon and Maggie check the theme "
            "names make sense to people who were not there\n- we meet again on the 14th "
            "to agree the summary\n\nReply here if a theme is missing.",
            now=now - timedelta(days=2),
        )
        services.post_reply(
            thread=update,
            author=tomasz,
            body="Thank you for writing this up. I think *money worries* is missing: "
            "three people talked about it.",
            now=now - timedelta(days=1),
        )
    thread = services.thread_start(
        place=collective_place(collective.pk),
        author=dev,
        title=TIMES_TITLE,
        body="Several people work in the day. Would a 6pm start suit you, or would "
        "it make it harder (care, buses, energy)?",
        now=now - timedelta(days=6),
    )
    reply = services.post_reply(
        thread=thread,
        author=gordon,
        body="Evenings are hard for me: I tire by then. Could we alternate?",
        now=now - timedelta(days=5),
    )
    services.reaction_toggle(post=reply, person=dev, kind=ReactionKind.AGREE)
    services.reaction_toggle(post=reply, person=amara, kind=ReactionKind.AGREE)


def _venues(project: Project, amara: User, gordon: User, maggie: User, tomasz: User, now) -> None:
    thread = services.thread_start(
        place=project.place,
        author=maggie,
        title=VENUES_TITLE,
        body="We need to choose where the interviews happen. At home people may be more "
        "relaxed; at the stroke club there is help with transport and a quiet room. "
        "What would have worked for you?",
        now=now - timedelta(days=9),
    )
    first = services.post_reply(
        thread=thread,
        author=gordon,
        body="At home, please. Getting out was the hardest part in the first months.",
        now=now - timedelta(days=8),
    )
    services.post_reply(
        thread=thread,
        author=tomasz,
        parent=first,
        body="Same for my dad. But some people live with family who answer for them.",
        now=now - timedelta(days=8, hours=-3),
    )
    services.reaction_toggle(post=first, person=maggie, kind=ReactionKind.THANKS)
    services.reaction_toggle(post=first, person=amara, kind=ReactionKind.AGREE)
    question = services.post_reply(
        thread=thread,
        author=amara,
        body="Could we offer both and let people choose? @Gordon McLeod, would you "
        "help us write the invitation so the choice is clear?",
        now=now - timedelta(days=7),
    )
    services.reaction_toggle(post=question, person=tomasz, kind=ReactionKind.QUESTION)
    services.thread_pin(thread=thread, person=maggie, pinned=True)
