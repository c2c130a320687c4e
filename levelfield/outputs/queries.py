"""Outputs as the face and the reports read them: the public page, the GRIPP2 report,
the annual report and a person's recognition letter. Each is one or two queries
whatever the number of outputs (contributors and credits are prefetched)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from levelfield.outputs.models import Contributor, Kind, Output
from levelfield.people.models import PerspectiveKind

PUBLIC_SHOWN = 10  # the newest public outputs a collective's public page lists


def _with_contributors(outputs: QuerySet[Output]) -> QuerySet[Output]:
    return outputs.prefetch_related(
        Prefetch("contributors", queryset=Contributor.objects.prefetch_related("credits"))
    )


def _public(collective_id: int) -> QuerySet[Output]:
    return Output.objects.in_collective(collective_id).public()


def outputs_for_public_page(collective_id: int, limit: int = PUBLIC_SHOWN) -> list[Output]:
    """The newest outputs the collective and its projects and groups chose to show."""
    return list(_public(collective_id).prefetch_related("contributors")[:limit])


def public_output_ids(collective_id: int, limit: int = PUBLIC_SHOWN) -> list[int]:
    """The ids of the outputs `outputs_for_public_page` shows (a page keeping what it
    rendered from them knows at once when one is taken down)."""
    return list(_public(collective_id).values_list("pk", flat=True)[:limit])


def outputs_in_year(collective_id: int, start: object, end: object) -> list[Output]:
    """Outputs dated from `start` to `end` (inclusive) anywhere in the collective: the
    annual report's "what we made"."""
    return list(
        _with_contributors(
            Output.objects.in_collective(collective_id)
            .filter(date__gte=start, date__lte=end)
            .with_place()
            .order_by("date", "id")
        )
    )


@dataclass(frozen=True)
class OutputInvolvement:
    """One output of a project and how public contributors took part in it: GRIPP2's
    "how involvement shaped outputs"."""

    output: Output
    contributors: int
    public_contributors: int


def outputs_for_gripp(place_id: int) -> list[OutputInvolvement]:
    """Each of a project's outputs with how many of its contributors brought a lived
    experience, carer or young person's perspective (no names)."""
    public_kinds = PerspectiveKind.public_kinds()
    found = []
    for output in _with_contributors(Output.objects.in_place(place_id).order_by("date", "id")):
        people = output.contributors.all()
        found.append(
            OutputInvolvement(
                output=output,
                contributors=len(people),
                public_contributors=sum(1 for c in people if c.perspective in public_kinds),
            )
        )
    return found


# How a recognition letter says what someone did, by kind of output.
DID: dict[str, Promise] = {
    Kind.PAPER: gettext_lazy("Co-author of %(what)s, %(year)s"),
    Kind.POSTER: gettext_lazy("Co-presented the poster %(what)s, %(year)s"),
    Kind.TALK: gettext_lazy("Spoke at %(what)s, %(year)s"),
    Kind.LAY_SUMMARY: gettext_lazy("Co-wrote the lay summary %(what)s, %(year)s"),
    Kind.REPORT: gettext_lazy("Co-author of the report %(what)s, %(year)s"),
    Kind.RESOURCE: gettext_lazy("Helped make %(what)s, %(year)s"),
    Kind.VIDEO: gettext_lazy("Helped make the video %(what)s, %(year)s"),
    Kind.OTHER: gettext_lazy("Contributed to %(what)s, %(year)s"),
}


@dataclass(frozen=True)
class CreditLine:
    """One line of a recognition letter: what the person did and their CRediT roles."""

    output: Output
    did: str | Promise
    roles: list[str]

    @property
    def sentence(self) -> str:
        what = self.output.title
        if self.output.kind == Kind.TALK and self.output.venue:
            what = f"{self.output.venue} (“{self.output.title}”)"
        elif self.output.venue:
            what = f"“{self.output.title}”, {self.output.venue}"
        else:
            what = f"“{what}”"
        said = str(self.did) % {"what": what, "year": self.output.date.year}
        if self.roles:
            return _("%(said)s: %(roles)s") % {"said": said, "roles": ", ".join(self.roles)}
        return said


def credits_for_person(
    person_id: int, collective_id: int | None = None, start: object = None, end: object = None
) -> list[CreditLine]:
    """What a person is credited with (optionally in one collective and dates), for
    their recognition letter: "Co-author of ...", "Spoke at ..."."""
    rows = (
        Contributor.objects.filter(person_id=person_id)
        .select_related("output")
        .prefetch_related("credits")
        .order_by("output__date", "output_id")
    )
    if collective_id is not None:
        rows = rows.filter(output__place__collective_id=collective_id)
    if start is not None:
        rows = rows.filter(output__date__gte=start)
    if end is not None:
        rows = rows.filter(output__date__lte=end)
    return [
        CreditLine(
            output=row.output,
            did=DID[row.output.kind],
            roles=[str(credit) for credit in row.credits.all()],
        )
        for row in rows
    ]
