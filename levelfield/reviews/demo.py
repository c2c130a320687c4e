"""Demo reviews: the collective's research partners group (a group of the collective,
like its Allies Group) with a request in each state
(waiting, being reviewed, response being agreed, sent, reported back, withdrawn),
from researchers outside the collective. Safe to run twice: it does nothing once the
group has requests."""

from __future__ import annotations

import datetime

from allauth.account.models import EmailAddress
from django.utils import timezone

from levelfield.collectives.models import Collective
from levelfield.people.demo import DEMO_PASSWORD, DOMAIN
from levelfield.people.models import User
from levelfield.places import services as place_services
from levelfield.projects.models import Stage
from levelfield.reviews import services
from levelfield.reviews.models import Impact, Rating, ReviewGroup, ReviewRequest

GROUP_MEMBERS = ["maggie", "gordon", "jade", "ruth", "tomasz", "ade"]

ABOUT = (
    "We are a dozen patients, carers and members of the public from Riverside. We read "
    "researchers' plans for involving people like us and tell them, in plain words, what "
    "works, what is missing and whether people are treated and paid fairly.\n"
    "Each of us is paid for the time we give, like any other involvement."
)
GUIDANCE = (
    "Tell us about your project and how you plan to involve patients, carers and the "
    "public. Attach your plan or protocol if you have one (PDF or Word).\n"
    "Give us at least three weeks. Two or three of us will review it and we will send "
    "you one agreed response.\n"
    "Afterwards we will ask what you changed, and what you did not and why: that is how "
    "we learn what difference we make."
)
ANSWERS = {
    "meaningful": Rating.PARTLY,
    "meaningful_comment": "People are asked for views but not part of any decision.",
    "paid": Rating.NO,
    "paid_comment": "Only vouchers are offered, and no travel costs.",
    "plain_language": Rating.YES,
    "plain_language_comment": "Clear and friendly.",
    "missing": "Carers, and people who do not use the internet.",
    "their_questions": "Yes: invite two public members onto the steering group.",
}


def _researcher(key: str, name: str) -> User:
    email = f"{key}@{DOMAIN}"
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(email, DEMO_PASSWORD, display_name=name)
        EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


def _ask(
    group: ReviewGroup, researcher: User, title: str, stage: str, weeks: int
) -> ReviewRequest:
    return services.request_submit(
        group=group,
        researcher=researcher,
        details=services.RequestDetails(
            project_title=title,
            project_summary=f"{title}: a study planned with people who live with it.",
            stage=stage,
            involvement_plan=(
                "Two public contributors on the steering group, meeting four times a year. "
                "A survey of 200 patients. Vouchers for time given."
            ),
            questions="Is our plan meaningful?\nWho are we missing?",
            deadline=timezone.localdate() + datetime.timedelta(weeks=weeks),
            organisation="Riverside University",
        ),
    )


def _review(review_request: ReviewRequest, people: list[User], *, send: bool = True) -> None:
    for person in people:
        review = services.review_sign_up(review_request=review_request, person=person)
        services.review_save(review=review, person=person, answers=ANSWERS, minutes=90, send=send)


def _agreed(review_request: ReviewRequest, lead: User, others: list[User]) -> None:
    response = services.response_lead(review_request=review_request, person=lead)
    services.response_draft(
        response=response,
        person=lead,
        text=(
            "Thank you for asking us. We liked your plain-English summary.\n"
            "Please pay people properly for their time (not vouchers) and cover travel.\n"
            "Bring public contributors into decisions, not only advice: two seats on the "
            "steering group with a vote.\n"
            "Reach carers and people offline through community groups and libraries."
        ),
        minutes=60,
    )
    for person in others:
        services.response_agree(response=response, person=person)
    services.response_send(response=response, person=lead)


def demo_load(*, collective: Collective, people: dict[str, User]) -> None:
    group = ReviewGroup.objects.filter(collective=collective).first()
    if group is not None and group.requests.exists():
        return
    coordinator = people["amara"]
    group = services.group_set_up(
        collective=collective,
        actor=coordinator,
        name="Research partners group",
        about=ABOUT,
        form_guidance=GUIDANCE,
        report_back_days=90,
    )
    members = [people[key] for key in GROUP_MEMBERS]
    for person in members:
        place_services.group_join(group=group.place, person=person)
    maggie, gordon, jade, ruth, tomasz, ade = members
    nia = _researcher("nia", "Dr Nia Roberts")
    kwame = _researcher("kwame", "Kwame Mensah")

    _ask(group, nia, "Sleep after a stroke: an app to help", Stage.DESIGN, weeks=4)

    reviewing = _ask(group, kwame, "Community pharmacy medicines check", Stage.FUNDING, weeks=3)
    _review(reviewing, [maggie])
    _review(reviewing, [gordon], send=False)

    drafting = _ask(group, nia, "Diabetes foot checks at home", Stage.ETHICS, weeks=2)
    _review(drafting, [jade, ruth])
    response = services.response_lead(review_request=drafting, person=jade)
    services.response_draft(
        response=response,
        person=jade,
        text="Thank you for asking us. Please pay people for their time and reach carers.",
        minutes=40,
    )
    services.response_comment(
        response=response, person=ruth, text="Could we add something about interpreters?"
    )

    sent = _ask(group, kwame, "Loneliness in care homes", Stage.DESIGN, weeks=5)
    _review(sent, [tomasz, ade])
    _agreed(sent, tomasz, [ade])

    reported = _ask(group, nia, "Falls prevention classes", Stage.FUNDING, weeks=6)
    _review(reported, [maggie, ruth])
    _agreed(reported, maggie, [ruth])
    services.report_back(
        review_request=reported,
        researcher=nia,
        what_changed=(
            "We now pay £25 an hour as cash or bank transfer, cover travel, and two public "
            "contributors sit on the steering group with a vote."
        ),
        what_did_not_change=(
            "We could not add an offline survey: the funder's timetable is too short. We "
            "will run two drop-in sessions at the library instead."
        ),
    )
    services.impact_record(
        review_request=reported,
        person=maggie,
        impact=Impact.MAJOR,
        notes="Payment and a real say on the steering group.",
    )

    withdrawn = _ask(group, kwame, "Hospital discharge letters", Stage.IDENTIFYING, weeks=3)
    services.request_withdraw(review_request=withdrawn, actor=kwame)
