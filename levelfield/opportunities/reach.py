"""Reach: optional, consented equality monitoring, and the figures organisers see.

The questions are the ones a UK public-involvement team asks (ethnic groups are the
ONS 2021 census's top-level groups); every one is optional and every one can be
answered "Prefer not to say". Answers are kept only as totals per opportunity
(models.ReachCount), never beside a person or an expression of interest. Organisers
see a total only when it is 5 or more: smaller numbers could point at someone.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from levelfield.lib.charts import BarChart, bar_chart
from levelfield.lib.words import number

SMALLEST_SHOWN = 5
PREFER_NOT = ("prefer_not", "Prefer not to say")
YES_NO = [("yes", "Yes"), ("no", "No"), PREFER_NOT]
# How many people agreed to answer (whatever they answered), per stage.
ANSWERED = "answered"


@dataclass(frozen=True)
class Question:
    name: str
    label: str
    choices: list[tuple[str, str]]


QUESTIONS: list[Question] = [
    Question(
        "age_band",
        "How old are you?",
        [
            ("under_18", "Under 18"),
            ("18_24", "18 to 24"),
            ("25_34", "25 to 34"),
            ("35_44", "35 to 44"),
            ("45_54", "45 to 54"),
            ("55_64", "55 to 64"),
            ("65_74", "65 to 74"),
            ("75_over", "75 or over"),
            PREFER_NOT,
        ],
    ),
    Question(
        "gender",
        "What is your gender?",
        [
            ("woman", "Woman"),
            ("man", "Man"),
            ("non_binary", "Non-binary"),
            ("another", "In another way"),
            PREFER_NOT,
        ],
    ),
    Question(
        "ethnic_group",
        "What is your ethnic group?",
        [
            ("asian", "Asian or Asian British"),
            ("black", "Black, Black British, Caribbean or African"),
            ("mixed", "Mixed or multiple ethnic groups"),
            ("white", "White"),
            ("other", "Other ethnic group"),
            PREFER_NOT,
        ],
    ),
    Question(
        "disability",
        "Do you have a disability or a long-term health condition?",
        YES_NO,
    ),
    Question(
        "sexual_orientation",
        "What is your sexual orientation?",
        [
            ("straight", "Straight or heterosexual"),
            ("gay_lesbian", "Gay or lesbian"),
            ("bisexual", "Bisexual"),
            ("another", "Another sexual orientation"),
            PREFER_NOT,
        ],
    ),
    Question(
        "religion",
        "What is your religion?",
        [
            ("none", "No religion"),
            ("christian", "Christian"),
            ("buddhist", "Buddhist"),
            ("hindu", "Hindu"),
            ("jewish", "Jewish"),
            ("muslim", "Muslim"),
            ("sikh", "Sikh"),
            ("other", "Any other religion"),
            PREFER_NOT,
        ],
    ),
    Question(
        "carer",
        "Do you look after, or give help to, anyone because of their health, disability "
        "or age (are you a carer)?",
        YES_NO,
    ),
    Question(
        "first_time",
        "Is this the first time you have taken part in research like this?",
        YES_NO,
    ),
]
BY_NAME = {question.name: question for question in QUESTIONS}


def cleaned(answers: dict[str, str]) -> dict[str, str]:
    """Only known questions with known answers: anything else is dropped."""
    kept = {}
    for name, value in answers.items():
        question = BY_NAME.get(name)
        if question and value in {choice for choice, _ in question.choices}:
            kept[name] = value
    return kept


def shown(count: int) -> str:
    """A total as organisers see it: itself from 5, else "fewer than 5"."""
    return number(count) if count >= SMALLEST_SHOWN else f"fewer than {SMALLEST_SHOWN}"


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
        "People who answered the questions",
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
                ("expressed interest", row.interest),
                ("took part", row.took_part),
            ):
                bars.append(
                    (
                        f"{label}: {stage}",
                        count if count >= SMALLEST_SHOWN else 0,
                        shown(count),
                    )
                )
        block.chart = bar_chart(
            key=f"reach-{question.name}",
            title=question.label,
            label_heading="Answer and stage",
            value_heading="People",
            rows=bars,
        )
        result.append(block)
    return answered, result
