"""Levelfield's own question sets, in its own words.

Each set is built around a published framework for co-producing research or public
involvement; the wording here is Levelfield's. A question's `theme` is the principle,
standard or dimension it asks about: results are grouped by theme, and the trend and
the perception gap follow a theme from round to round.

The sets are installed by a data migration as version 1. To change a question, add a
new version (a new migration, or a team's own version through the pages); rounds
already started keep the version they were opened with, so no answer is ever lost.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy

SCALE = {
    1: gettext_lazy("Not at all"),
    2: gettext_lazy("A little"),
    3: gettext_lazy("Partly"),
    4: gettext_lazy("Mostly"),
    5: gettext_lazy("Completely"),
}


@dataclass(frozen=True)
class BuiltinSet:
    key: str
    title: str
    description: str
    questions: tuple[tuple[str, str], ...]  # (theme, question)


SHARING_POWER = "Sharing power"
ALL_PERSPECTIVES = "Including all perspectives and skills"
RESPECTING_KNOWLEDGE = "Respecting and valuing everyone's knowledge"
RECIPROCITY = "Reciprocity"
RELATIONSHIPS = "Building and maintaining relationships"

PRINCIPLES = BuiltinSet(
    "principles",
    "The five principles of co-producing research",
    "How far the team lives up to the five key principles of co-producing research. "
    "They are hard to live up to: honest answers help most.",
    (
        (
            SHARING_POWER,
            "Everyone in the team has a real say in the decisions that shape the project.",
        ),
        (
            SHARING_POWER,
            "Decisions are made with us, not made elsewhere and brought to us to agree.",
        ),
        (ALL_PERSPECTIVES, "The people whose lives the research is about are part of the team."),
        (ALL_PERSPECTIVES, "Everyone's skills are used, not only the professionals'."),
        (
            RESPECTING_KNOWLEDGE,
            "What people know from their own lives counts as much as what "
            "people know from study or work.",
        ),
        (
            RECIPROCITY,
            "Everyone gets something back for what they give: payment, learning, "
            "recognition or something else they value.",
        ),
        (RELATIONSHIPS, "People in the team know each other well enough to speak openly."),
        (RELATIONSHIPS, "We keep in touch between meetings, not only when something is due."),
    ),
)

STANDARDS = BuiltinSet(
    "standards",
    "The UK Standards for Public Involvement",
    "How the team's public involvement measures up to the six UK Standards for Public "
    "Involvement.",
    (
        (
            "Inclusive opportunities",
            "Anyone who could bring something to the project can find out about it and take part.",
        ),
        (
            "Working together",
            "Public contributors and professionals work together as one team, with shared aims.",
        ),
        (
            "Support and learning",
            "Everyone gets the support, training and time they need to take part.",
        ),
        (
            "Communications",
            "Information comes in plain words, on time, in a way that suits each person.",
        ),
        ("Impact", "We can see what changed because of public involvement."),
        ("Governance", "Public contributors have a say in how the project is run and overseen."),
    ),
)

DIMENSIONS = BuiltinSet(
    "dimensions",
    "The six dimensions of co-production",
    "How far the team's way of working has the six qualities of co-production.",
    (
        (
            "Building on people's capacity",
            "The project builds on what people can already do, rather than on what they lack.",
        ),
        (
            "Reciprocal relationships",
            "Everyone gives and everyone receives: no one is only "
            "helped and no one is only a helper.",
        ),
        (
            "Mutual support networks",
            "Taking part links people with others who support them, inside and outside the team.",
        ),
        (
            "Blurring distinctions",
            "You cannot always tell who is the professional and who is "
            "the public contributor: roles are shared.",
        ),
        (
            "Acting as catalysts",
            "Professionals help things happen rather than doing everything themselves.",
        ),
        (
            "Recognising people as assets",
            "Everyone is treated as someone with something to offer, not as a problem to solve.",
        ),
    ),
)

REMOTE = BuiltinSet(
    "remote",
    "Working together remotely",
    "How well the team co-produces when people take part online or by phone.",
    (
        ("Taking part from where you are", "I can take part fully without having to travel."),
        (
            "Technology that works for everyone",
            "The tools we use online work for me, and help is there when they do not.",
        ),
        ("Being heard online", "In online meetings I get as much chance to speak as anyone else."),
        ("Staying connected", "Working remotely, I still feel part of the team."),
    ),
)

BUILTIN_SETS = (PRINCIPLES, STANDARDS, DIMENSIONS, REMOTE)


def builtin_sets_install(
    question_set_model: type, version_model: type, question_model: type
) -> int:
    """Create version 1 of each of Levelfield's sets that does not exist yet (the data
    migration calls it with its historical models; tests and the demo with the real
    ones, because a flushed test database loses what migrations wrote). Returns how
    many sets it created."""
    created = 0
    for builtin in BUILTIN_SETS:
        if question_set_model.objects.filter(collective=None, key=builtin.key).exists():
            continue
        question_set = question_set_model.objects.create(
            key=builtin.key, title=builtin.title, description=builtin.description
        )
        version = version_model.objects.create(question_set=question_set, number=1)
        question_model.objects.bulk_create(
            question_model(version=version, position=position, theme=theme, text=text)
            for position, (theme, text) in enumerate(builtin.questions, start=1)
        )
        created += 1
    return created
