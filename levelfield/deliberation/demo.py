"""Demo data: a data-principles conversation in the collective, with a few hundred
synthetic reactions from three planted opinion groups, analysed once; and a small
conversation in the Allies Group on what makes a decision fair, from its members."""

from __future__ import annotations

import numpy as np
from django.utils import timezone

from levelfield.collectives.models import Collective
from levelfield.collectives.roles import memberships_of
from levelfield.deliberation import services
from levelfield.deliberation.models import Conversation, Participant, Reaction, WhoMayTakePart
from levelfield.people.models import User
from levelfield.places.access import collective_place
from levelfield.places.models import Place, PlaceKind

TITLE = "Principles for using patient data in research"
PROMPT = "How should patient data be used in health research?"
SEEDS = [
    "Patients should be told every time their data is used in a study.",
    "Data should only be used for research that could benefit patients.",
    "Companies should never get access to patient data, even anonymised.",
    "Anonymised data can be used without asking each patient.",
    "Patients and the public should sit on every data access committee.",
    "Researchers should publish a plain English summary of every study that uses the data.",
    "Data should stay inside the NHS, in a secure environment.",
    "Commercial partners are fine if the profits come back to the NHS.",
    "People should be able to opt out easily, at any time.",
    "Opting out should be harder, because research needs complete data.",
    "Data about mental health needs extra protection.",
    "Linking health data with social care data helps research a lot.",
    "I trust researchers more than I trust companies with my data.",
    "Consent once for all research is enough.",
    "Young people should have a say in how their data is used.",
    "Every use of data should be listed on a public register.",
    "Speed matters: slow approvals cost lives.",
    "Data should be deleted once a study ends.",
    "Carers should be able to speak for the people they care for on data use.",
    "Researchers should explain the risks of re-identification honestly.",
]


GROUP = "Allies Group"
GROUP_TITLE = "What makes a decision fair?"
GROUP_PROMPT = "What makes a decision in our collective fair to everyone in it?"
GROUP_SEEDS = [
    "Everyone affected should hear about a decision before it is made.",
    "People should have time to think, not just a show of hands on the night.",
    "Lived experience should count as much as professional experience.",
    "The reasons for a decision should be written down in plain English.",
    "Whoever objects should be asked what would make it work for them.",
]
# Each member's reactions to the seeds, in order (1 agree, -1 disagree, 0 pass).
GROUP_VOTES = {
    "amara": [1, 1, 1, 1, 1],
    "gordon": [1, 0, 1, 1, 1],
    "maggie": [1, 1, 1, 1, 0],
    "leah": [1, 1, -1, 1, 1],
    "dev": [0, 1, 1, 1, -1],
}
GROUP_STATEMENT = ("maggie", "Meetings should be at times carers can make.")


def demo_load(*, collective: Collective, people: dict[str, User]) -> None:
    _collective_conversation(collective, people)
    _group_conversation(collective, people)


def _group_conversation(collective: Collective, people: dict[str, User]) -> None:
    """The Allies Group asks itself what makes a decision fair: its members react."""
    group = Place.objects.filter(
        collective=collective, kind=PlaceKind.GROUP, group_name=GROUP
    ).first()
    if group is None or Conversation.objects.in_place(group).filter(title=GROUP_TITLE).exists():
        return
    member_ids = set(memberships_of(group.owner).values_list("person_id", flat=True))
    members = {key: person for key, person in people.items() if person.pk in member_ids}
    if not members:
        return
    conversation = services.conversation_start(
        started_by=next(iter(members.values())),
        place=group,
        title=GROUP_TITLE,
        prompt=GROUP_PROMPT,
        seeds=GROUP_SEEDS,
    )
    statements = list(conversation.statements.order_by("number"))
    for key, person in members.items():
        participant = services.participant_for_member(conversation=conversation, person=person)
        for statement, vote in zip(statements, GROUP_VOTES.get(key, []), strict=False):
            services.reaction_record(participant=participant, statement=statement, vote=vote)
    author, text = GROUP_STATEMENT
    if author in members:
        participant = services.participant_for_member(
            conversation=conversation, person=members[author]
        )
        services.statement_add(conversation=conversation, participant=participant, text=text)
    services.analysis_run(conversation=conversation)


def _collective_conversation(collective: Collective, people: dict[str, User]) -> None:
    place = collective_place(collective.pk)
    if Conversation.objects.in_place(place).filter(title=TITLE).exists():
        return
    conversation = services.conversation_start(
        started_by=people["amara"],
        place=place,
        title=TITLE,
        prompt=PROMPT,
        who_may_take_part=WhoMayTakePart.ANYONE_WITH_LINK,
        seeds=SEEDS,
    )
    statements = list(conversation.statements.order_by("number"))
    rng = np.random.default_rng(7)
    # Three outlooks: privacy first, research first, and public benefit with oversight.
    leaning = rng.random((3, len(statements))) < 0.5
    leaning[:, [0, 4, 5, 8, 15, 19]] = True  # what everyone agrees with
    now = timezone.now()
    participants = [
        services.participant_for_member(conversation=conversation, person=person)
        for person in people.values()
    ]
    participants += Participant.objects.bulk_create(
        Participant(conversation=conversation, name=f"Workshop participant {n}")
        for n in range(1, 31)
    )
    reactions = []
    for index, participant in enumerate(participants):
        group = index % 3
        for column in rng.choice(len(statements), 12, replace=False):
            agree = rng.random() < (0.85 if leaning[group, column] else 0.15)
            vote = 0 if rng.random() < 0.08 else (1 if agree else -1)
            reactions.append(
                Reaction(
                    participant=participant,
                    statement=statements[column],
                    vote=vote,
                    reacted_at=now,
                )
            )
    Reaction.objects.bulk_create(reactions)
    services.analysis_run(conversation=conversation)
