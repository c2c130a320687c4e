"""The group's reviews page as its members use it: what the group has done, the queue and
the responses sent are kept between visits (the same for every member), yet every
change anyone makes shows on the next visit; the members table is shown fifty a page."""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils import timezone

from levelfield.collectives.tests.factories import CollectiveMembershipFactory
from levelfield.home.services import person_delete
from levelfield.people.tests.factories import UserFactory
from levelfield.places import services as place_services
from levelfield.projects.models import Stage
from levelfield.reviews import services
from levelfield.reviews.models import Impact, Rating, ReviewRequest

ANSWERS = {"meaningful": Rating.YES, "paid": Rating.PARTLY, "plain_language": Rating.YES}


def _submit(review_world, title: str) -> ReviewRequest:  # noqa: ANN001
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


def _load(html: str, name: str) -> str:
    """A member's row in the members table."""
    return f'>{name}</td><td class="govuk-table__cell govuk-table__cell--numeric">'


def _queue(html: str) -> str:
    return html.split("Requests to review", 1)[1].split("Responses sent", 1)[0]


def test_every_change_to_the_requests_shows_on_the_next_visit(client, review_world) -> None:  # noqa: ANN001
    client.force_login(review_world.member)
    url = reverse("reviews:place", args=[review_world.group.place_id])

    def page() -> str:
        return client.get(url).content.decode()

    gita = review_world.group_member.name
    assert "No requests are waiting" in page()  # the empty page is kept first
    care = _submit(review_world, "Care at home")
    html = page()
    assert "Care at home" in _queue(html)
    assert "1 request<" in html
    services.review_sign_up(review_request=care, person=review_world.group_member)
    html = page()
    assert _load(html, gita) + "1</td>" in html
    assert "Being reviewed" in _queue(html)
    assert "You are reviewing it." not in html
    services.review_sign_up(review_request=care, person=review_world.member)
    assert "You are reviewing it." in page()
    review = care.reviews.get(reviewer=review_world.group_member)
    services.review_step_back(review=review, person=review_world.group_member)
    html = page()
    assert _load(html, gita) + "0</td>" in html
    # The researcher's new name shows at once (names are never kept).
    review_world.researcher.display_name = "Rita Bell"
    review_world.researcher.save()
    assert "From Rita Bell." in page()
    # Sent, reported back and its impact recorded: the figures and the list follow.
    services.review_save(
        review=care.reviews.get(reviewer=review_world.member),
        person=review_world.member,
        answers=ANSWERS,
        minutes=30,
        send=True,
    )
    response = services.response_lead(review_request=care, person=review_world.member)
    services.response_draft(response=response, person=review_world.member, text="Pay people.")
    services.response_send(response=response, person=review_world.member)
    html = page()
    assert "Care at home" not in _queue(html)
    assert "1 response sent" in html
    assert "0 reported back" in html
    care.refresh_from_db()
    services.report_back(
        review_request=care,
        researcher=review_world.researcher,
        what_changed="We pay people.",
        what_did_not_change="Nothing.",
    )
    assert "1 reported back" in page()
    services.impact_record(
        review_request=care, person=review_world.member, impact=Impact.MAJOR, notes=""
    )
    assert "1 plan changed because of us" in page()
    # Withdrawn: out of the queue and the count.
    buses = _submit(review_world, "Night buses")
    assert "2 requests" in page()
    services.request_withdraw(review_request=buses, actor=review_world.researcher)
    html = page()
    assert "Night buses" not in html
    assert "1 request<" in html


def test_leaving_the_group_changes_the_loads_at_once(client, review_world) -> None:  # noqa: ANN001
    care = _submit(review_world, "Care at home")
    services.review_sign_up(review_request=care, person=review_world.member)
    client.force_login(review_world.group_member)
    url = reverse("reviews:place", args=[review_world.group.place_id])
    html = client.get(url).content.decode()
    assert "Being reviewed" in _queue(html)
    place_services.group_leave(group=review_world.group.place, person=review_world.member)
    html = client.get(url).content.decode()
    assert review_world.member.name not in html.split("Who is in the group", 1)[1]
    assert "Waiting for reviewers" in _queue(html)  # the review went back


def test_a_title_naming_an_erased_person_is_forgotten_at_once(client, review_world) -> None:  # noqa: ANN001
    _submit(review_world, "Rita's study of care at home")
    client.force_login(review_world.member)
    url = reverse("reviews:place", args=[review_world.group.place_id])
    assert "Rita&#x27;s study" in client.get(url).content.decode()
    person_delete(person=review_world.researcher)
    html = client.get(url).content.decode()
    assert "Rita&#x27;s study" not in html
    assert "A former member&#x27;s study of care at home" in html


def test_the_members_table_is_shown_fifty_a_page_in_order_of_name(client, review_world) -> None:  # noqa: ANN001
    """Fifty-five members (Mo and Gita among them): the first fifty names, then the
    rest on page two, each once; names shared are in the order people joined."""
    joined = []
    for number in range(53):
        person = UserFactory(display_name=f"Member {number:02d}" if number != 52 else "Member 00")
        CollectiveMembershipFactory(collective=review_world.collective, person=person)
        place_services.group_join(group=review_world.group.place, person=person)
        joined.append(person)
    client.force_login(review_world.member)
    url = reverse("reviews:place", args=[review_world.group.place_id])
    pages = [client.get(url, {"page": number}).content.decode() for number in (1, 2)]
    tables = [html.split("Who is in the group", 1)[1].split("</table>", 1)[0] for html in pages]
    rows = [table.count('<tr class="govuk-table__row"><td') for table in tables]
    assert rows == [50, 5]
    assert 'aria-label="Pages of members"' in pages[0]
    assert "?page=2" in pages[0]
    both = "".join(tables)
    found = [both.index(f">Member {number:02d}</td>") for number in range(52)]
    assert found == sorted(found)
    assert both.count(">Member 00</td>") == 2
    assert client.get(url, {"page": 3}).status_code == 404


def test_only_the_coordinator_is_offered_the_groups_settings_wherever_they_open_it(
    client,
    review_world,
    world,  # noqa: ANN001
) -> None:
    """Cora, who coordinates the collective, changes the group's form from the
    collective's page and from the group's; Mo, in the group, and Cal, in the collective
    only, are not offered it."""
    places = {
        "collective": world.collective_place.pk,
        "group": review_world.group.place_id,
    }
    settings_link = "Change the group’s form and settings"

    def offered(person, where: str) -> bool:  # noqa: ANN001
        client.force_login(person)
        response = client.get(reverse("reviews:place", args=[places[where]]))
        assert response.status_code == 200
        return settings_link in response.content.decode()

    assert offered(review_world.coordinator, "collective")
    assert not offered(review_world.member, "collective")
    assert not offered(review_world.collective_member, "collective")
    assert not offered(review_world.member, "group")
    place_services.group_join(group=review_world.group.place, person=review_world.coordinator)
    assert offered(review_world.coordinator, "group")
