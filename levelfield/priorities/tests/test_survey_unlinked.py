"""Demographics and emails given with survey questions are kept apart against someone
who reads the database: sealed on the submission until the survey closes, then written
out, shuffled, with everyone's. Before, they were inserted in the submission's own
transaction, so `xmin` tied a person's age, region and email to their questions."""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Callable
from typing import Any

import pytest
from django.utils import timezone

from levelfield.collectives.tests.threads import CONCURRENCY_MARKS
from levelfield.people.models import User
from levelfield.priorities import services
from levelfield.priorities.models import Demographics, Partnership, Stage, Submission, Subscriber
from levelfield.sealing import sealed as sealing
from levelfield.sealing.models import SealKey
from levelfield.sealing.tests.pages import (
    all_xmins,
    ctid_order,
    key_table_pages_after_rewrite,
    pageinspect_or_skip,
    xmins,
)

REGIONS = ["Aberdeen", "Bristol", "Cardiff", "Derby", "Exeter"]


def _answer(partnership: Partnership, number: int) -> Submission:
    submission, _ = services.survey_submit(
        partnership=partnership,
        token=uuid.uuid4(),
        perspective="carer",
        questions=[f"Question {number}?"],
        consent=True,
        age_band="35_54",
        region=REGIONS[number],
        email=f"person{number}@example.org",
    )
    return submission


def _backwards(items: list[dict[str, str]]) -> None:
    items.sort(key=lambda extras: extras["region"], reverse=True)


@pytest.mark.django_db
def test_subscribers_hear_when_the_interim_survey_opens_after_the_write_out(
    partnership: Partnership, member: User, mailoutbox: list
) -> None:
    for number in range(3):
        _answer(partnership, number)
    assert not Subscriber.objects.exists() and not Demographics.objects.exists()
    services.partnership_stage_set(partnership=partnership, actor=member, stage=Stage.INTERIM)
    assert set(Subscriber.objects.values_list("email", flat=True)) == {
        f"person{n}@example.org" for n in range(3)
    }
    assert set(Demographics.objects.values_list("given_on", flat=True)) == {timezone.localdate()}
    assert not SealKey.objects.filter(scope=f"survey:{partnership.pk}").exists()


@pytest.mark.django_db
def test_a_survey_closed_by_its_date_is_written_out_by_the_due_run(
    partnership: Partnership,
) -> None:
    _answer(partnership, 0)
    Partnership.objects.filter(pk=partnership.pk).update(
        survey_closes_on=timezone.localdate() - datetime.timedelta(days=1)
    )
    assert services.survey_extras_write_out_due() == 1
    assert Demographics.objects.get().region == "Aberdeen"
    assert services.survey_extras_write_out_due() == 0


def _on_postgres(test: Callable[..., Any]) -> Callable[..., Any]:
    for mark in CONCURRENCY_MARKS:
        test = mark(test)
    return test


@pytest.mark.on_disk
@_on_postgres
def test_on_postgresql_no_column_links_demographics_or_an_email_to_a_submission(
    partnership: Partnership, member: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    pageinspect_or_skip()
    answered: set[str] = set()
    for number in range(5):
        before = all_xmins()
        submission = _answer(partnership, number)
        mine = xmins("priorities_submission", "id = %s", [submission.pk])
        written = {t for t, seen in all_xmins().items() if (seen - before.get(t, set())) & mine}
        assert written <= {
            "priorities_submission",
            "priorities_submittedquestion",
            "sealing_sealkey",
        }, written
        answered |= mine
    secret = bytes(SealKey.objects.get(scope=f"survey:{partnership.pk}").secret)
    stolen = dict(Submission.objects.values_list("pk", "sealed_extras"))

    monkeypatch.setattr(sealing, "shuffle", _backwards)
    services.partnership_stage_set(partnership=partnership, actor=member, stage=Stage.PROCESSING)

    for table in ("priorities_demographics", "priorities_subscriber"):
        written_out = xmins(table, "partnership_id = %s", [partnership.pk])
        assert len(written_out) == 1 and written_out.isdisjoint(answered), table
    where = "partnership_id = %s"
    assert ctid_order("priorities_demographics", "region", where, [partnership.pk]) == sorted(
        REGIONS, reverse=True
    )
    assert ctid_order("priorities_subscriber", "email", where, [partnership.pk]) == [
        f"person{n}@example.org" for n in range(4, -1, -1)
    ]
    # Ids follow the shuffle too, and the day is the survey's closing day for everyone.
    ids = list(
        Demographics.objects.filter(partnership=partnership)
        .order_by("pk")
        .values_list("region", flat=True)
    )
    assert ids == sorted(REGIONS, reverse=True)
    # After closing, nothing on disk opens the sealed copies, even with SECRET_KEY.
    assert secret not in key_table_pages_after_rewrite(secret)
    keys = sealing.keys_for(f"survey:{partnership.pk}")
    for pk, sealed in stolen.items():
        with pytest.raises(sealing.Unreadable):
            keys.open(pk, bytes(sealed))
