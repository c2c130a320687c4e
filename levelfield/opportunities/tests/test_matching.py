"""People with an account choose topics and kinds of involvement; when an opportunity
that fits goes live they hear about it, once, as often as they chose. Their choices,
their interest and what they wrote are in their data download and go on erasure; the
home page tells coordinators and writers what waits for them."""

from __future__ import annotations

from django.core import mail
from django.test import Client

from levelfield.lib.testing.world import World
from levelfield.notifications.kinds import Frequency
from levelfield.notifications.models import Notification
from levelfield.opportunities import personal, services
from levelfield.opportunities.models import Interest, Opportunity, Preference, Topic
from levelfield.opportunities.tests.conftest import make
from levelfield.people.tests.factories import UserFactory


def _choose(person: object, *, topics: list[str], kinds: list[str], frequency: str) -> None:
    services.preference_save(
        person=person,
        topics=Topic.objects.filter(slug__in=topics),
        involvements=kinds,
        frequency=frequency,
    )


def test_people_whose_choices_fit_are_told_once_as_often_as_they_chose(
    listed: World, django_capture_on_commit_callbacks: object
) -> None:
    straight_away, weekly, other_topic, off = (UserFactory() for _ in range(4))
    _choose(straight_away, topics=["stroke"], kinds=[], frequency=Frequency.IMMEDIATELY)
    _choose(weekly, topics=[], kinds=["advisory_group"], frequency=Frequency.WEEKLY)
    _choose(other_topic, topics=["dementia"], kinds=[], frequency=Frequency.IMMEDIATELY)
    _choose(off, topics=["stroke"], kinds=[], frequency=Frequency.OFF)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        opportunity = make(listed)
    told = Notification.objects.filter(kind="opportunity_match")
    assert set(told.values_list("person", flat=True)) == {straight_away.pk, weekly.pk, off.pk}
    assert told.get(person=weekly).status == "waiting"
    assert told.get(person=off).status == "not_emailed"
    assert [message.to for message in mail.outbox if "New opportunity" in message.subject] == [
        [straight_away.email]
    ]
    assert Opportunity.objects.get(pk=opportunity.pk).matched_at is not None
    # Running the job again tells nobody twice.
    assert services.opportunity_fan_out(opportunity_id=opportunity.pk) == 0
    assert told.count() == 3


def test_the_choices_page_saves_topics_kinds_and_how_often(client: Client, world: World) -> None:
    client.force_login(world.outsider)
    assert client.get("/opportunities/choices/").status_code == 200
    stroke = Topic.objects.get(slug="stroke")
    response = client.post(
        "/opportunities/choices/",
        {"topics": [stroke.pk], "involvements": ["workshop"], "frequency": "daily"},
    )
    assert response.status_code == 302
    preference = Preference.objects.get(person=world.outsider)
    assert list(preference.topics.all()) == [stroke]
    assert preference.involvements == ["workshop"]
    from levelfield.notifications.services import frequency_for

    assert frequency_for(person=world.outsider, kind="opportunity_match") == Frequency.DAILY


def test_choosing_nothing_to_hear_about_says_so(client: Client, world: World) -> None:
    client.force_login(world.outsider)
    response = client.post("/opportunities/choices/", {"frequency": "weekly"})
    assert response.status_code == 400
    assert "Choose at least one topic or kind of involvement." in response.content.decode()
    assert not Preference.objects.exists()


def test_a_visitor_is_sent_to_log_in_for_choices(client: Client, world: World) -> None:
    assert client.get("/opportunities/choices/").status_code == 302


def test_needs_for_the_checker_and_for_a_writer_sent_back(listed: World) -> None:
    waiting = make(listed, state="submitted")
    needs = personal.needs(listed.coordinator)
    assert [need.kind for need in needs] == ["opportunity_check"]
    services.opportunity_send_back(
        opportunity=waiting, actor=listed.coordinator, comments="Say what it pays."
    )
    assert [need.kind for need in personal.needs(listed.member)] == ["opportunity_sent_back"]
    assert personal.needs(listed.coordinator) == []


def test_export_and_erasure_of_interest_by_address(listed: World) -> None:
    opportunity = make(listed)
    person = UserFactory(email="sam@example.org")
    services.interest_express(
        opportunity=opportunity,
        name="Sam",
        email="SAM@example.org",
        why="Because.",
        access_needs="Large print",
    )
    _choose(person, topics=["stroke"], kinds=[], frequency=Frequency.WEEKLY)
    exported = personal.export(person)
    assert exported["your_interest_in_opportunities"][0]["access_needs"] == "Large print"
    assert exported["opportunities_you_want_to_hear_about"][0]["topics"] == ["Stroke"]
    assert personal.export(listed.member)["opportunities_you_wrote"][0]["title"]

    from levelfield.home.services import person_delete

    person_delete(person=person)
    assert not Interest.objects.exists()
    assert not Preference.objects.exists()
