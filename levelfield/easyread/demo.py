"""Demo easy read: the payment policy, written by Amara (the coordinator, who sets the
policy), and Gordon's story, written by Gordon himself, each a point at a time with a
built-in picture. Through the services, as the team would. Safe to run twice: it does
nothing once the policy has an easy-read version."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType

from levelfield.collectives.models import Collective
from levelfield.easyread import services
from levelfield.easyread.models import EasyReadVersion
from levelfield.easyread.services import PointInput
from levelfield.payments.models import PaymentPolicy
from levelfield.people.models import User
from levelfield.stories.models import Story

GORDON = "Finding my words again: Gordon's story"

POLICY_TITLE = "Getting paid for your time"
POLICY = [
    PointInput("We pay you for the time you give to research with us.", "money"),
    PointInput("This means meetings, reading papers and giving your views.", "talking"),
    PointInput("We pay £25 for each hour.", "clock"),
    PointInput("We also pay for your travel to meetings, like a bus or train ticket.", "travel"),
    PointInput("Keep your tickets and receipts. Take a photo of them.", "document"),
    PointInput("To get paid, fill in a claim on Levelfield after the meeting.", "online"),
    PointInput("We aim to pay you within 10 days of your claim.", "calendar"),
    PointInput("Any questions? Ask Amara, our coordinator.", "help"),
]

STORY_TITLE = "Gordon’s story: finding my words again"
STORY = [
    PointInput("My name is Gordon. In 2021 I had a stroke.", "feelings"),
    PointInput("After my stroke, finding words was very hard.", "talking"),
    PointInput(
        "I joined the collective. I thought researchers would just ask me questions.", "people"
    ),
    PointInput("Instead, Amara asked me what the questions should be.", "question"),
    PointInput("We changed the study’s questions. Now people can answer with pictures.", "write"),
    PointInput("Bea helped me write my story. She cares for her husband.", "yes"),
]


def demo_load(*, collective: Collective, people: dict[str, User]) -> None:
    amara, gordon = people.get("amara"), people.get("gordon")
    if collective is None or amara is None:
        return
    policy = PaymentPolicy.objects.filter(collective=collective).first()
    if policy is None:
        return
    if EasyReadVersion.objects.filter(
        content_type=ContentType.objects.get_for_model(PaymentPolicy), object_id=policy.pk
    ).exists():
        return
    services.easy_read_save(obj=policy, title=POLICY_TITLE, points=POLICY, actor=amara)
    story = Story.objects.filter(collective=collective, title=GORDON).first()
    if story is not None and gordon is not None:
        services.easy_read_save(obj=story, title=STORY_TITLE, points=STORY, actor=gordon)
