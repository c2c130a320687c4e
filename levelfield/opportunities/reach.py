"""Reach: optional, consented equality monitoring, and the figures organisers see.

The questions are the ones a UK public-involvement team asks (ethnic groups are the
ONS 2021 census's top-level groups); every one is optional and every one can be
answered "Prefer not to say". Answers are kept only as totals per opportunity
(models.ReachCount), never beside a person or an expression of interest. Organisers
see a total only when it is 5 or more: smaller numbers could point at someone.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext, gettext_lazy, pgettext_lazy

from levelfield.lib.charts import BarChart, bar_chart
from levelfield.lib.words import number

SMALLEST_SHOWN = 5
PREFER_NOT = ("prefer_not", gettext_lazy("Prefer not to say"))
YES_NO = [
    ("yes", pgettext_lazy("answer", "Yes")),
    ("no", pgettext_lazy("answer", "No")),
    PREFER_NOT,
]
# How many people agreed to answer (whatever they answered), per stage.
ANSWERED = "answered"


@dataclass(frozen=True)
class Question:
    name: str
    label: object
    choices: list[tuple[str, object]]


QUESTIONS: list[Question] = [
    Question(
        "age_band",
        gettext_lazy("How old are you?"),
        [
            ("under_18", gettext_lazy("Under 18")),
            ("18_24", gettext_lazy("18 to 24")),
            ("25_34", gettext_lazy("25 to 34")),
            ("35_44", gettext_lazy("35 to 44")),
            ("45_54", gettext_lazy("45 to 54")),
            ("55_64", gettext_lazy("55 to 64")),
            ("65_74", gettext_lazy("65 to 74")),
            ("75_over", gettext_lazy("75 or over")),
            PREFER_NOT,
        ],
    ),
    Question(
        "gender",
        gettext_lazy("What is your gender?"),
        [
            ("woman", gettext_lazy("Woman")),
            ("man", gettext_lazy("Man")),
            ("non_binary", gettext_lazy("Non-binary")),
            ("another", gettext_lazy("In another way")),
            PREFER_NOT,
        ],
    ),
    Question(
        "ethnic_group",
        gettext_lazy("What is your ethnic group?"),
        [
            ("asian", gettext_lazy("Asian or Asian British")),
            ("black", gettext_lazy("Black, Black British, Caribbean or African")),
            ("mixed", gettext_lazy("Mixed or multiple ethnic groups")),
            ("white", gettext_lazy("White")),
            ("other", gettext_lazy("Other ethnic group")),
            PREFER_NOT,
        ],
    ),
    Question(
        "disability",
        gettext_lazy("Do you have a disability or a long-term health condition?"),
        YES_NO,
    ),
    Question(
        "sexual_orientation",
        gettext_lazy("What is your sexual orientation?"),
        [
            ("straight", gettext_lazy("Straight or heterosexual")),
            ("gay_lesbian", gettext_lazy("Gay or lesbian")),
            ("bisexual", gettext_lazy("Bisexual")),
            ("another", gettext_lazy("Another sexual orientation")),
            PREFER_NOT,
        ],
    ),
    Question(
        "religion",
        gettext_lazy("What is your religion?"),
        [
            ("none", gettext_lazy("No religion")),
            ("christian", gettext_lazy("Christian")),
            ("buddhist", gettext_lazy("Buddhist")),
            ("hindu", gettext_lazy("Hindu")),
            ("jewish", gettext_lazy("Jewish")),
            ("muslim", gettext_lazy("Muslim")),
            ("sikh", gettext_lazy("Sikh")),
            ("other", gettext_lazy("Any other religion")),
            PREFER_NOT,
        ],
    ),
    Question(
        "carer",
        gettext_lazy(
            "Do you look after, or give help to, anyone because of their health, disability "
            "or age (are you a carer)?"
        ),
        YES_NO,
    ),
    Question(
        "first_time",
        gettext_lazy("Is this the first time you have taken part in research like this?"),
        YES_NO,
    ),
]
BY_NAME = {question.name: question for question in QUESTIONS}


def cleaned(answers: dict[str, str]) -> dict[str, str]:
    """Only known questions with known answers: anything else is dropped."""
    kept = {}
    for name, value in answers.items():
        question = BY_NAME.get(name)
        if question and value in {choice for choice, _label in question.choices}:
            kept[name] = value
    return kept


def shown(count: int) -> str:
    """A total as organisers see it: itself from 5, else "fewer than 5"."""
    if count >= SMALLEST_SHOWN:
        return number(count)
    return gettext("fewer than %(smallest)s") % {"smallest": SMALLEST_SHOWN}


@dataclass
class Row:
    label: str
    interest: int
    took_part: int

    @property
    def interest_text(self) -> str:
        return shown(self.interest)

    @property
    def took_part_text(self) -> str:
        return shown(self.took_part)


@dataclass
class Figures:
    """One question's totals at both stages, and its chart."""

    question: Question
    rows: list[Row] = field(default_factory=list)
    chart: BarChart | None = None


def figures(totals: dict[tuple[str, str, str], int]) -> tuple[Row, list[Figures]]:
    """The page's figures from totals keyed (stage, question, answer): the people who
    answered at all, then each question's answers at both stages. A bar whose total is
    under 5 is drawn empty and says "fewer than 5"."""

    def total(stage: str, question: str, answer: str) -> int:
        return totals.get((stage, question, answer), 0)

    answered = Row(
        gettext("People who answered the questions"),
        total("interest", ANSWERED, "yes"),
        total("took_part", ANSWERED, "yes"),
    )
    result = []
    for question in QUESTIONS:
        block = Figures(question)
        bars: list[tuple[str, float, str]] = []
        for value, label in question.choices:
            row = Row(
                label,
                total("interest", question.name, value),
                total("took_part", question.name, value),
            )
            block.rows.append(row)
            for stage, count in (
                (gettext("expressed interest"), row.interest),
                (gettext("took part"), row.took_part),
            ):
                bars.append(
                    (
                        gettext("%(answer)s: %(stage)s") % {"answer": label, "stage": stage},
                        count if count >= SMALLEST_SHOWN else 0,
                        shown(count),
                    )
                )
        block.chart = bar_chart(
            key=f"reach-{question.name}",
            title=str(question.label),
            label_heading=gettext("Answer and stage"),
            value_heading=gettext("People"),
            rows=bars,
        )
        result.append(block)
    return answered, result
