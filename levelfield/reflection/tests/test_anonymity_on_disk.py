"""After a check-in closes, nothing on disk opens its answers, not even with SECRET_KEY:
the round's key is destroyed with the sealed answers and the key table rewritten. On
PostgreSQL, reading raw pages with pageinspect as an administrator would."""

from __future__ import annotations

import pytest

from levelfield.collectives.tests.threads import CONCURRENCY_MARKS
from levelfield.lib.testing.world import World
from levelfield.reflection import services
from levelfield.reflection.models import Comment, Respondent, Submission
from levelfield.reflection.tests.factories import answer_all, close, make_team
from levelfield.sealing.models import SealKey
from levelfield.sealing.tests.pages import (
    key_table_pages_after_rewrite,
    pageinspect_or_skip,
    raw_pages,
)

# The one test world, committed (transaction=True) for the real connections; each team is a
# second project in its collective, with the five-per-perspective members the world lacks.
pytestmark = CONCURRENCY_MARKS


@pytest.mark.on_disk
def test_after_closing_no_page_on_disk_opens_a_check_in_answer_even_with_the_key(
    world: World,
) -> None:
    pageinspect_or_skip()
    team = make_team(
        public=5, professionals=5, collective=world.collective, outsider=world.outsider
    )
    checkin = team.open_round()
    answer_all(checkin, team.members, 4, comment="{name} felt listened to")
    answer_all(checkin, team.members[:2], 2, comment="{name} changed their mind")
    stolen = {
        row.person_id: bytes(row.sealed_answers)
        for row in Respondent.objects.filter(round=checkin)
    }
    secret = bytes(SealKey.objects.get(scope=f"checkin:{checkin.pk}").secret)
    assert secret in raw_pages(SealKey._meta.db_table)

    checkin = close(checkin)

    assert Submission.objects.filter(round=checkin).count() == 10
    assert Comment.objects.filter(round=checkin).count() == 10
    assert secret not in key_table_pages_after_rewrite(secret)
    for person_id, sealed in stolen.items():
        assert services._ballot_open(checkin.pk, person_id, sealed) is None
    with pytest.raises(services.CheckInError):
        answer_all(checkin, team.members[:1], 3)
    assert not SealKey.objects.filter(scope=f"checkin:{checkin.pk}").exists()
