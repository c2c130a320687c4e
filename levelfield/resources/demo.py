"""Demo data for the resource map: a shared starter set of about 30 real, publicly
available resources on co-production and public involvement, copied onto the demo
collective's map, and two suggestions (one waiting, one declined).

Titles and addresses are the publishers' own (facts); the summaries are ours. Nothing
here is fetched: the weekly link check is what finds addresses that have moved. Safe
to run again: it finds what it made before.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import timezone

from levelfield.collectives.models import Collective
from levelfield.people.models import User
from levelfield.resources import services
from levelfield.resources.models import (
    Audience,
    Cost,
    Facet,
    Format,
    Resource,
    ResourceLabel,
    Stage,
    Status,
    Topic,
)

S, A, T, F = Stage, Audience, Topic, Format
ALL_STAGES = tuple(Stage.values)
EVERYONE = (A.PUBLIC, A.RESEARCHERS, A.PRACTITIONERS, A.COORDINATORS)
PROFESSIONALS = (A.RESEARCHERS, A.PRACTITIONERS, A.COORDINATORS)
STARTER_SET_CHECKED = datetime.date(2026, 11, 2)


@dataclass(frozen=True)
class Starter:
    title: str
    url: str
    summary: str
    format: str
    stages: tuple[str, ...]
    audiences: tuple[str, ...]
    topics: tuple[str, ...]
    cost: str = Cost.FREE


STARTER_SET = [
    Starter(
        "NIHR guidance on co-producing a research project",
        "https://www.learningforinvolvement.org.uk/content/resource/nihr-guidance-on-co-producing-a-research-project/",
        "The five principles of co-producing research (sharing power, including all "
        "perspectives and skills, respecting everyone's knowledge, reciprocity, and "
        "building relationships) and what they look like in practice, from the first "
        "idea to the end of a project.",
        F.GUIDE,
        ALL_STAGES,
        EVERYONE,
        (T.GETTING_STARTED,),
    ),
    Starter(
        "NIHR co-production in action (number one)",
        "https://www.learningforinvolvement.org.uk/content/resource/nihr-co-production-in-action-number-one/",
        "Real projects describe how they lived up to the co-production principles, and "
        "where it was hard. Useful when the guidance feels abstract.",
        F.GUIDE,
        (S.IDENTIFYING, S.DESIGN, S.DOING),
        EVERYONE,
        (T.GETTING_STARTED,),
    ),
    Starter(
        "Payment guidance for researchers and professionals",
        "https://www.nihr.ac.uk/payment-guidance-researchers-and-professionals",
        "How to budget for and pay public contributors fairly: rates, expenses, "
        "benefits and tax, and what to agree before anyone starts. Read it before the "
        "funding application is costed.",
        F.GUIDE,
        (S.FUNDING, S.DESIGN),
        PROFESSIONALS,
        (T.PAYMENT,),
    ),
    Starter(
        "Payment guidance for members of the public considering involvement in research",
        "https://www.nihr.ac.uk/payment-guidance-members-public-considering-involvement-research",
        "For public contributors offered payment or expenses: what to expect, what to "
        "ask, and why to get advice first if you receive benefits.",
        F.GUIDE,
        (S.IDENTIFYING, S.FUNDING),
        (A.PUBLIC,),
        (T.PAYMENT, T.GETTING_STARTED),
    ),
    Starter(
        "NIHR public contributor payment policy",
        "https://www.nihr.ac.uk/documents/nihr-public-contributor-payment-policy/31626",
        "The rates NIHR itself pays public contributors on its committees and reviews; "
        "a benchmark many teams use when setting their own rates.",
        F.GUIDE,
        (S.FUNDING,),
        (A.COORDINATORS, A.RESEARCHERS),
        (T.PAYMENT,),
    ),
    Starter(
        "UK Standards for Public Involvement",
        "https://sites.google.com/nihr.ac.uk/pi-standards/home",
        "Six standards for good public involvement (inclusive opportunities, working "
        "together, support and learning, communications, impact and governance), with "
        "questions a team can ask itself about each.",
        F.TOOLKIT,
        ALL_STAGES,
        EVERYONE,
        (T.GETTING_STARTED, T.EVALUATION),
    ),
    Starter(
        "Briefing notes for researchers: public involvement in NHS, health and social care "
        "research",
        "https://www.nihr.ac.uk/briefing-notes-researchers-public-involvement-nhs-health-and-social-care-research",
        "A practical introduction for researchers new to involvement: why it matters, "
        "who to involve, how to find people and plan for involvement at each stage.",
        F.GUIDE,
        (S.IDENTIFYING, S.DESIGN, S.FUNDING),
        (A.RESEARCHERS, A.PRACTITIONERS),
        (T.GETTING_STARTED,),
    ),
    Starter(
        "Learning for Involvement",
        "https://www.learningforinvolvement.org.uk/",
        "NIHR's library of courses, guides and opportunities about public involvement, "
        "for public contributors and professionals alike.",
        F.COURSE,
        ALL_STAGES,
        EVERYONE,
        (T.TRAINING,),
    ),
    Starter(
        "Public involvement (Health Research Authority)",
        "https://www.hra.nhs.uk/planning-and-improving-research/best-practice/public-involvement/",
        "How the Health Research Authority expects public involvement to show in "
        "applications for approval, and what research ethics committees look for.",
        F.GUIDE,
        (S.ETHICS, S.DESIGN),
        PROFESSIONALS,
        (T.ETHICS,),
    ),
    Starter(
        "Informing participants and seeking consent (Health Research Authority)",
        "https://www.hra.nhs.uk/planning-and-improving-research/best-practice/informing-participants-and-seeking-consent/",
        "Guidance on participant information and consent. Public contributors often "
        "review these documents; this says what they must contain.",
        F.GUIDE,
        (S.ETHICS, S.DOING),
        EVERYONE,
        (T.ETHICS, T.ACCESSIBILITY),
    ),
    Starter(
        "National Co-ordinating Centre for Public Engagement (NCCPE)",
        "https://www.publicengagement.ac.uk/",
        "Guidance and training on engaging the public with university research, "
        "including planning, evaluating and recognising engagement.",
        F.TOOLKIT,
        (S.DISSEMINATION, S.EVALUATION, S.IMPLEMENTATION),
        PROFESSIONALS,
        (T.EVALUATION, T.TRAINING),
    ),
    Starter(
        "Co-production: what it is and how to do it (SCIE)",
        "https://www.scie.org.uk/co-production/what-how/",
        "The Social Care Institute for Excellence's guide to co-production in social "
        "care: the principles, the culture and structures it needs, and how to review "
        "progress.",
        F.GUIDE,
        (S.IDENTIFYING, S.DESIGN, S.IMPLEMENTATION),
        EVERYONE,
        (T.GETTING_STARTED,),
    ),
    Starter(
        "Ladder of co-production (Think Local Act Personal)",
        "https://www.thinklocalactpersonal.org.uk/Latest/Co-production-The-ladder-of-co-production/",
        "A picture of the steps from doing to people, through consulting them, to "
        "co-producing with them. Helps a team say honestly where it is now.",
        F.TOOLKIT,
        (S.IDENTIFYING, S.EVALUATION),
        EVERYONE,
        (T.GETTING_STARTED, T.EVALUATION),
    ),
    Starter(
        "Co-production Collective",
        "https://www.coproductioncollective.co.uk/",
        "A community of patients, carers, researchers and practitioners that shares "
        "tools, stories and training on co-producing research.",
        F.TOOLKIT,
        ALL_STAGES,
        EVERYONE,
        (T.GETTING_STARTED, T.TRAINING),
    ),
    Starter(
        "GRIPP2 reporting checklists",
        "https://www.bmj.com/content/358/bmj.j3453",
        "The checklist for reporting patient and public involvement in research papers "
        "(long and short forms), so readers can see what involvement happened and what "
        "it changed.",
        F.TEMPLATE,
        (S.DISSEMINATION, S.EVALUATION),
        (A.RESEARCHERS,),
        (T.EVALUATION,),
    ),
    Starter(
        "Public Involvement Impact Assessment Framework (PiiAF)",
        "http://piiaf.org.uk/",
        "A step-by-step way to plan how you will assess the impact of public "
        "involvement on your research, starting from the values of everyone involved.",
        F.TOOLKIT,
        (S.DESIGN, S.EVALUATION),
        PROFESSIONALS,
        (T.EVALUATION,),
    ),
    Starter(
        "NIHR INCLUDE guidance: improving inclusion of under-served groups",
        "https://www.nihr.ac.uk/improving-inclusion-under-served-groups-clinical-research-guidance-include-project",
        "Who is often left out of research and why, and how to design studies that "
        "reach them. Useful when the team asks whose voices are missing.",
        F.GUIDE,
        (S.IDENTIFYING, S.DESIGN, S.DOING),
        PROFESSIONALS,
        (T.ACCESSIBILITY,),
    ),
    Starter(
        "The James Lind Alliance Guidebook",
        "https://www.jla.nihr.ac.uk/jla-guidebook/",
        "How a priority setting partnership brings patients, carers and clinicians "
        "together to agree the top ten unanswered questions for research.",
        F.GUIDE,
        (S.IDENTIFYING,),
        EVERYONE,
        (T.GETTING_STARTED,),
    ),
    Starter(
        "The challenge of co-production (Nesta)",
        "https://www.nesta.org.uk/report/the-challenge-of-co-production/",
        "The report that set out co-production's defining features: building on "
        "people's capacity, reciprocity, mutual support, blurring roles, acting as "
        "catalysts and recognising people as assets.",
        F.GUIDE,
        (S.IDENTIFYING, S.EVALUATION),
        PROFESSIONALS,
        (T.GETTING_STARTED,),
    ),
    Starter(
        "People Powered Health co-production catalogue (Nesta)",
        "https://www.nesta.org.uk/report/people-powered-health-co-production-catalogue/",
        "Examples of co-produced health services and what made them work, to borrow "
        "ideas from at the implementation stage.",
        F.GUIDE,
        (S.IMPLEMENTATION,),
        (A.PRACTITIONERS, A.COORDINATORS),
        (T.GETTING_STARTED,),
    ),
    Starter(
        "People in Research",
        "https://www.peopleinresearch.org/",
        "Where members of the public find opportunities to get involved in research, "
        "and where teams advertise them.",
        F.TOOLKIT,
        (S.IDENTIFYING, S.DESIGN),
        (A.PUBLIC, A.COORDINATORS),
        (T.GETTING_STARTED,),
    ),
    Starter(
        "Be Part of Research",
        "https://bepartofresearch.nihr.ac.uk/",
        "Explains in plain English what taking part in a study involves, and lists "
        "studies near you.",
        F.GUIDE,
        (S.DOING,),
        (A.PUBLIC,),
        (T.GETTING_STARTED,),
    ),
    Starter(
        "Shaping Our Lives",
        "https://shapingourlives.org.uk/",
        "A user-led organisation of disabled people and service users; resources on "
        "inclusive involvement and on working with user-led groups as equals.",
        F.TOOLKIT,
        (S.IDENTIFYING, S.DESIGN, S.DOING),
        EVERYONE,
        (T.ACCESSIBILITY,),
    ),
    Starter(
        "GenerationR: young people's advisory groups",
        "https://generationr.org.uk/",
        "A network of young people's advisory groups who help design children's "
        "research, with advice on involving children and young people.",
        F.TOOLKIT,
        (S.DESIGN, S.DOING, S.DISSEMINATION),
        EVERYONE,
        (T.GETTING_STARTED, T.ACCESSIBILITY),
    ),
    Starter(
        "Free guides (Plain English Campaign)",
        "https://www.plainenglish.co.uk/free-guides.html",
        "Short guides to writing clearly, from letters to reports; good preparation for "
        "summaries and participant information.",
        F.GUIDE,
        (S.ETHICS, S.DISSEMINATION),
        EVERYONE,
        (T.ACCESSIBILITY,),
    ),
    Starter(
        "Accessible communication formats (GOV.UK)",
        "https://www.gov.uk/government/publications/inclusive-communication/accessible-communication-formats",
        "When to offer easy read, large print, British Sign Language, audio and other "
        "formats, and how to make them well.",
        F.GUIDE,
        (S.DOING, S.DISSEMINATION),
        EVERYONE,
        (T.ACCESSIBILITY, T.REMOTE),
    ),
    Starter(
        "Making content usable for people with cognitive and learning disabilities (W3C)",
        "https://www.w3.org/TR/coga-usable/",
        "Design patterns that make documents, websites and online meetings easier for "
        "people with cognitive and learning disabilities.",
        F.GUIDE,
        (S.DOING, S.DISSEMINATION),
        PROFESSIONALS,
        (T.ACCESSIBILITY, T.REMOTE),
    ),
    Starter(
        "AbilityNet",
        "https://abilitynet.org.uk/",
        "Free advice and factsheets on using computers, phones and video calls with a "
        "disability; useful for setting up remote involvement.",
        F.GUIDE,
        (S.DOING,),
        EVERYONE,
        (T.REMOTE, T.ACCESSIBILITY),
    ),
    Starter(
        "Good Things Foundation",
        "https://www.goodthingsfoundation.org/",
        "A digital inclusion charity: help for people to get online and build the "
        "confidence to join remote meetings and online research.",
        F.COURSE,
        (S.IDENTIFYING, S.DOING),
        (A.PUBLIC, A.COORDINATORS),
        (T.REMOTE, T.TRAINING),
    ),
    Starter(
        "Understanding Patient Data",
        "https://understandingpatientdata.org.uk/",
        "Plain explanations of how health data is used in research, and resources for "
        "talking with the public about it.",
        F.TOOLKIT,
        (S.DESIGN, S.ETHICS, S.ANALYSIS),
        EVERYONE,
        (T.DATA, T.ETHICS),
    ),
    Starter(
        "EDGE tool (NCCPE)",
        "https://www.publicengagement.ac.uk/support-engagement/strategy-and-planning/edge-tool",
        "A self-assessment grid for how well an organisation supports public "
        "engagement, from embryonic to embedded.",
        F.TOOLKIT,
        (S.EVALUATION,),
        (A.COORDINATORS, A.RESEARCHERS),
        (T.EVALUATION,),
    ),
]

WAITING = Starter(
    "Ladder of co-production: easy read",
    "https://www.thinklocalactpersonal.org.uk/Latest/Co-production-The-ladder-of-co-production/",
    "The ladder of co-production with pictures and short words, for our easy-read group meetings.",
    F.EASY_READ,
    (S.IDENTIFYING,),
    (A.PUBLIC,),
    (T.ACCESSIBILITY,),
)
DECLINED = Starter(
    "A paid online course on patient engagement",
    "https://www.example.com/patient-engagement-course",
    "An online course on engaging patients, with a certificate.",
    F.COURSE,
    (S.DESIGN,),
    (A.RESEARCHERS,),
    (T.TRAINING,),
    cost=Cost.PAID,
)


def demo_load(*, collective: Collective, people: dict[str, User]) -> None:
    now = timezone.now()
    for starter in STARTER_SET:
        _shared(starter, now=now)
    coordinator = people["amara"]
    services.resource_map_copy_shared(collective=collective, actor=coordinator, now=now)
    waiting = _suggested(WAITING, collective, people["dev"], now=now)
    declined = _suggested(DECLINED, collective, people["maggie"], now=now)
    if declined.is_suggested:
        services.resource_decline(
            resource=declined,
            actor=coordinator,
            reason="It costs £300, and the free Learning for Involvement courses cover "
            "the same ground. Happy to look again if someone has taken it.",
            now=now,
        )
    assert waiting.is_suggested or waiting.status == Status.ACCEPTED  # noqa: S101 - demo check


def _shared(starter: Starter, *, now: datetime.datetime) -> Resource:
    resource = Resource.objects.filter(collective__isnull=True, url=starter.url).first()
    if resource is not None:
        return resource
    resource = Resource.objects.create(
        collective=None,
        title=starter.title,
        url=starter.url,
        summary=starter.summary,
        format=starter.format,
        cost=starter.cost,
        last_checked=STARTER_SET_CHECKED,
        status=Status.ACCEPTED,
        suggested_at=now,
        answered_at=now,
    )
    ResourceLabel.objects.bulk_create(
        [ResourceLabel(resource=resource, facet=Facet.STAGE, value=v) for v in starter.stages]
        + [
            ResourceLabel(resource=resource, facet=Facet.AUDIENCE, value=v)
            for v in starter.audiences
        ]
        + [ResourceLabel(resource=resource, facet=Facet.TOPIC, value=v) for v in starter.topics]
    )
    return resource


def _suggested(
    starter: Starter, collective: Collective, person: User, *, now: datetime.datetime
) -> Resource:
    existing = Resource.objects.filter(collective=collective, title=starter.title).first()
    if existing is not None:
        return existing
    return services.resource_suggest(
        collective=collective,
        person=person,
        details=services.ResourceDetails(
            title=starter.title,
            url=starter.url,
            summary=starter.summary,
            format=starter.format,
            cost=starter.cost,
            stages=starter.stages,
            audiences=starter.audiences,
            topics=starter.topics,
            reason="We use this in our easy-read group." if starter is WAITING else "",
        ),
        now=now,
    )
