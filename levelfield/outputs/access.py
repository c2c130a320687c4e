"""Who may reach an output: the members of its place (a project, a collective or a
group in it), and nobody else (404). Public outputs are shown on the collective's
public page through `queries.outputs_for_public_page`, never through these pages."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404

from levelfield.outputs.models import Contributor, Output
from levelfield.people.models import User


def output_for_member(person: User, pk: int) -> Output:
    """The output, with its place, for a member of its place; otherwise 404."""
    output = Output.objects.for_member(person).with_place().filter(pk=pk).first()
    if output is None:
        raise Http404("No such output.")
    return output


def contributor_in(output: Output, pk: int) -> Contributor:
    """A contributor of an output already reached; otherwise 404."""
    contributor = get_object_or_404(
        Contributor.objects.select_related("person"), pk=pk, output=output
    )
    contributor.output = output
    return contributor
