"""The rules of the coordinator job: any member may do anything except the job's own
duties. The job itself (asking, answering, stepping down) is the same in every place:
levelfield/places/tests/test_members.py."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from levelfield.collectives import roles
from levelfield.collectives.models import Collective
from levelfield.people.models import User


def test_the_rules_say_any_member_except_the_jobs_own_duties(
    collective: Collective,
    coordinator: User,
    member: User,
    outsider: User,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    duties = {
        roles.Action.APPROVE_CLAIM,
        roles.Action.SET_PAYMENT_POLICY,
        roles.Action.CHANGE_SOMEONES_HOURS,
        roles.Action.CURATE_RESOURCES,
        roles.Action.SET_UP_REVIEW_GROUP,  # reviews
        roles.Action.RUN_EVENT_LOGISTICS,  # events
        roles.Action.PUBLISH_STORIES,  # stories
        roles.Action.ANSWER_INTEREST,  # stories
        roles.Action.EDIT_PUBLIC_PAGE,  # stories
        roles.Action.PUBLISH_REPORT,  # reports
        roles.Action.CHECK_OPPORTUNITY,  # opportunities
        roles.Action.SEE_OPPORTUNITY_INTEREST,  # opportunities
        roles.Action.PUBLISH_IMPACT,  # impact
        roles.Action.FACILITATE_ANY_COHORT,  # learning cohorts
    }
    assert {a for a, who in roles.RULES.items() if who is not roles.Who.ANY_MEMBER} == duties
    for action in duties:
        assert roles.may(coordinator, action, collective)
        assert not roles.may(member, action, collective)
    for action in set(roles.Action) - duties:
        assert roles.may(member, action, collective)
        assert roles.may(coordinator, action, collective)
        assert not roles.may(outsider, action, collective)
    # A duty of the job (as later issues add): only the holder may do it.
    monkeypatch.setitem(roles.RULES, roles.Action.EDIT, roles.Who.THE_COORDINATOR)
    assert roles.may(coordinator, roles.Action.EDIT, collective)
    assert not roles.may(member, roles.Action.EDIT, collective)
    with pytest.raises(PermissionDenied):
        roles.require(member, roles.Action.EDIT, collective)
