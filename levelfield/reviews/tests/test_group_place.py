"""The research partners group is one of the collective's groups: set up by the
coordinator, joined and left like any group, its reviewers' time in its own
involvement log (claimed and reported like any other), and its reviews reached from
the group's page and the collective's."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from levelfield.payments import services as payment_services
from levelfield.payments.tests.factories import PaymentPolicyFactory, RateFactory
from levelfield.places import services as place_services
from levelfield.places.access import collective_place
from levelfield.places.models import PlaceKind, PlaceMembership
from levelfield.places.navigation import entries_for, place_navigation
from levelfield.projects.models import Participation, Project, Stage
from levelfield.reports.figures import Scope, involvement
from levelfield.reviews import services
from levelfield.reviews.models import Rating, Review, ReviewRequest, Status

ANSWERS = {"meaningful": Rating.YES, "paid": Rating.PARTLY, "plain_language": Rating.YES}


def _submit(review_world, title: str = "Better home care visits") -> ReviewRequest:  # noqa: ANN001
    return services.request_submit(
        group=review_world.group,
        researcher=review_world.researcher,
        details=services.RequestDetails(
            project_title=title,
            project_summary="What makes a home care visit work.",
            stage=Stage.FUNDING,
            involvement_plan="Two carers on the steering group.",
            questions="Is our plan meaningful?",
            deadline=timezone.localdate() + datetime.timedelta(days=21),
        ),
    )


def test_the_coordinator_sets_up_a_group_of_the_collective_without_joining_it(
    review_world, world
) -> None:  # noqa: ANN001
    place = review_world.group.place
    assert (place.kind, place.collective_id) == (PlaceKind.GROUP, review_world.collective.pk)
    assert (place.group_name, place.purpose) == ("Research partners group", "We review plans.")
    assert not PlaceMembership.objects.filter(
        place=place, person=review_world.coordinator
    ).exists()
    # No project made to hold the log: the world's project is still the only one.
    assert list(Project.objects.all()) == [world.project]
    services.group_set_up(
        collective=review_world.collective,
        actor=review_world.coordinator,
        name="Partners in research",
        about="We read plans.",
        form_guidance="Send your plan.",
        report_back_days=60,
    )
    place.refresh_from_db()
    assert (place.group_name, place.purpose) == ("Partners in research", "We read plans.")


def test_a_reviewers_time_lands_in_the_groups_log_is_claimed_and_reported(  # noqa: ANN001
    client, review_world, clock
) -> None:
    review_request = _submit(review_world)
    review = services.review_sign_up(review_request=review_request, person=review_world.member)
    services.review_save(
        review=review, person=review_world.member, answers=ANSWERS, minutes=90, send=True
    )

    client.force_login(review_world.member)
    log = client.get(reverse("places:log", args=[review_world.group.place_id])).content.decode()
    assert "Reviewed “Better home care visits”" in log
    participation = Participation.objects.get(person=review_world.member)
    assert participation.entry.place_id == review_world.group.place_id
    policy = PaymentPolicyFactory(collective=review_world.collective)
    RateFactory(policy=policy, effective_from=datetime.date(2020, 1, 1))
    claim = payment_services.claim_create(
        collective=review_world.collective,
        claimant=review_world.member,
        participations=[participation],
    )
    assert claim.lines.get().minutes == 90
    # The collective's annual report counts it with everything else in the collective.
    year = participation.entry.happened_on.year
    figures = involvement(Scope(collective=review_world.collective, year=year))
    assert (figures["entries"], figures["hours"]) == (1, "1.5")


def test_leaving_hands_back_reviews_not_yet_sent(client, review_world) -> None:  # noqa: ANN001
    sent, unsent = _submit(review_world, "Sent"), _submit(review_world, "Unsent")
    review = services.review_sign_up(review_request=sent, person=review_world.group_member)
    services.review_save(
        review=review, person=review_world.group_member, answers=ANSWERS, minutes=30, send=True
    )
    services.review_sign_up(review_request=unsent, person=review_world.group_member)
    client.force_login(review_world.group_member)
    url = reverse("reviews:leave", args=[review_world.group.place_id])
    assert "Unsent" in client.get(url).content.decode()  # asks first, saying what goes back
    assert client.post(url)["Location"] == reverse(
        "places:group", args=[review_world.group.place_id]
    )

    assert not review_world.group.has_member(review_world.group_member)
    assert list(Review.objects.filter(reviewer=review_world.group_member)) == [review]
    unsent.refresh_from_db()
    assert unsent.status == Status.WAITING
    assert (
        client.get(reverse("reviews:place", args=[review_world.group.place_id])).status_code == 404
    )
    with pytest.raises(ValidationError, match="not in the group"):
        services.group_leave(group=review_world.group, person=review_world.group_member)


def test_someone_who_left_on_the_groups_page_does_not_hold_the_response_up(review_world) -> None:  # noqa: ANN001
    review_request = _submit(review_world)
    review = services.review_sign_up(review_request=review_request, person=review_world.member)
    services.review_save(
        review=review, person=review_world.member, answers=ANSWERS, minutes=30, send=True
    )
    services.review_sign_up(review_request=review_request, person=review_world.group_member)
    # Places' own leave.
    place_services.group_leave(group=review_world.group.place, person=review_world.group_member)
    response = services.response_lead(review_request=review_request, person=review_world.member)
    services.response_draft(response=response, person=review_world.member, text="Thank you.")
    services.response_send(response=response, person=review_world.member)
    review_request.refresh_from_db()
    assert review_request.status == Status.SENT
    assert not Review.objects.filter(reviewer=review_world.group_member).exists()


def test_the_groups_and_the_collectives_navigation_lead_to_the_reviews(
    client, review_world
) -> None:  # noqa: ANN001
    entries = {entry.label: entry for entry in entries_for("group")}
    entry = entries["Reviews of researchers' plans"]
    assert entry.section == "make"
    assert entry.url(review_world.group.place) == reverse(
        "reviews:place", args=[review_world.group.place_id]
    )
    home = collective_place(review_world.collective.pk)
    assert any(e.label == entry.label for e in entries_for("collective"))
    # The coordinator, not in the group: the collective's page.
    client.force_login(review_world.coordinator)
    page = client.get(entry.url(home)).content.decode()
    assert reverse("places:group", args=[review_world.group.place_id]) in page
    assert reverse("reviews:place_set_up", args=[home.pk]) in page
    # The old address still arrives.
    old = client.get(reverse("reviews:group", args=[review_world.collective.slug]))
    assert (old.status_code, old["Location"]) == (301, entry.url(home))


def test_only_the_research_partners_group_shows_reviews_in_its_navigation(
    review_world, world
) -> None:  # noqa: ANN001
    allies = world.group  # the world's other group, the Allies Group

    def labels(place: object) -> list[str]:
        return [link.label for section in place_navigation(place) for link in section.links]

    assert "Reviews of researchers' plans" in labels(review_world.group.place)
    assert "Reviews of researchers' plans" in labels(collective_place(review_world.collective.pk))
    assert "Reviews of researchers' plans" not in labels(allies)


def test_leaving_on_the_groups_own_page_hands_back_reviews_too(review_world) -> None:  # noqa: ANN001
    unsent = _submit(review_world, "Unsent")
    services.review_sign_up(review_request=unsent, person=review_world.group_member)

    place_services.group_leave(group=review_world.group.place, person=review_world.group_member)

    assert not Review.objects.filter(reviewer=review_world.group_member).exists()
    unsent.refresh_from_db()
    assert unsent.status == Status.WAITING
