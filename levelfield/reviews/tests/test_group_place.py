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


def _submit(world, title: str = "Better home care visits") -> ReviewRequest:  # noqa: ANN001
    return services.request_submit(
        group=world.group,
        researcher=world.rita,
        details=services.RequestDetails(
            project_title=title,
            project_summary="What makes a home care visit work.",
            stage=Stage.FUNDING,
            involvement_plan="Two carers on the steering group.",
            questions="Is our plan meaningful?",
            deadline=timezone.localdate() + datetime.timedelta(days=21),
        ),
    )


def test_the_coordinator_sets_up_a_group_of_the_collective_without_joining_it(world) -> None:  # noqa: ANN001
    place = world.group.place
    assert (place.kind, place.collective_id) == (PlaceKind.GROUP, world.collective.pk)
    assert (place.group_name, place.purpose) == ("Research partners group", "We review plans.")
    assert not PlaceMembership.objects.filter(place=place, person=world.cora).exists()
    assert not Project.objects.exists()  # no project made to hold the log
    services.group_set_up(
        collective=world.collective,
        actor=world.cora,
        name="Partners in research",
        about="We read plans.",
        form_guidance="Send your plan.",
        report_back_days=60,
    )
    place.refresh_from_db()
    assert (place.group_name, place.purpose) == ("Partners in research", "We read plans.")


def test_a_reviewers_time_lands_in_the_groups_log_is_claimed_and_reported(  # noqa: ANN001
    client, world, clock
) -> None:
    review_request = _submit(world)
    review = services.review_sign_up(review_request=review_request, person=world.amara)
    services.review_save(review=review, person=world.amara, answers=ANSWERS, minutes=90, send=True)

    client.force_login(world.amara)
    log = client.get(reverse("places:log", args=[world.group.place_id])).content.decode()
    assert "Reviewed “Better home care visits”" in log
    participation = Participation.objects.get(person=world.amara)
    assert participation.entry.place_id == world.group.place_id
    policy = PaymentPolicyFactory(collective=world.collective)
    RateFactory(policy=policy, effective_from=datetime.date(2020, 1, 1))
    claim = payment_services.claim_create(
        collective=world.collective, claimant=world.amara, participations=[participation]
    )
    assert claim.lines.get().minutes == 90
    # The collective's annual report counts it with everything else in the collective.
    year = participation.entry.happened_on.year
    figures = involvement(Scope(collective=world.collective, year=year))
    assert (figures["entries"], figures["hours"]) == (1, "1.5")


def test_leaving_hands_back_reviews_not_yet_sent(client, world) -> None:  # noqa: ANN001
    sent, unsent = _submit(world, "Sent"), _submit(world, "Unsent")
    review = services.review_sign_up(review_request=sent, person=world.ben)
    services.review_save(review=review, person=world.ben, answers=ANSWERS, minutes=30, send=True)
    services.review_sign_up(review_request=unsent, person=world.ben)
    client.force_login(world.ben)
    url = reverse("reviews:leave", args=[world.group.place_id])
    assert "Unsent" in client.get(url).content.decode()  # asks first, saying what goes back
    assert client.post(url)["Location"] == reverse("places:group", args=[world.group.place_id])

    assert not world.group.has_member(world.ben)
    assert list(Review.objects.filter(reviewer=world.ben)) == [review]
    unsent.refresh_from_db()
    assert unsent.status == Status.WAITING
    assert client.get(reverse("reviews:place", args=[world.group.place_id])).status_code == 404
    with pytest.raises(ValidationError, match="not in the group"):
        services.group_leave(group=world.group, person=world.ben)


def test_someone_who_left_on_the_groups_page_does_not_hold_the_response_up(world) -> None:  # noqa: ANN001
    review_request = _submit(world)
    review = services.review_sign_up(review_request=review_request, person=world.amara)
    services.review_save(review=review, person=world.amara, answers=ANSWERS, minutes=30, send=True)
    services.review_sign_up(review_request=review_request, person=world.ben)
    place_services.group_leave(group=world.group.place, person=world.ben)  # places' own leave
    response = services.response_lead(review_request=review_request, person=world.amara)
    services.response_draft(response=response, person=world.amara, text="Thank you.")
    services.response_send(response=response, person=world.amara)
    review_request.refresh_from_db()
    assert review_request.status == Status.SENT
    assert not Review.objects.filter(reviewer=world.ben).exists()


def test_the_groups_and_the_collectives_navigation_lead_to_the_reviews(client, world) -> None:  # noqa: ANN001
    entries = {entry.label: entry for entry in entries_for("group")}
    entry = entries["Reviews of researchers' plans"]
    assert entry.section == "make"
    assert entry.url(world.group.place) == reverse("reviews:place", args=[world.group.place_id])
    home = collective_place(world.collective.pk)
    assert any(e.label == entry.label for e in entries_for("collective"))
    client.force_login(world.cora)  # the coordinator, not in the group: the collective's page
    page = client.get(entry.url(home)).content.decode()
    assert reverse("places:group", args=[world.group.place_id]) in page
    assert reverse("reviews:place_set_up", args=[home.pk]) in page
    # The old address still arrives.
    old = client.get(reverse("reviews:group", args=[world.collective.slug]))
    assert (old.status_code, old["Location"]) == (301, entry.url(home))


def test_only_the_research_partners_group_shows_reviews_in_its_navigation(world) -> None:  # noqa: ANN001
    allies = place_services.group_create(
        collective=world.collective, actor=world.amara, name="Allies Group", purpose="Deciding."
    )

    def labels(place: object) -> list[str]:
        return [link.label for section in place_navigation(place) for link in section.links]

    assert "Reviews of researchers' plans" in labels(world.group.place)
    assert "Reviews of researchers' plans" in labels(collective_place(world.collective.pk))
    assert "Reviews of researchers' plans" not in labels(allies)


def test_leaving_on_the_groups_own_page_hands_back_reviews_too(world) -> None:  # noqa: ANN001
    unsent = _submit(world, "Unsent")
    services.review_sign_up(review_request=unsent, person=world.ben)

    place_services.group_leave(group=world.group.place, person=world.ben)

    assert not Review.objects.filter(reviewer=world.ben).exists()
    unsent.refresh_from_db()
    assert unsent.status == Status.WAITING
