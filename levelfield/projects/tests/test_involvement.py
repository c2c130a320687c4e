"""The involvement log: recording who took part, for how long, and what changed."""

from __future__ import annotations

import datetime
import re

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from levelfield.history.models import Change
from levelfield.people.models import PerspectiveKind, User, Visibility
from levelfield.people.tests.factories import PerspectiveFactory, UserFactory
from levelfield.places.models import PlaceMembership
from levelfield.projects import services
from levelfield.projects.models import (
    ActivityKind,
    InvolvementEntry,
    Participation,
    Project,
    Stage,
)
from levelfield.projects.tests.factories import (
    InvolvementEntryFactory,
    ParticipationFactory,
    ProjectMembershipFactory,
)
from levelfield.projects.tests.pages import error_summary_links, text


def _entry_data(**changes: str) -> dict[str, str]:
    data = {
        "title": "Advisory group on the interview questions",
        "description": "We read the draft questions together.",
        "happened_on": timezone.localdate().isoformat(),
        "stage": Stage.DESIGN,
        "kind": ActivityKind.WORKSHOP,
        "what_changed": "Two questions were rewritten in plainer words.",
    }
    data.update(changes)
    return data


def _took_part(person: User, hours: str) -> dict[str, str]:
    return {f"took_part_{person.pk}": "on", f"hours_{person.pk}": hours}


# Recording


def test_a_member_records_who_took_part_and_how_long_each_spent(
    client: Client, project: Project, member: User, coordinator: User
) -> None:
    client.force_login(member)
    url = reverse("places:log_add", args=[project.place.pk])

    form = client.get(url).content.decode()
    response = client.post(
        url, {**_entry_data(), **_took_part(member, "1.5"), **_took_part(coordinator, "2")}
    )

    # Every member has a labelled "took part" box and a labelled hours box.
    for person in (member, coordinator):
        assert (
            f'for="id_took_part_{person.pk}">Took part<span class="govuk-visually-hidden">: '
            in (form)
        )
        assert f'for="id_hours_{person.pk}">Hours {person.name} spent</label>' in form
    assert 'id="id_stage_1" name="stage" type="radio" value="design" checked' in form
    assert response.status_code == 302
    assert response["Location"] == reverse("places:log", args=[project.place.pk])
    entry = InvolvementEntry.objects.get()
    assert entry.place == project.place and entry.recorded_by == member
    assert entry.kind == ActivityKind.WORKSHOP and entry.stage == Stage.DESIGN
    assert sorted(entry.participations.values_list("person__display_name", "minutes")) == [
        ("Amara", 120),
        ("Mo", 90),
    ]
    change = Change.objects.get(project=project, action="entry_created")
    assert change.actor == member
    assert change.subject_id == entry.pk
    assert change.after["participants"] == [
        {"person": "Amara", "person_id": coordinator.pk, "minutes": 120},
        {"person": "Mo", "person_id": member.pk, "minutes": 90},
    ]
    assert change.after["what_changed"] == "Two questions were rewritten in plainer words."


@pytest.mark.parametrize(
    ("hours", "minutes"),
    [("1", 60), ("0.25", 15), ("0.333", 20), ("1.2583", 75), ("1.2584", 76), ("24", 1440)],
)
def test_hours_are_kept_as_whole_minutes_rounded_to_the_nearest(
    client: Client, project: Project, member: User, hours: str, minutes: int
) -> None:
    client.force_login(member)

    client.post(
        reverse("places:log_add", args=[project.place.pk]),
        {**_entry_data(), **_took_part(member, hours)},
    )

    assert Participation.objects.get().minutes == minutes


def test_a_date_up_to_a_day_ahead_is_accepted_for_people_in_other_time_zones(
    client: Client, project: Project, member: User
) -> None:
    client.force_login(member)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)

    client.post(
        reverse("places:log_add", args=[project.place.pk]),
        {**_entry_data(happened_on=tomorrow.isoformat()), **_took_part(member, "1")},
    )

    assert InvolvementEntry.objects.get().happened_on == tomorrow


@pytest.mark.parametrize("typed", ["27/3/2020", "27/03/2020", "2020-03-27"])
def test_a_date_typed_by_hand_is_understood(
    client: Client, project: Project, member: User, typed: str
) -> None:
    client.force_login(member)

    client.post(
        reverse("places:log_add", args=[project.place.pk]),
        {**_entry_data(happened_on=typed), **_took_part(member, "1")},
    )

    assert InvolvementEntry.objects.get().happened_on == datetime.date(2020, 3, 27)


@pytest.mark.parametrize(
    ("changes", "hours", "message", "target"),
    [
        (
            {"happened_on": "future"},
            "1",
            "The date cannot be in the future",
            "#id_happened_on",
        ),
        ({"happened_on": "31/02/2026"}, "1", "Enter a real date, for example 27/3/2026", None),
        ({"happened_on": ""}, "1", "Enter the date it happened", None),
        ({}, "0", "The hours Mo spent must be more than 0", "#id_hours_{member}"),
        ({}, "-1", "The hours Mo spent must be more than 0", "#id_hours_{member}"),
        ({}, "25", "The hours Mo spent must be 24 or fewer", "#id_hours_{member}"),
        ({}, "abc", "Enter the hours Mo spent as a number, like 1.5", "#id_hours_{member}"),
        ({}, "NaN", "Enter the hours Mo spent as a number, like 1.5", "#id_hours_{member}"),
        ({}, "", "Enter how many hours Mo spent, like 1.5", "#id_hours_{member}"),
        ({}, "0.001", "The time Mo spent must be at least 1 minute", "#id_hours_{member}"),
        ({"title": ""}, "1", "Enter what happened", "#id_title"),
        ({"stage": "moon"}, "1", None, "#id_stage_0"),
        ({"kind": ""}, "1", "Choose what kind of activity it was", "#id_kind_0"),
    ],
)
def test_bad_input_is_refused_with_a_message_linking_to_the_field(
    client: Client,
    project: Project,
    member: User,
    changes: dict[str, str],
    hours: str,
    message: str | None,
    target: str | None,
) -> None:
    changes_before = Change.objects.count()
    if changes.get("happened_on") == "future":
        changes = {"happened_on": (timezone.localdate() + datetime.timedelta(days=2)).isoformat()}
    client.force_login(member)

    response = client.post(
        reverse("places:log_add", args=[project.place.pk]),
        {**_entry_data(**changes), **_took_part(member, hours)},
    )

    assert response.status_code == 200
    errors = error_summary_links(response.content.decode())
    assert len(errors) == 1, errors
    if message:
        assert message in errors
    if target:
        assert list(errors.values()) == [target.format(member=member.pk)]
    assert not InvolvementEntry.objects.exists()
    assert Change.objects.count() == changes_before  # the world's own, no more


def test_an_entry_needs_at_least_one_person_who_took_part(
    client: Client, project: Project, member: User, coordinator: User
) -> None:
    client.force_login(member)

    response = client.post(
        reverse("places:log_add", args=[project.place.pk]),
        # Hours without the "took part" tick do not count.
        {**_entry_data(), f"hours_{coordinator.pk}": "2"},
    )

    html = response.content.decode()
    first = PlaceMembership.objects.of_project(project).order_by("joined_at", "pk")[0]
    assert error_summary_links(html) == {
        "Tick at least one person who took part": f"#id_took_part_{first.person_id}"
    }
    assert 'id="participants-error" class="govuk-error-message"' in html
    assert not InvolvementEntry.objects.exists()


def test_hours_for_someone_outside_the_project_are_ignored(
    client: Client, project: Project, member: User, outsider: User
) -> None:
    client.force_login(member)

    client.post(
        reverse("places:log_add", args=[project.place.pk]),
        {**_entry_data(), **_took_part(member, "1"), **_took_part(outsider, "5")},
    )

    assert list(Participation.objects.values_list("person", "minutes")) == [(member.pk, 60)]


def test_the_service_refuses_people_outside_the_project_and_empty_entries(
    project: Project, member: User, outsider: User
) -> None:
    values = {
        "place": project.place,
        "recorded_by": member,
        "title": "Meeting",
        "happened_on": timezone.localdate(),
        "stage": Stage.DESIGN,
        "kind": ActivityKind.MEETING,
    }
    with pytest.raises(ValidationError, match="not a member of this project"):
        services.involvement_entry_create(**values, participants={outsider: 60})
    with pytest.raises(ValidationError, match="at least one person"):
        services.involvement_entry_create(**values, participants={})
    with pytest.raises(ValidationError, match="at most 24 hours"):
        services.involvement_entry_create(**values, participants={member: 24 * 60 + 1})
    assert not InvolvementEntry.objects.exists()


# Correcting


def test_an_approver_corrects_an_entry_and_its_history_keeps_before_and_after(
    client: Client, project: Project, member: User, coordinator: User
) -> None:
    # Amara coordinates the collective, so she approves payment claims and may
    # correct other people's hours (hours can be paid).
    PlaceMembership.objects.in_collectives().filter(person=coordinator).update(
        coordinator_since=timezone.now()
    )
    entry = InvolvementEntryFactory(
        project=project,
        title="Meeting",
        recorded_by=member,
        happened_on=datetime.date(2025, 10, 1),
    )
    ParticipationFactory(entry=entry, person=member, minutes=90)
    ParticipationFactory(entry=entry, person=coordinator, minutes=60)
    newcomer = ProjectMembershipFactory(project=project, person__display_name="Nia").person
    client.force_login(coordinator)
    url = reverse("places:log_edit", args=[project.place.pk, entry.pk])

    form = client.get(url).content.decode()
    response = client.post(
        url,
        {
            **_entry_data(title="Meeting", happened_on="2025-10-01", kind=ActivityKind.MEETING),
            **_took_part(member, "2"),
            f"hours_{coordinator.pk}": "1",  # no longer ticked: Amara is taken off
            **_took_part(newcomer, "0.5"),
        },
    )

    assert re.search(rf'id="id_took_part_{member.pk}" [^>]*checked', form)
    assert (
        f'name="hours_{member.pk}" type="text" inputmode="decimal" spellcheck="false" value="1.5"'
        in form
    )
    assert not re.search(rf'id="id_took_part_{newcomer.pk}" [^>]*checked', form)
    assert response.status_code == 302
    assert response["Location"] == reverse("places:log_entry", args=[project.place.pk, entry.pk])
    assert sorted(entry.participations.values_list("person__display_name", "minutes")) == [
        ("Mo", 120),
        ("Nia", 30),
    ]
    change = Change.objects.get(action="entry_updated")
    assert change.actor == coordinator
    assert change.subject_id == entry.pk
    assert change.before["participants"] == [
        {"person": "Amara", "person_id": coordinator.pk, "minutes": 60},
        {"person": "Mo", "person_id": member.pk, "minutes": 90},
    ]
    assert change.after["participants"] == [
        {"person": "Mo", "person_id": member.pk, "minutes": 120},
        {"person": "Nia", "person_id": newcomer.pk, "minutes": 30},
    ]
    assert change.before["kind"] == change.after["kind"] == "Meeting"
    assert change.before["what_changed"] == "We changed the interview questions."
    assert change.after["what_changed"] == "Two questions were rewritten in plainer words."

    assert change.summary == (
        "Amara corrected “Meeting” in the involvement log, changing Mo’s time as an approver"
    )
    page = text(client.get(response["Location"]).content.decode())
    assert "Amara corrected “Meeting” in the involvement log" in page
    assert "Who took part Amara: 1 hour; Mo: 1.5 hours Mo: 2 hours; Nia: 0.5 hours" in page


def test_a_correction_that_changes_nothing_adds_nothing_to_the_history(
    client: Client, project: Project, member: User
) -> None:
    changes_before = Change.objects.count()
    entry = InvolvementEntryFactory(
        project=project, description="", what_changed="", happened_on=datetime.date(2025, 10, 1)
    )
    ParticipationFactory(entry=entry, person=member, minutes=90)
    client.force_login(member)

    client.post(
        reverse("places:log_edit", args=[project.place.pk, entry.pk]),
        {
            "title": entry.title,
            "happened_on": "2025-10-01",
            "stage": entry.stage,
            "kind": entry.kind,
            **_took_part(member, "1.5"),
        },
    )

    assert Change.objects.count() == changes_before  # the world's own, no more


def test_time_from_people_who_left_or_deleted_their_account_is_kept_on_correction(
    client: Client, project: Project, member: User
) -> None:
    entry = InvolvementEntryFactory(project=project, title="Workshop")
    ParticipationFactory(entry=entry, person=member, minutes=60)
    leaver = UserFactory(display_name="Lee")
    ParticipationFactory(entry=entry, person=leaver, minutes=45)
    deleted = UserFactory(display_name="Dee")
    ParticipationFactory(entry=entry, person=deleted, minutes=180)
    deleted.delete()
    client.force_login(member)
    url = reverse("places:log_edit", args=[project.place.pk, entry.pk])

    form = text(client.get(url).content.decode())
    client.post(
        url,
        {
            **_entry_data(title="Workshop"),
            **_took_part(member, "1.5"),
            **_took_part(leaver, "0.75"),
        },
    )

    assert "Lee (no longer in the project)" in form
    assert "A former member Yes (kept as recorded) 3 hours" in form
    assert sorted(entry.participations.values_list("person", "minutes"), key=str) == sorted(
        [(member.pk, 90), (leaver.pk, 45), (None, 180)], key=str
    )


def test_only_the_person_or_an_approver_changes_someones_hours_and_they_are_told(
    client: Client,
    project: Project,
    member: User,
    coordinator: User,
    django_capture_on_commit_callbacks: object,
    mailoutbox: list,
) -> None:
    changes_before = Change.objects.count()
    entry = InvolvementEntryFactory(project=project, title="Workshop")
    ParticipationFactory(entry=entry, person=member, minutes=60)
    ParticipationFactory(entry=entry, person=coordinator, minutes=60)
    newcomer = ProjectMembershipFactory(project=project, person__display_name="Nia").person
    url = reverse("places:log_edit", args=[project.place.pk, entry.pk])

    # Amara (who coordinates the project, not the collective) may change her own time
    # and add someone, but not change or take away Mo's: hours can be paid.
    client.force_login(coordinator)
    for gordon in (_took_part(member, "2"), {}):
        response = client.post(
            url,
            {
                **_entry_data(title="Workshop"),
                **gordon,
                **_took_part(coordinator, "2"),
                **_took_part(newcomer, "1"),
            },
        )
        assert response.status_code == 200
        assert "You cannot change Mo’s time: ask them to correct it." in text(
            response.content.decode()
        )
    assert sorted(entry.participations.values_list("person", "minutes")) == sorted(
        [(member.pk, 60), (coordinator.pk, 60)]
    )
    assert Change.objects.count() == changes_before  # the world's own, no more
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url,
            {
                **_entry_data(title="Workshop"),
                **_took_part(member, "1"),
                **_took_part(coordinator, "2"),
                **_took_part(newcomer, "1"),
            },
        )
    assert response.status_code == 302
    assert [m.to for m in mailoutbox] == [[newcomer.email]]  # Nia is told she was added

    # Mo changes his own time; once Amara coordinates the collective she may
    # correct his time too, and he is told.
    client.force_login(member)
    client.post(
        url,
        {
            **_entry_data(title="Workshop"),
            **_took_part(member, "1.5"),
            **_took_part(coordinator, "2"),
            **_took_part(newcomer, "1"),
        },
    )
    assert entry.participations.get(person=member).minutes == 90
    PlaceMembership.objects.in_collectives().filter(person=coordinator).update(
        coordinator_since=timezone.now()
    )
    client.force_login(coordinator)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            url,
            {
                **_entry_data(title="Workshop"),
                **_took_part(member, "1.25"),
                **_took_part(coordinator, "2"),
                **_took_part(newcomer, "1"),
            },
        )
    assert entry.participations.get(person=member).minutes == 75
    assert [m.to for m in mailoutbox] == [[member.email]]
    assert "from 1.5 hours to 1.25 hours" in mailoutbox[0].body
    change = Change.objects.filter(action="entry_updated").latest("id")
    assert (change.actor, change.summary.endswith("changing Mo’s time as an approver")) == (
        coordinator,
        True,
    )


def test_an_entry_of_only_former_members_can_be_corrected_without_ticking_anyone(
    client: Client, project: Project, member: User
) -> None:
    entry = InvolvementEntryFactory(project=project, title="Old meeting")
    ParticipationFactory(entry=entry, person=None, minutes=60)
    client.force_login(member)

    response = client.post(
        reverse("places:log_edit", args=[project.place.pk, entry.pk]),
        _entry_data(title="Old meeting, renamed"),
    )

    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.title == "Old meeting, renamed"
    assert list(entry.participations.values_list("person", "minutes")) == [(None, 60)]


# Reading the log


def test_the_log_shows_each_entry_with_its_people_hours_and_what_changed(
    client: Client, project: Project, member: User, coordinator: User
) -> None:
    entry = InvolvementEntryFactory(
        project=project,
        title="Interview practice",
        happened_on=datetime.date(2026, 3, 5),
        stage=Stage.DOING,
        kind=ActivityKind.INTERVIEW,
        what_changed="We added a break halfway through.",
    )
    ParticipationFactory(entry=entry, person=member, minutes=90)
    ParticipationFactory(entry=entry, person=coordinator, minutes=30)
    client.force_login(member)

    html = client.get(reverse("places:log", args=[project.place.pk])).content.decode()

    words = text(html)
    assert (
        "Interview practice Correct Interview practice Date 5 March 2026 "
        "Stage Doing the research (data collection) Kind of activity Interview "
        "Who took part Mo: 1.5 hours Amara: 0.5 hours Total time 2 hours "
        "What changed because of it We added a break halfway through." in words
    )
    assert reverse("home:person", args=[coordinator.pk]) in html
    assert reverse("places:log_entry", args=[project.place.pk, entry.pk]) in html


def test_the_log_shows_an_entry_as_soon_as_it_is_recorded_or_corrected(
    client: Client, project: Project, member: User, coordinator: User
) -> None:
    """The log's page of entries is kept per version of the log: every write moves it."""
    log = reverse("places:log", args=[project.place.pk])
    client.force_login(member)
    assert "Nothing is recorded yet." in text(client.get(log).content.decode())

    entry = services.involvement_entry_create(
        place=project.place,
        recorded_by=coordinator,
        title="Reading group",
        happened_on=datetime.date(2026, 3, 5),
        stage=Stage.DESIGN,
        kind=ActivityKind.MEETING,
        participants={member: 60},
    )
    words = text(client.get(log).content.decode())
    assert "Reading group Correct Reading group" in words
    assert "Who took part Mo: 1 hour Total time 1 hour" in words

    services.involvement_entry_update(
        entry=entry,
        actor=coordinator,
        title="Reading group, second week",
        happened_on=datetime.date(2026, 3, 5),
        stage=Stage.DESIGN,
        kind=ActivityKind.MEETING,
        participants={member: 60, coordinator: 30},
    )
    words = text(client.get(log).content.decode())
    assert "Reading group, second week Correct" in words
    assert "Who took part Mo: 1 hour Amara: 0.5 hours Total time 1.5 hours" in words
    assert "1.5 hours given in total." in words


def test_the_log_totals_hours_by_stage_and_by_perspective(
    client: Client, project: Project, member: User, coordinator: User
) -> None:
    PerspectiveFactory(person=member, kind=PerspectiveKind.LIVED_EXPERIENCE)
    PerspectiveFactory(person=member, kind=PerspectiveKind.CARER)
    PerspectiveFactory(person=coordinator, kind=PerspectiveKind.RESEARCHER)
    private = UserFactory(perspectives_visibility=Visibility.ONLY_ME)
    PerspectiveFactory(person=private, kind=PerspectiveKind.CARER)
    PerspectiveFactory(person=private, kind=PerspectiveKind.PRACTITIONER)
    ProjectMembershipFactory(project=project, person=private)
    design = InvolvementEntryFactory(project=project, stage=Stage.DESIGN)
    analysis = InvolvementEntryFactory(project=project, stage=Stage.ANALYSIS)
    ParticipationFactory(entry=design, person=member, minutes=60)
    ParticipationFactory(entry=design, person=coordinator, minutes=120)
    ParticipationFactory(entry=analysis, person=member, minutes=30)
    ParticipationFactory(entry=analysis, person=private, minutes=45)
    ParticipationFactory(entry=analysis, person=None, minutes=15)
    client.force_login(member)

    response = client.get(reverse("places:log", args=[project.place.pk]))

    words = text(response.content.decode())
    assert "4.5 hours given in total." in words
    assert "By research stage Stage Entries Time given Design 1 3 hours Analysis 1 1.5 hours" in (
        words
    )
    assert (
        "By perspective Perspective Time given "
        "Lived experience of a condition 1.5 hours Carer 1.5 hours Researcher 2 hours "
        "Perspective not shared 0.75 hours Former members 0.25 hours" in words
    )


def test_the_log_filters_by_stage_and_kind(client: Client, project: Project, member: User) -> None:
    InvolvementEntryFactory(project=project, title="Design meeting", stage=Stage.DESIGN)
    InvolvementEntryFactory(
        project=project, title="Analysis workshop", stage=Stage.ANALYSIS, kind="workshop"
    )
    InvolvementEntryFactory(project=project, title="Analysis meeting", stage=Stage.ANALYSIS)
    client.force_login(member)
    url = reverse("places:log", args=[project.place.pk])

    by_stage = text(client.get(url, {"stage": "analysis"}).content.decode())
    by_both = text(client.get(url, {"stage": "analysis", "kind": "workshop"}).content.decode())

    assert "Entries matching your choice (2)" in by_stage
    assert "Analysis workshop" in by_stage and "Analysis meeting" in by_stage
    assert "Design meeting" not in by_stage
    assert "Entries matching your choice (1)" in by_both
    assert "Analysis meeting" not in by_both


@pytest.mark.parametrize(
    ("query", "message", "target"),
    [
        ({"stage": "moon"}, "Choose a stage from the list", "#id_stage"),
        ({"kind": "<script>"}, "Choose a kind of activity from the list", "#id_kind"),
    ],
)
def test_a_bad_filter_is_explained_and_every_entry_still_shown(
    client: Client, project: Project, member: User, query: dict, message: str, target: str
) -> None:
    InvolvementEntryFactory(project=project, title="Design meeting")
    client.force_login(member)

    response = client.get(reverse("places:log", args=[project.place.pk]), query)

    html = response.content.decode()
    assert response.status_code == 200
    assert error_summary_links(html) == {message: target}
    assert "All entries (1)" in text(html)
    assert "<script>" not in html


@pytest.mark.parametrize("page_number", ["2", "abc", "", "-1", "999"])
def test_the_log_is_paginated_and_a_bad_page_number_is_not_an_error(
    client: Client, project: Project, member: User, page_number: str
) -> None:
    for number in range(30):
        InvolvementEntryFactory(project=project, title=f"Entry {number:02d}")
    client.force_login(member)

    response = client.get(reverse("places:log", args=[project.place.pk]), {"page": page_number})

    if page_number in ("-1", "999"):  # no such page, as on every paged list
        assert response.status_code == 404
        return
    assert response.status_code == 200
    assert len(response.context["page"].object_list) in (25, 5)


def test_page_links_keep_the_filter(client: Client, project: Project, member: User) -> None:
    for _ in range(30):
        InvolvementEntryFactory(project=project, stage=Stage.ANALYSIS)
    client.force_login(member)

    html = client.get(
        reverse("places:log", args=[project.place.pk]), {"stage": "analysis"}
    ).content

    assert b'href="?stage=analysis&amp;page=2"' in html


def test_someone_who_deleted_their_account_shows_as_a_former_member_with_their_hours(
    client: Client, project: Project, member: User
) -> None:
    gone = UserFactory(display_name="Gwen")
    ProjectMembershipFactory(project=project, person=gone)
    entry = InvolvementEntryFactory(project=project, title="Workshop")
    ParticipationFactory(entry=entry, person=member, minutes=60)
    participation = ParticipationFactory(entry=entry, person=gone, minutes=180)

    gone.delete()

    participation.refresh_from_db()
    assert participation.person is None and participation.minutes == 180
    client.force_login(member)
    log = text(client.get(reverse("places:log", args=[project.place.pk])).content.decode())
    one = text(
        client.get(reverse("places:log_entry", args=[project.place.pk, entry.pk])).content.decode()
    )
    assert "Who took part Mo: 1 hour A former member: 3 hours Total time 4 hours" in log
    assert "4 hours given in total." in log
    assert "Gwen" not in log
    assert "A former member: 3 hours" in one


def test_one_entry_page_shows_the_entry_and_its_history(
    client: Client, project: Project, member: User
) -> None:
    client.force_login(member)
    client.post(
        reverse("places:log_add", args=[project.place.pk]),
        {**_entry_data(), **_took_part(member, "1")},
    )
    entry = InvolvementEntry.objects.get()

    page = text(
        client.get(reverse("places:log_entry", args=[project.place.pk, entry.pk])).content.decode()
    )

    assert "Advisory group on the interview questions" in page
    assert "More detail We read the draft questions together." in page
    assert "Recorded by Mo" in page
    assert "History of this entry Mo recorded “Advisory group on the interview questions”" in (
        page
    )


# Query counts do not grow with the size of the log


@pytest.mark.parametrize("size", [1, 20])
def test_the_log_needs_the_same_queries_for_1_or_20_entries(
    client: Client,
    project: Project,
    member: User,
    size: int,
    django_assert_max_num_queries: object,
) -> None:
    people = [member]
    for _ in range(size - 1):
        person = UserFactory()
        PerspectiveFactory(person=person)
        ProjectMembershipFactory(project=project, person=person)
        people.append(person)
    for number in range(size):
        entry = InvolvementEntryFactory(project=project, stage=Stage.values[number % 9])
        for person in people[: number + 1]:
            ParticipationFactory(entry=entry, person=person)
    client.force_login(member)

    # 13 the first time: the log's entries are counted once per version (then kept).
    with django_assert_max_num_queries(13):
        response = client.get(reverse("places:log", args=[project.place.pk]), {"kind": "meeting"})

    assert len(response.context["page"].object_list) == size


@pytest.mark.parametrize("size", [1, 20])
@pytest.mark.parametrize("page_name", ["log_add", "log_edit", "log_entry"])
def test_entry_pages_need_the_same_queries_for_1_or_20_people(
    client: Client,
    project: Project,
    member: User,
    size: int,
    page_name: str,
    django_assert_max_num_queries: object,
) -> None:
    entry = InvolvementEntryFactory(project=project)
    ParticipationFactory(entry=entry, person=member)
    for _ in range(size - 1):
        person = ProjectMembershipFactory(project=project).person
        ParticipationFactory(entry=entry, person=person)
    args = [project.place.pk] if page_name == "log_add" else [project.place.pk, entry.pk]
    client.force_login(member)

    with django_assert_max_num_queries(10):
        response = client.get(reverse(f"places:{page_name}", args=args))

    assert response.status_code == 200
