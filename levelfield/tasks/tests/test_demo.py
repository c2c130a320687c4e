"""The demo has believable tasks: the stroke project's in every status (one from a
decision's next steps, one from its check-in, one done with the time it took) and the
collective's own, one from its autumn check-in."""

from __future__ import annotations

from levelfield.tasks.models import Status, Task


def test_the_demo_has_tasks_in_every_status_from_a_decision_and_a_checkin(
    demo: None, db: None
) -> None:
    # Loading it twice makes nothing again: home/tests/test_load_demo.py counts every table.
    assert set(Task.objects.values_list("status", flat=True)) == set(Status.values)
    assert Task.objects.filter(from_decision__isnull=False, place__kind="project").exists()
    assert Task.objects.filter(from_checkin__isnull=False, place__kind="project").exists()
    assert Task.objects.filter(from_checkin__isnull=False, place__kind="collective").exists()
    done = Task.objects.get(status=Status.DONE)
    assert done.involvement_entry.participations.get().minutes == 150
    assert Task.objects.filter(owner__isnull=True, status=Status.TODO).exists()
