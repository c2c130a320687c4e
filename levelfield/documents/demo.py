"""Demo documents: a payment policy being commented on (version 2, with comments,
replies, supports, answers and amendments accepted, declined, waiting and overtaken),
a set of involvement principles adopted by consent, with its history (both the
collective's), and the Allies Group's first draft of a new way of making decisions, with
its members' comments. Everything is made through the services, so the history reads
as if people had done it. Safe to run twice: each document is made once."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from levelfield.collectives.models import Collective
from levelfield.decisions import services as decision_services
from levelfield.documents import services
from levelfield.documents.models import Document, WhoMayTakePart
from levelfield.people.models import User
from levelfield.places.access import collective_place
from levelfield.places.models import Place, PlaceKind

POLICY_TITLE = "Payment policy for public contributors (draft)"
POLICY = """# Why we pay people

Public contributors give their time, knowledge and experience to our research.
We pay them for it, as we pay everyone else in the team.

# Rates

We pay £25 an hour for meetings, workshops and reading papers at home.

A half day (up to 4 hours) is paid at £75 and a full day at £150.

# Expenses

We pay travel, care and data costs within 14 days of a claim.

Receipts are needed for amounts over £20.

# Choosing not to be paid

Anyone may choose a voucher instead of money, or not to be paid at all, without saying why."""

PRINCIPLES_TITLE = "How we involve people in our research"
PRINCIPLES = """# Our principles

Everyone in a project has the same right to propose, decide and see the records.

We send papers at least a week before a meeting, in plain English.

We pay people for their time, on time.

We tell people what changed because of what they said."""


# The group places/demo.py makes, and the draft it is writing.
ALLIES_GROUP = "Allies Group"
DECIDING_TITLE = "Our way of making decisions: a first draft"
DECIDING = """# Why we are changing how we decide

Most decisions in the collective are made by the few people who come to every meeting.
We want everyone's voice to count the same, however they take part.

# How we will decide

Every proposal is open for at least two weeks, online and on paper, before anyone decides.

We decide by consent: a proposal goes ahead when nobody has a reasoned objection.

# Who gets a say

Everyone in the collective gets a say, whether they come to meetings or not."""


def demo_load(*, collective: Collective, people: dict[str, User]) -> None:
    documents = Document.objects.in_collective(collective.pk)
    if not documents.filter(title=POLICY_TITLE).exists():
        _adopted_principles(collective, people)
        _policy_being_commented_on(collective, people)
    allies = Place.objects.filter(
        collective=collective, kind=PlaceKind.GROUP, group_name=ALLIES_GROUP
    ).first()
    if allies is not None and not documents.filter(title=DECIDING_TITLE).exists():
        _allies_draft(allies, people)


def _allies_draft(group: Place, people: dict[str, User]) -> None:
    """The Allies Group's first draft of a new way of deciding, with its members'
    comments: what the group takes to the whole collective once it agrees."""
    members = {key: people.get(key) for key in ("gordon", "maggie", "leah", "amara")}
    if members["gordon"] is None:
        return
    now = timezone.now()
    today = timezone.localdate()
    document = services.document_start(
        started_by=members["gordon"],
        place=group,
        title=DECIDING_TITLE,
        purpose="The group's first draft of how the collective could make decisions so "
        "that nobody's voice counts for less. Say what would work for you and what would "
        "leave you out.",
        text=DECIDING,
        questions=["What would help you take part in a decision you could not come to?"],
        opens_on=today - timedelta(days=5),
        closes_on=today + timedelta(days=23),
        now=now - timedelta(days=5),
    )
    version = document.versions.get()
    at = now - timedelta(days=4)
    remarks = [
        (
            "maggie",
            4,
            "Two weeks is good, but paper copies need posting in the first week, or people "
            "without the internet only get a few days.",
        ),
        (
            "leah",
            5,
            "Can we say what a reasoned objection is? I would worry mine did not count.",
        ),
    ]
    for number, (key, position, text) in enumerate(remarks):
        if members[key] is None:
            continue
        comment = services.comment_add(
            paragraph=version.paragraphs.get(position=position),
            author=members[key],
            text=text,
            now=at + timedelta(hours=3 * number),
        )
        if key == "leah" and members["amara"] is not None:
            services.comment_add(
                paragraph=comment.paragraph,
                author=members["amara"],
                text="Good point: anything that says how the proposal would harm someone or "
                "the collective. We could add an example.",
                reply_to=comment,
                now=at + timedelta(hours=3 * number + 2),
            )


def _policy_being_commented_on(collective: Collective, people: dict[str, User]) -> None:
    now = timezone.now()
    today = timezone.localdate()
    amara, gordon, dev, maggie = (people[k] for k in ("amara", "gordon", "dev", "maggie"))
    document = services.document_start(
        started_by=amara,
        place=collective_place(collective.pk),
        title=POLICY_TITLE,
        purpose="How we pay public contributors for their time and costs. Tell us what is "
        "missing, what is unclear and what would stop you claiming.",
        text=POLICY,
        questions=[
            "Does this capture the key principles?",
            "What would stop you from claiming what you are owed?",
        ],
        opens_on=today - timedelta(days=10),
        closes_on=today + timedelta(days=18),
        who_may_take_part=WhoMayTakePart.ANYONE_WITH_LINK,
        now=now - timedelta(days=10),
    )
    services.pen_take(document=document, person=gordon)

    def block(position: int):  # noqa: ANN202 - a paragraph of the current version
        return document.versions.order_by("-number").first().paragraphs.get(position=position)

    at = now - timedelta(days=9)
    first = services.comment_add(
        paragraph=block(4),
        author=dev,
        text="£25 is fine for meetings, but reading papers often takes longer than people "
        "are paid for.",
        now=at,
    )
    services.comment_add(
        paragraph=block(4),
        author=maggie,
        text="Agreed. Could we pay for a set time per paper instead?",
        reply_to=first,
        now=at + timedelta(hours=2),
    )
    for person in (maggie, gordon):
        services.comment_support(comment=first, person=person)
    services.comment_add(
        paragraph=block(7),
        author=maggie,
        text="Care costs need paying before the day, not after: many of us cannot wait.",
        now=at + timedelta(hours=5),
    )
    faster = services.amendment_propose(
        paragraph=block(7),
        person=dev,
        text="We pay travel, care and data costs within 7 days of a claim.",
        reason="Two weeks is a long time when you are on a low income.",
        now=at + timedelta(days=1),
    )
    services.amendment_answer(
        amendment=faster,
        actor=gordon,
        accept=True,
        reason="You said 14 days was too long; finance can pay within 7, so we changed it.",
        now=at + timedelta(days=2),
    )
    higher = services.amendment_propose(
        paragraph=block(4),
        person=people.get("tomasz", dev),
        text="We pay £40 an hour for meetings, workshops and reading papers at home.",
        reason="Other centres pay more.",
        now=at + timedelta(days=1),
    )
    services.amendment_answer(
        amendment=higher,
        actor=amara,
        accept=False,
        reason="Our funder sets the rate at £25 (NIHR guidance); we will ask them to review "
        "it and report back.",
        now=at + timedelta(days=2),
    )
    overtaken = services.amendment_propose(
        paragraph=block(7),
        person=maggie,
        text="We pay travel and care costs before the day if asked, and other costs within "
        "14 days.",
        reason="Some people cannot pay up front.",
        now=at + timedelta(days=1, hours=3),
    )
    services.version_publish(
        document=document,
        actor=gordon,
        text=services.draft_with_accepted(document),
        note="Expenses are now paid within 7 days (Dev's change).",
        based_on=1,
        now=at + timedelta(days=3),
    )
    services.amendment_propose(
        paragraph=block(8),
        person=maggie,
        text="Receipts are needed for amounts over £20. Bus and train tickets under £10 "
        "need no receipt.",
        reason="Small fares often come without a receipt.",
        now=at + timedelta(days=4),
    )
    del overtaken  # waiting against version 1: the page shows its paragraph has changed
    for person, answer in (
        (dev, "Mostly, but say how long reading papers is paid for."),
        (maggie, "Having to pay for care up front would stop me."),
    ):
        services.answer_give(
            question=document.questions.order_by("position")[0 if person is dev else 1],
            person=person,
            text=answer,
            now=at + timedelta(days=5),
        )


def _adopted_principles(collective: Collective, people: dict[str, User]) -> None:
    start = timezone.now() - timedelta(days=40)
    amara, gordon, dev = people["amara"], people["gordon"], people["dev"]
    document = services.document_start(
        started_by=amara,
        place=collective_place(collective.pk),
        title=PRINCIPLES_TITLE,
        purpose="The principles every project in the collective keeps.",
        text=PRINCIPLES,
        opens_on=start.date(),
        closes_on=(start + timedelta(days=14)).date(),
        now=start,
    )
    paragraph = document.versions.get().paragraphs.get(position=3)
    change = services.amendment_propose(
        paragraph=paragraph,
        person=dev,
        text="We send papers at least a week before a meeting, in plain English, and in "
        "large print or easy read if asked.",
        reason="Not everyone can read standard print.",
        now=start + timedelta(days=2),
    )
    services.amendment_answer(
        amendment=change,
        actor=amara,
        accept=True,
        reason="Yes: we added large print and easy read.",
        now=start + timedelta(days=4),
    )
    services.version_publish(
        document=document,
        actor=amara,
        text=services.draft_with_accepted(document),
        note="Papers in large print or easy read if asked.",
        based_on=1,
        now=start + timedelta(days=5),
    )
    opened = start + timedelta(days=15)
    days = collective.minimum_decision_days + 1
    decision = services.adoption_open(
        document=document, actor=amara, closes_at=opened + timedelta(days=days), now=opened
    )
    members = [person for person in (amara, gordon, dev) if person is not None]
    for person in members:
        decision_services.response_submit(
            decision=decision,
            person=person,
            payload={"stance": "consent"},
            now=opened + timedelta(days=1),
        )
    # Closing adopts the document, in the same transaction.
    decision_services.decision_close(decision=decision, now=opened + timedelta(days=days))
