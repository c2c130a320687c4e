"""Tasks as the people in a place use them: adding, taking on, doing, dropping and
deleting; who is refused; what bad input says; tasks made from what they came from."""

from __future__ import annotations

import datetime

import pytest
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from levelfield.decisions.models import Outcome
from levelfield.decisions.tests.factories import DecisionFactory
from levelfield.events import services as event_services
from levelfield.events.models import Audience
from levelfield.events.tests.conftest import event_values
from levelfield.history.models import Change
from levelfield.payments import services as payment_services
from levelfield.payments.tests.factories import PaymentPolicyFactory, RateFactory
from levelfield.projects.models import ActivityKind, Participation, Stage
from levelfield.reflection.tests.factories import RoundFactory
from levelfield.tasks import services
from levelfield.tasks.models import Status, Task
from levelfield.tasks.services import TaskError, TaskValues


def _task(world, **values) -> Task:  # noqa: ANN001
    place = values.pop("place", world.project_place)
    return services.task_create(
        place=place,
        actor=values.pop("actor", world.member),
        values=TaskValues(**{"title": "Book the room", **values}),
    )


def _list(world) -> str:  # noqa: ANN001
    return reverse("tasks:place_list", args=[world.project_place.pk])


# Adding and seeing


def test_a_member_adds_a_task_for_someone_and_everyone_in_the_place_sees_it(
    client, world, mailoutbox, django_capture_on_commit_callbacks
) -> None:  # noqa: ANN001
    client.force_login(world.coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("tasks:place_create", args=[world.project_place.pk]),
            {
                "title": "Write the plain-English summary",
                "details": "One page.",
                "owner": str(world.member.pk),
                "due_on": "27 3 2027",
                "stage": Stage.DISSEMINATION,
            },
        )
    task = Task.objects.get()
    assert response.status_code == 302
    assert response["Location"] == task.get_absolute_url()
    assert (task.owner, task.due_on, task.status) == (
        world.member,
        datetime.date(2027, 3, 27),
        Status.TODO,
    )
    assert Change.objects.filter(action="task_created", subject_id=task.pk).exists()
    # The person asked is told, once the task is saved.
    assert [email.to for email in mailoutbox] == [[world.member.email]]
    client.force_login(world.member)
    page = client.get(_list(world)).content.decode()
    assert "Write the plain-English summary" in page
    assert "Dissemination" in page  # grouped by research stage in a project


def test_people_outside_the_place_get_not_found_and_their_posts_write_nothing(
    client, world
) -> None:  # noqa: ANN001
    task = _task(world)
    for person in (world.outsider, world.collective_member, world.former, world.group_member):
        client.force_login(person)
        assert client.get(_list(world)).status_code == 404
        for name in ("detail", "edit", "done", "drop", "delete"):
            url = reverse(f"tasks:{name}", args=[world.project_place.pk, task.pk])
            assert client.get(url).status_code == 404, (person, name)
        for name in ("take", "done", "drop", "delete", "edit", "reopen"):
            url = reverse(f"tasks:{name}", args=[world.project_place.pk, task.pk])
            assert client.post(url, {"reason": "x", "title": "x"}).status_code == 404
        created = client.post(
            reverse("tasks:place_create", args=[world.project_place.pk]), {"title": "Sneaky"}
        )
        assert created.status_code == 404
    task.refresh_from_db()
    assert (task.status, task.owner, Task.objects.count()) == (Status.TODO, None, 1)


def test_a_task_in_another_place_is_not_found_through_this_one(client, world) -> None:  # noqa: ANN001
    task = _task(world, place=world.group)
    client.force_login(world.member)  # in both the project and the group
    wrong = reverse("tasks:detail", args=[world.project_place.pk, task.pk])
    assert client.get(wrong).status_code == 404
    assert client.get(reverse("tasks:detail", args=[world.group.pk, task.pk])).status_code == 200


def test_a_group_has_tasks_without_research_stages(client, world) -> None:  # noqa: ANN001
    client.force_login(world.group_member)
    url = reverse("tasks:place_create", args=[world.group.pk])
    assert 'name="stage"' not in client.get(url).content.decode()
    client.post(url, {"title": "Welcome the new allies"})
    assert Task.objects.get().place == world.group
    with pytest.raises(TaskError):
        _task(world, place=world.group, stage=Stage.DESIGN)


def test_bad_input_is_named_and_nothing_is_saved(client, world) -> None:  # noqa: ANN001
    client.force_login(world.member)
    url = reverse("tasks:place_create", args=[world.project_place.pk])
    page = client.post(url, {"title": " ", "due_on": "31 2 2027"}).content.decode()
    assert "Enter what needs doing." in page
    assert "Enter a real date" in page
    page = client.post(url, {"title": "Fine", "owner": str(world.outsider.pk)}).content.decode()
    assert "Choose someone in this place, or anyone." in page
    assert not Task.objects.exists()
    with pytest.raises(TaskError):
        _task(world, owner=world.collective_member)  # not in the project


def test_the_list_filters_by_whose_and_status(client, world) -> None:  # noqa: ANN001
    _task(world, title="Mine to do", owner=world.member)
    _task(world, title="For anyone")
    finished = _task(world, title="Already finished", owner=world.member)
    services.task_done(task=finished, actor=world.member)
    client.force_login(world.member)

    def shown(query: str) -> set[str]:
        page = client.get(_list(world) + query).content.decode()
        return {t for t in ("Mine to do", "For anyone", "Already finished") if t in page}

    assert shown("") == {"Mine to do", "For anyone"}
    assert shown("?who=mine") == {"Mine to do"}
    assert shown("?who=anyone") == {"For anyone"}
    assert shown("?state=done") == {"Already finished"}
    assert shown("?who=nonsense&state=nonsense") == {"Mine to do", "For anyone"}
    assert client.get(_list(world) + "?page=9").status_code == 404


@pytest.mark.parametrize("place_name", ["project_place", "collective_place"])
def test_the_list_costs_the_same_queries_however_many_tasks(client, world, place_name) -> None:  # noqa: ANN001
    place = getattr(world, place_name)
    client.force_login(world.coordinator)
    url = reverse("tasks:place_list", args=[place.pk])

    def queries_for(count: int) -> int:
        Task.objects.bulk_create(
            Task(place=place, title=f"Task {n}", owner=world.member) for n in range(count)
        )
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    assert queries_for(3) == queries_for(80)


# Taking on, doing, dropping


def test_taking_on_an_anyone_task_makes_it_yours_and_nobody_else_can_take_it(
    client, world
) -> None:  # noqa: ANN001
    task = _task(world)
    client.force_login(world.member)
    client.post(reverse("tasks:take", args=[world.project_place.pk, task.pk]))
    task.refresh_from_db()
    assert (task.owner, task.status) == (world.member, Status.DOING)
    client.force_login(world.coordinator)
    response = client.post(
        reverse("tasks:take", args=[world.project_place.pk, task.pk]), follow=True
    )
    assert "Mo has already taken this on." in response.content.decode()
    task.refresh_from_db()
    assert task.owner == world.member


def test_a_public_contributor_marks_it_done_with_their_time_and_can_claim_it(
    client, world
) -> None:  # noqa: ANN001
    task = _task(world, owner=world.member, stage=Stage.ANALYSIS)
    client.force_login(world.member)
    url = reverse("tasks:done", args=[world.project_place.pk, task.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"hours": "1", "minutes": "30", "activity": ActivityKind.ANALYSIS})
    assert response.status_code == 302
    task.refresh_from_db()
    assert (task.status, task.done_by) == (Status.DONE, world.member)
    entry = task.involvement_entry
    assert (entry.place, entry.kind, entry.stage) == (
        world.project_place,
        ActivityKind.ANALYSIS,
        Stage.ANALYSIS,
    )
    time = Participation.objects.get(entry=entry)
    assert (time.person, time.minutes) == (world.member, 90)
    # Claimable like any other involvement.
    RateFactory(policy=PaymentPolicyFactory(collective=world.collective))
    claim = payment_services.claim_create(
        collective=world.collective, claimant=world.member, participations=[time]
    )
    assert claim.lines.count() == 1


def test_done_without_time_records_no_involvement(client, world) -> None:  # noqa: ANN001
    task = _task(world)
    client.force_login(world.member)
    client.post(reverse("tasks:done", args=[world.project_place.pk, task.pk]), {})
    task.refresh_from_db()
    assert (task.status, task.owner, task.involvement_entry) == (Status.DONE, world.member, None)
    assert not Participation.objects.filter(person=world.member).exists()


def test_time_over_a_day_is_refused(client, world) -> None:  # noqa: ANN001
    task = _task(world)
    client.force_login(world.member)
    page = client.post(
        reverse("tasks:done", args=[world.project_place.pk, task.pk]),
        {"hours": "24", "minutes": "30"},
    ).content.decode()
    assert "Enter a time of 24 hours or less." in page
    page = client.post(
        reverse("tasks:done", args=[world.project_place.pk, task.pk]), {"hours": "lots"}
    ).content.decode()
    assert "Enter the hours as a whole number" in page
    task.refresh_from_db()
    assert task.status == Status.TODO


def test_dropping_needs_a_reason_and_it_is_kept(client, world) -> None:  # noqa: ANN001
    task = _task(world)
    client.force_login(world.member)
    url = reverse("tasks:drop", args=[world.project_place.pk, task.pk])
    assert "Say why the task is dropped." in client.post(url, {"reason": " "}).content.decode()
    task.refresh_from_db()
    assert task.status == Status.TODO
    client.post(url, {"reason": "The venue closed."})
    task.refresh_from_db()
    assert (task.status, task.drop_reason) == (Status.DROPPED, "The venue closed.")
    page = client.get(task.get_absolute_url()).content.decode()
    assert "The venue closed." in page
    client.post(reverse("tasks:reopen", args=[world.project_place.pk, task.pk]))
    task.refresh_from_db()
    assert (task.status, task.drop_reason) == (Status.TODO, "")
    actions = set(Change.objects.filter(subject_id=task.pk).values_list("action", flat=True))
    assert {"task_created", "task_dropped", "task_reopened"} <= actions


def test_the_database_refuses_a_dropped_task_without_a_reason(world) -> None:  # noqa: ANN001
    with pytest.raises(IntegrityError), transaction.atomic():
        Task.objects.create(place=world.project_place, title="x", status=Status.DROPPED)


def test_the_database_refuses_a_task_from_two_sources(world) -> None:  # noqa: ANN001
    decision = DecisionFactory(place=world.project_place)
    checkin = RoundFactory(project=world.project)
    with pytest.raises(IntegrityError), transaction.atomic():
        Task.objects.create(
            place=world.project_place, title="x", from_decision=decision, from_checkin=checkin
        )


def test_editing_changes_the_task_and_records_before_and_after(client, world) -> None:  # noqa: ANN001
    task = _task(world, due_on=timezone.localdate())
    Task.objects.filter(pk=task.pk).update(reminded_at=timezone.now())
    client.force_login(world.member)
    url = reverse("tasks:edit", args=[world.project_place.pk, task.pk])
    assert "Book the room" in client.get(url).content.decode()
    client.post(url, {"title": "Book the big room", "owner": "", "due_on": "2027-01-05"})
    task.refresh_from_db()
    assert (task.title, task.due_on, task.reminded_at) == (
        "Book the big room",
        datetime.date(2027, 1, 5),
        None,  # a new date gets its own reminder
    )
    change = Change.objects.get(action="task_updated")
    assert change.before["title"] == "Book the room"
    assert change.after["title"] == "Book the big room"


def test_deleting_asks_first_and_is_recorded(client, world) -> None:  # noqa: ANN001
    task = _task(world)
    client.force_login(world.member)
    url = reverse("tasks:delete", args=[world.project_place.pk, task.pk])
    assert "Yes, delete the task" in client.get(url).content.decode()
    assert Task.objects.exists()
    response = client.post(url)
    assert response["Location"] == _list(world)
    assert not Task.objects.exists()
    assert Change.objects.filter(action="task_deleted", subject_id=task.pk).exists()


# Made from what it came from


def test_a_task_from_a_decisions_next_step_is_filled_in_and_linked(client, world) -> None:  # noqa: ANN001
    decision = DecisionFactory(place=world.project_place, title="Where to meet")
    Outcome.objects.create(
        decision=decision,
        statement="The library.",
        next_steps="Book the library room for May.",
        written_at=timezone.now(),
        updated_at=timezone.now(),
    )
    client.force_login(world.member)
    url = reverse("tasks:place_create", args=[world.project_place.pk]) + f"?decision={decision.pk}"
    with CaptureQueriesContext(connection) as captured:
        page = client.get(url).content.decode()
    assert not [q for q in captured if q["sql"].lstrip().upper().startswith("INSERT")]
    assert "Next step from “Where to meet”" in page
    assert "Book the library room for May." in page
    client.post(url, {"title": "Book the library room", "owner": str(world.member.pk)})
    task = Task.objects.get()
    assert task.from_decision == decision
    detail = client.get(task.get_absolute_url()).content.decode()
    assert reverse("decisions:detail", args=[decision.pk]) in detail


def test_tasks_from_a_checkin_and_an_agenda_item(client, world) -> None:  # noqa: ANN001
    checkin = RoundFactory(project=world.project, title="Summer check-in")
    event = event_services.event_create(
        place=world.project_place,
        actor=world.member,
        values=event_values(audience=Audience.MEMBERS),
    )
    event_services.registration_create(event=event, person=world.member)
    item = event_services.agenda_item_propose(event=event, person=world.member, title="Parking")
    client.force_login(world.member)
    base = reverse("tasks:place_create", args=[world.project_place.pk])
    client.post(base + f"?checkin={checkin.pk}", {"title": "Share papers earlier"})
    client.post(base + f"?agenda={item.pk}", {"title": "Ask about parking"})
    assert Task.objects.get(title="Share papers earlier").from_checkin == checkin
    assert Task.objects.get(title="Ask about parking").from_agenda_item == item


def test_a_source_from_another_place_or_nonsense_is_not_found(client, world) -> None:  # noqa: ANN001
    elsewhere = DecisionFactory(place=world.group)
    client.force_login(world.member)
    base = reverse("tasks:place_create", args=[world.project_place.pk])
    assert client.get(base + f"?decision={elsewhere.pk}").status_code == 404
    assert client.post(base + f"?decision={elsewhere.pk}", {"title": "x"}).status_code == 404
    assert client.get(base + "?decision=abc").status_code == 404
    assert not Task.objects.exists()


def test_the_make_a_task_link_is_on_the_source_pages(client, world) -> None:  # noqa: ANN001
    decision = DecisionFactory(
        place=world.project_place,
        opens_at=timezone.now() - datetime.timedelta(days=9),
        closes_at=timezone.now() - datetime.timedelta(hours=1),
    )
    Outcome.objects.create(
        decision=decision,
        statement="Yes.",
        written_at=timezone.now(),
        updated_at=timezone.now(),
    )
    client.force_login(world.member)
    page = client.get(reverse("decisions:detail", args=[decision.pk])).content.decode()
    assert f"?decision={decision.pk}" in page


def test_the_tasks_someone_held_become_anyones_when_they_leave_the_place(world) -> None:  # noqa: ANN001
    from levelfield.places import services as place_services
    from levelfield.projects import services as project_services

    doing = _task(world, title="Book the room", owner=world.member)
    services.task_take(task=doing, actor=world.member)
    elsewhere = _task(world, title="Write the invite", owner=world.group_member, place=world.group)
    someone_elses = _task(world, title="Order lunch", owner=world.coordinator)

    project_services.project_leave(project=world.project, person=world.member)
    place_services.group_leave(group=world.group, person=world.group_member)

    for task in (doing, elsewhere, someone_elses):
        task.refresh_from_db()
    assert (doing.owner, doing.status) == (None, Status.TODO)
    assert elsewhere.owner is None
    assert someone_elses.owner == world.coordinator
    change = Change.objects.get(action="task_handed_back", subject_id=doing.pk)
    assert change.summary == "Mo left, so “Book the room” is anyone’s to pick up"
