"""Stories about the evidence view: what the record says, beside what the team said."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from levelfield.decisions.models import Outcome
from levelfield.decisions.tests.factories import DecisionFactory
from levelfield.events.models import AgendaItem
from levelfield.events.tests.factories import EventFactory, RegistrationFactory
from levelfield.history.services import change_record
from levelfield.lib.testing.world import World
from levelfield.lib.words import when
from levelfield.projects.tests.factories import InvolvementEntryFactory, ParticipationFactory
from levelfield.reflection import evidence
from levelfield.reflection.models import PerspectiveGroup
from levelfield.reflection.tests.factories import Team, answer_all, close, make_team

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _now_after_the_record(clock: object) -> None:
    """The record below is dated August and October 2026; what is made "now" (decisions)
    falls in the quarter from October, whatever day the suite runs."""
    clock.move_to(datetime.datetime(2026, 11, 18, 10, 0, tzinfo=datetime.UTC))


def _team(world: World, *, public: int, professionals: int) -> Team:
    """A second project in the world's collective, whose members share their perspectives:
    the evidence splits by perspective only from five people in each, more than the
    world's own project has."""
    return make_team(
        public=public,
        professionals=professionals,
        collective=world.collective,
        outsider=world.outsider,
    )


def _record(team: Team) -> None:
    """Public contributors gave 1 hour each, professionals 3 hours each; professionals
    proposed both decisions; one public contributor's idea changed something."""
    entry = InvolvementEntryFactory(
        project=team.project, happened_on=datetime.date(2026, 8, 3), what_changed=""
    )
    for person in team.public:
        ParticipationFactory(entry=entry, person=person, minutes=60)
    for person in team.professionals:
        ParticipationFactory(entry=entry, person=person, minutes=180)
    changed = InvolvementEntryFactory(
        project=team.project,
        happened_on=datetime.date(2026, 10, 5),
        what_changed="The leaflet was rewritten in plain English.",
    )
    ParticipationFactory(entry=changed, person=team.public[0], minutes=30)
    for person in team.professionals[:2]:
        DecisionFactory(place=team.project.place, created_by=person)


def test_the_record_is_split_by_perspective_when_every_group_is_big_enough(
    world: World,
) -> None:
    team = _team(world, public=5, professionals=5)
    _record(team)
    found = evidence.evidence_for(team.project)
    assert found.people.split
    contribution = next(d for d in found.dimensions if d.key == "contribution")
    hours = contribution.figures[0]
    assert hours.total == 5 * 60 + 5 * 180 + 30
    assert hours.by_group[PerspectiveGroup.PUBLIC] == 5 * 60 + 30
    assert hours.by_group[PerspectiveGroup.PROFESSIONAL] == 5 * 180
    agenda = next(d for d in found.dimensions if d.key == "agenda")
    assert agenda.figures[0].by_group == {PerspectiveGroup.PROFESSIONAL: 2}
    change = next(d for d in found.dimensions if d.key == "change")
    assert change.figures[1].total == 1
    assert change.figures[1].by_group == {PerspectiveGroup.PUBLIC: 1}
    assert [quarter.month for quarter in found.quarters] == [7, 10]


def test_small_groups_are_merged_into_everyone(world: World) -> None:
    team = _team(world, public=5, professionals=2)
    _record(team)
    found = evidence.evidence_for(team.project)
    assert not found.people.split
    assert found.people.shown_groups == []


def test_the_page_puts_perceived_scores_beside_the_record_and_links_to_it(
    world: World, client: object
) -> None:
    team = _team(world, public=5, professionals=5)
    _record(team)
    decision = DecisionFactory(place=team.project.place, created_by=team.public[0])
    Outcome.objects.create(
        decision=decision,
        statement="We will meet in the evening.",
        written_by=team.public[0],
        written_at=decision.closes_at,
        updated_at=decision.closes_at,
    )
    checkin = team.open_round(title="Summer check-in")
    answer_all(checkin, team.public, 2)
    answer_all(checkin, team.professionals, 4)
    close(checkin)
    client.force_login(team.public[1])
    url = reverse("reflection:place_evidence", args=[team.project.place.pk])
    page = client.get(url).content.decode()
    assert "Evidence from the record" in page
    for name in ("Voice", "Contribution", "Agenda", "Change"):
        assert f'id="{name.lower()}"' in page
    assert "Summer check-in" in page
    assert "Sharing power" in page and "Large gap" in page
    assert reverse("places:log", args=[team.project.place.pk]) in page
    assert reverse("decisions:project_log", args=[team.project.pk]) in page
    assert reverse("reflection:place_rounds", args=[team.project.place.pk]) in page
    assert "Answers to check-ins" in page
    assert "July to September 2026" in page


def test_meetings_attended_and_agenda_items_proposed_show_in_voice_and_agenda(
    world: World, client: object
) -> None:
    """Public contributors attended two of the project's meetings and proposed agenda
    items; the evidence view counts them by perspective and links to the meetings."""
    team = _team(world, public=5, professionals=5)
    meetings = [
        EventFactory(
            place=team.project.place,
            title=title,
            starts_at=starts_at,
            ends_at=starts_at + datetime.timedelta(hours=1),
        )
        for title, starts_at in (
            ("Spring planning meeting", datetime.datetime(2026, 4, 14, 10, tzinfo=datetime.UTC)),
            ("Summer review meeting", datetime.datetime(2026, 7, 14, 10, tzinfo=datetime.UTC)),
        )
    ]
    for meeting in meetings:
        for person in team.public:
            RegistrationFactory(event=meeting, person=person, attended=True)
        RegistrationFactory(event=meeting, person=team.professionals[0], attended=True)
        # A place taken but not used is not attendance.
        RegistrationFactory(event=meeting, person=team.professionals[1], attended=False)
        for person in team.public[:2]:
            AgendaItem.objects.create(event=meeting, title="Evening meetings", proposed_by=person)
    found = evidence.evidence_for(team.project)
    voice = next(d for d in found.dimensions if d.key == "voice")
    attended = voice.figures[2]
    assert attended.total == 2 * 6
    assert attended.by_group == {PerspectiveGroup.PUBLIC: 10, PerspectiveGroup.PROFESSIONAL: 2}
    assert sorted(attended.by_quarter.values()) == [6, 6]
    agenda = next(d for d in found.dimensions if d.key == "agenda")
    items = agenda.figures[1]
    assert items.total == 4
    assert items.by_group == {PerspectiveGroup.PUBLIC: 4}

    client.force_login(team.public[0])
    url = reverse("reflection:place_evidence", args=[team.project.place.pk])
    page = client.get(url).content.decode()
    assert "Attendance at meetings and events" in page
    assert "Agenda items proposed for meetings and events" in page
    for meeting in meetings:
        assert meeting.title in page
        assert reverse("events:detail", args=[meeting.pk]) in page
        assert reverse("events:agenda", args=[meeting.pk]) in page
    assert "once events are recorded" not in page


def test_attendance_is_not_split_when_a_group_is_too_small(world: World) -> None:
    team = _team(world, public=5, professionals=2)
    meeting = EventFactory(place=team.project.place)
    for person in team.members:
        RegistrationFactory(event=meeting, person=person, attended=True)
    found = evidence.evidence_for(team.project)
    attended = next(d for d in found.dimensions if d.key == "voice").figures[2]
    attended.cells(found.people, found.quarters)
    assert attended.total == 7
    assert attended.group_cells == []


def test_the_page_counts_the_record_once_until_a_change_is_recorded(
    world: World, client: object, clock: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Counting a project's whole record is kept: the page says when it was counted, the
    next visit reads the kept figures, and a change recorded in the project's history
    has them counted again."""
    counted = []
    count = evidence.evidence_for

    def counting(project: object) -> evidence.Evidence:
        counted.append(project)
        return count(project)

    monkeypatch.setattr(evidence, "evidence_for", counting)
    place = world.project_place
    url = reverse("reflection:place_evidence", args=[place.pk])
    client.force_login(world.member)

    first = client.get(url).content.decode()
    assert f"These figures were counted on {when(timezone.now())}." in first
    clock.shift(datetime.timedelta(minutes=2))
    again = client.get(url).content.decode()
    assert "counted on 18 November 2026 at 10:00." in again and len(counted) == 1

    change_record(actor=world.member, action="changed", summary="A change", project=world.project)
    after = client.get(url).content.decode()
    assert "counted on 18 November 2026 at 10:02." in after and len(counted) == 2
