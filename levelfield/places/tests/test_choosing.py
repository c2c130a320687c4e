"""Recording involvement in a big place: choose who took part first (by name, by a
shared perspective, everyone who came to a meeting), then give their time and the
details, saved by the one writer of the log. Small teams keep ticking names on one form.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from levelfield.collectives import roles
from levelfield.events import services as event_services
from levelfield.events.tests.factories import EventFactory, RegistrationFactory
from levelfield.lib.testing.world import World
from levelfield.people.models import PerspectiveKind, User, Visibility
from levelfield.people.tests.factories import PerspectiveFactory, UserFactory
from levelfield.places import choosing
from levelfield.places.models import Place
from levelfield.projects import services as project_services
from levelfield.projects.models import InvolvementEntry, Stage
from levelfield.projects.tests.factories import ProjectMembershipFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("clock")]


def _join(world: World, name: str, **person: object) -> User:
    person = UserFactory(display_name=name, **person)
    ProjectMembershipFactory(project=world.project, person=person)
    return person


class Recorder:
    """A member recording an entry in the world's project, step by step."""

    def __init__(self, world: World, client: Client, person: User) -> None:
        self.place: Place = world.project_place
        self.client = client
        client.force_login(person)

    def url(self, name: str) -> str:
        return reverse(f"places:{name}", args=[self.place.pk])

    def step_one(self, query: str = "") -> str:
        response = self.client.get(self.url("log_add") + query)
        assert response.status_code == 200
        return response.content.decode()

    def choose(self, **data: object):  # noqa: ANN201 (a test response)
        return self.client.post(self.url("log_choose"), data)

    def details(self, **data: object):  # noqa: ANN201
        return self.client.post(self.url("log_details"), data)


def _entry(**changes: str) -> dict[str, str]:
    return {
        "title": "Interview questions workshop",
        "happened_on": "2026-06-03",
        "stage": "design",
        "kind": "meeting",
        "same_hours": "2",
        **changes,
    }


@pytest.fixture
def recorder(world: World, client: Client, big_places: None) -> Recorder:
    return Recorder(world, client, world.coordinator)


def test_a_coordinator_finds_people_by_name_and_records_their_time(
    world: World, recorder: Recorder
) -> None:
    priya = _join(world, "Priya Shah")
    _join(world, "Pete Stone")

    page = recorder.step_one()
    assert "Who took part?" in page and "Chosen so far: 0 people" in page

    found = recorder.step_one("?q=pri+sha")
    assert "Priya Shah" in found and "Pete Stone" not in found
    response = recorder.choose(action="add", person=priya.pk, q="pri sha")
    assert response.status_code == 302 and response["Location"].endswith("?q=pri+sha")
    recorder.choose(action="add", person=world.member.pk)

    page = recorder.step_one("?q=pri")
    assert "Chosen so far: 2 people" in page and "Take out<span" in page

    assert recorder.choose(action="continue")["Location"] == recorder.url("log_details")
    form = recorder.client.get(recorder.url("log_details")).content.decode()
    assert "2 people took part" in form and "Priya Shah" in form and "Pete Stone" not in form

    response = recorder.details(**_entry(**{f"hours_{priya.pk}": "3.5"}))

    assert response.status_code == 302
    entry = InvolvementEntry.objects.get()
    assert entry.recorded_by == world.coordinator
    assert sorted((p.person.name, p.minutes) for p in entry.participations.all()) == [
        ("Mo", 120),
        ("Priya Shah", 210),
    ]
    # The draft is gone: the next entry starts with nobody.
    assert "Chosen so far: 0 people" in recorder.step_one()


def test_a_search_finds_someone_who_joins_or_leaves_at_once(
    world: World, recorder: Recorder
) -> None:
    """The people a search finds are kept per the place's members version: someone
    joining is found on the next search, and someone leaving is not."""
    cal = world.collective_member
    assert "Nobody in the project has a name with “cal” in it" in recorder.step_one("?q=cal")

    project_services.project_member_add(
        project=world.project, person=cal, added_by=world.coordinator
    )
    found = recorder.step_one("?q=cal")
    assert "1 person found" in found and f'value="{cal.pk}"' in found

    project_services.project_leave(project=world.project, person=cal)
    assert "Nobody in the project has a name" in recorder.step_one("?q=cal")


def test_the_rows_found_show_a_new_name_and_carry_the_recorders_own_token(
    world: World, big_places: None
) -> None:
    """The rows of people found are kept under what they show, so a renamed member's
    row shows their new name at once; each row's form carries the recorder's own CSRF
    token, put in after (a kept row never holds anyone's token)."""
    priya = _join(world, "Priya Shah")
    client = Client(enforce_csrf_checks=True)
    recorder = Recorder(world, client, world.coordinator)
    assert "Priya Shah" in recorder.step_one("?q=priya")

    priya.display_name = "Priya Stone"
    priya.save()
    found = recorder.step_one("?q=priya")
    assert "Priya Stone" in found and "Priya Shah" not in found

    token = re.search(r'name="csrfmiddlewaretoken" value="(\w+)"', found[found.index("<tbody") :])
    assert token is not None
    response = recorder.choose(action="add", person=priya.pk, csrfmiddlewaretoken=token[1])
    assert response.status_code == 302
    assert "Chosen so far: 1 person" in recorder.step_one("?q=priya")


def test_everyone_who_shares_a_perspective_means_only_those_who_chose_to_share_it(
    world: World, recorder: Recorder
) -> None:
    sharing = _join(world, "Carol Carer")
    private = _join(world, "Kim Keeps", perspectives_visibility=Visibility.ONLY_ME)
    outside = world.outsider  # shares it too, but is not in the project
    for person in (sharing, private, outside):
        PerspectiveFactory(person=person, kind=PerspectiveKind.CARER)

    recorder.choose(action="add_perspective", perspective=PerspectiveKind.CARER)
    page = recorder.step_one()

    assert "Everyone who shares the perspective Carer" in page
    assert "Chosen so far: 1 person" in page
    recorder.details(**_entry())
    assert [p.person for p in InvolvementEntry.objects.get().participations.all()] == [sharing]


def test_someone_in_a_group_can_be_taken_out_and_put_back(
    world: World, recorder: Recorder
) -> None:
    carers = [_join(world, f"Carer {n}") for n in range(3)]
    for person in carers:
        PerspectiveFactory(person=person, kind=PerspectiveKind.CARER)
    recorder.choose(action="add_perspective", perspective=PerspectiveKind.CARER)

    recorder.choose(action="remove", person=carers[0].pk)
    page = recorder.step_one()
    assert "Chosen so far: 2 people" in page and "Taken out, though in a group" in page

    recorder.choose(action="put_back", person=carers[0].pk)
    assert "Chosen so far: 3 people" in recorder.step_one()


def test_everyone_who_came_to_a_meeting_is_added_at_once(world: World, recorder: Recorder) -> None:
    came = _join(world, "Ade Came")
    stayed_home = _join(world, "Sam Home")
    event = EventFactory(
        place=world.project_place,
        title="Stroke cafe",
        starts_at=timezone.now() - datetime.timedelta(days=2),
    )
    places = [RegistrationFactory(event=event, person=p) for p in (came, stayed_home)]
    event_services.attendance_record(event=event, actor=world.coordinator, attended=[places[0].pk])

    page = recorder.step_one()
    assert "Everyone who came to Stroke cafe on" in page
    recorder.choose(action="add_group", group=f"events:{event.pk}")

    page = recorder.step_one()
    assert "Chosen so far: 1 person" in page
    recorder.details(**_entry(title="Follow-up"))
    entry = InvolvementEntry.objects.get(title="Follow-up")
    assert [p.person for p in entry.participations.all()] == [came]


def test_someone_who_is_not_a_member_is_refused_by_name_and_nothing_chosen_is_lost(
    world: World, recorder: Recorder
) -> None:
    recorder.choose(action="add", person=world.member.pk)

    response = recorder.choose(action="add", person=world.outsider.pk)
    page = response.content.decode()

    assert response.status_code == 200
    assert "Who took part: choose people who are members of the project" in page
    assert "Chosen so far: 1 person" in page and "Mo" in page
    taking_out = recorder.choose(action="remove", person=world.outsider.pk).content.decode()
    assert "choose people who are members" in taking_out and world.outsider.name not in taking_out
    bad_meeting = recorder.choose(action="add_group", group="events:99999").content.decode()
    assert "Choose a meeting from the list" in bad_meeting and "Chosen so far: 1 person" in page


def test_nobody_chosen_is_named_plainly_at_either_step(world: World, recorder: Recorder) -> None:
    page = recorder.choose(action="continue").content.decode()
    assert "Choose at least one person who took part" in page

    # Step 2 with nobody chosen sends you to step 1; sending it says why.
    assert recorder.client.get(recorder.url("log_details"))["Location"] == recorder.url("log_add")
    sent = recorder.details(**_entry())
    assert "Choose at least one person who took part" in sent.content.decode()
    assert not InvolvementEntry.objects.exists()


def test_a_mistake_in_step_two_is_named_and_the_chosen_people_are_kept(
    world: World, recorder: Recorder
) -> None:
    recorder.choose(action="add", person=world.member.pk)

    page = recorder.details(**_entry(title="", same_hours="")).content.decode()

    assert "Enter what happened" in page and "Enter the hours each person spent" in page
    assert "1 person took part" in page
    assert not InvolvementEntry.objects.exists()


def test_step_two_shows_who_was_chosen_today_and_the_current_stage(
    world: World, recorder: Recorder, clock: object
) -> None:
    """Step 2's fields are kept under what they show: the rows of the people chosen,
    the date it happened (today) and the project's stage change them at once."""
    recorder.choose(action="add", person=world.member.pk)
    form = recorder.client.get(recorder.url("log_details")).content.decode()
    assert f'name="hours_{world.member.pk}"' in form and "2026-" in form

    recorder.choose(action="add", person=world.coordinator.pk)
    world.project.stage = Stage.ANALYSIS
    world.project.save()
    clock.shift(datetime.timedelta(days=1))
    again = recorder.client.get(recorder.url("log_details")).content.decode()

    assert f'name="hours_{world.coordinator.pk}"' in again
    today = timezone.localdate().isoformat()
    assert f'value="{today}"' in again and f'value="{today}"' not in form
    assert 'value="analysis" checked' in again and 'value="analysis" checked' not in form


def test_over_a_hundred_people_share_one_time(
    world: World, recorder: Recorder, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(choosing, "ROWS_SHOWN", 1)
    recorder.choose(action="add", person=world.member.pk)
    recorder.choose(action="add", person=world.coordinator.pk)

    form = recorder.client.get(recorder.url("log_details")).content.decode()
    assert "everyone gets the same time" in form and f"hours_{world.member.pk}" not in form

    recorder.details(**_entry(same_hours="1.5"))
    assert sorted(p.minutes for p in InvolvementEntry.objects.get().participations.all()) == [
        90,
        90,
    ]


def test_people_outside_get_not_found_and_a_member_who_may_not_record_is_refused(
    world: World, client: Client, big_places: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    place = world.project_place.pk
    urls = [reverse(f"places:{name}", args=[place]) for name in ("log_add", "log_details")]
    client.force_login(world.collective_member)  # in the collective, not the project
    assert [client.get(url).status_code for url in urls] == [404, 404]
    assert client.post(reverse("places:log_choose", args=[place]), {}).status_code == 404

    monkeypatch.setitem(roles.RULES, roles.Action.RECORD_INVOLVEMENT, roles.Who.THE_COORDINATOR)
    client.force_login(world.member)
    assert [client.get(url).status_code for url in urls] == [403, 403]
    choose = reverse("places:log_choose", args=[place])
    assert client.post(choose, {"action": "add", "person": world.member.pk}).status_code == 403


def test_searching_and_opening_the_steps_never_write_the_session(
    world: World, recorder: Recorder
) -> None:
    recorder.choose(action="add", person=world.member.pk)
    recorder.step_one()  # reads the "Added" message once
    for url in (recorder.url("log_add") + "?q=mo", recorder.url("log_details")):
        with CaptureQueriesContext(connection) as queries:
            assert recorder.client.get(url).status_code == 200
        writes = [
            q["sql"]
            for q in queries
            if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
        ]
        assert not writes, writes


def test_a_small_team_still_ticks_names_on_one_form(world: World, client: Client) -> None:
    client.force_login(world.coordinator)
    form = client.get(reverse("places:log_add", args=[world.project_place.pk])).content.decode()
    assert f"took_part_{world.member.pk}" in form and "Who took part?" not in form


def _queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_steps_ask_as_many_queries_for_10_members_as_for_2000(
    world: World, client: Client, big_places: None
) -> None:
    def counts(add: Callable[[int], None], total: int) -> tuple[int, int]:
        add(total)
        recorder = Recorder(world, client, world.coordinator)
        recorder.choose(action="add", person=world.member.pk)
        recorder.choose(action="add_perspective", perspective=PerspectiveKind.CARER)
        recorder.step_one()  # the flash messages, once
        return (
            _queries(client, recorder.url("log_add") + "?q=member&page=1"),
            _queries(client, recorder.url("log_details")),
        )

    def add(total: int) -> None:
        already = choosing.members(world.project_place).count()
        people = UserFactory.create_batch(total - already, display_name="A member")
        for person in people:
            ProjectMembershipFactory(project=world.project, person=person)

    few = counts(add, 10)
    many = counts(add, 2000)

    assert few == many


def _recorded_entry(world: World, *people: User) -> InvolvementEntry:
    from levelfield.places.services import EntryValues, involvement_entry_write

    return involvement_entry_write(
        place=world.project_place,
        actor=world.coordinator,
        values=EntryValues(
            title="Advisory group",
            description="",
            happened_on=datetime.date(2026, 6, 3),
            stage="design",
            kind="meeting",
            what_changed="",
        ),
        participants={person.pk: 90 for person in people},
    )


def test_correcting_an_entry_in_a_big_place_lists_only_the_people_it_has(
    world: World, client: Client, big_places: None
) -> None:
    """A 10,000-member project's correction form would list everyone (12 MB): it lists
    the people recorded, who can be taken out, and says how to add someone."""
    ana, bo = _join(world, "Ana Recorded"), _join(world, "Bo Recorded")
    stranger = _join(world, "Cy Not Recorded")
    entry = _recorded_entry(world, ana, bo)
    url = reverse("places:log_edit", args=[world.project_place.pk, entry.pk])
    client.force_login(world.coordinator)

    page = client.get(url).content.decode()
    assert "Ana Recorded" in page and "Bo Recorded" in page
    assert stranger.name not in page and f"took_part_{stranger.pk}" not in page
    assert "record a new entry" in page

    client.post(
        url,
        {
            **_entry(title="Advisory group"),
            f"took_part_{ana.pk}": "on",
            f"hours_{ana.pk}": "2",
            f"hours_{bo.pk}": "1.5",
        },
    )
    minutes = dict(entry.participations.values_list("person__display_name", "minutes"))
    assert minutes == {"Ana Recorded": 120}


def test_the_correction_form_asks_as_many_queries_for_10_members_as_for_500(
    world: World, client: Client, big_places: None
) -> None:
    ana = _join(world, "Ana Recorded")
    entry = _recorded_entry(world, ana, world.member)
    url = reverse("places:log_edit", args=[world.project_place.pk, entry.pk])
    client.force_login(world.coordinator)
    few = _queries(client, url)
    for person in UserFactory.create_batch(500, display_name="A member"):
        ProjectMembershipFactory(project=world.project, person=person)
    assert _queries(client, url) == few
