"""axe-core (WCAG 2.2 A and AA) on every page a member can reach, filled with data,
and on every form after an empty submission (the error state)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from levelfield.collectives.tests.factories import (
    CollectiveMembershipFactory,
)
from levelfield.decisions import services as decision_services
from levelfield.decisions.models import Decision, Method, PointKind
from levelfield.events.tests.pages import (
    event_forms,
    event_member_pages,
    event_visitor_pages,
    events_world,
)
from levelfield.invitations.tests.factories import (
    CollectiveInvitationFactory,
    ProjectInvitationFactory,
)
from levelfield.notifications.services import notification_send, unsubscribe_token
from levelfield.people.models import PerspectiveKind
from levelfield.people.tests.factories import PerspectiveFactory, UserFactory
from levelfield.projects.tests.factories import (
    InvolvementEntryFactory,
    ParticipationFactory,
    ProjectFactory,
    ProjectJoinRequestFactory,
    ProjectMembershipFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def world() -> dict:
    """A collective with a project, members of several perspectives and some history."""
    member = UserFactory(display_name="Gordon", access_needs="Step-free access")
    PerspectiveFactory(person=member, kind=PerspectiveKind.LIVED_EXPERIENCE)
    teammate = UserFactory(display_name="Amara")
    PerspectiveFactory(person=teammate, kind=PerspectiveKind.RESEARCHER)
    # Gordon is asked to coordinate the collective (the banner shows) and coordinates
    # the project; a newcomer asks to join the project; Gordon may ask to join another.
    membership = CollectiveMembershipFactory(
        person=member, coordinator_asked_at=timezone.now(), coordinator_asked_by=teammate
    )
    collective = membership.collective
    CollectiveMembershipFactory(collective=collective, person=teammate, is_coordinator=True)
    newcomer = UserFactory(display_name="Sol")
    CollectiveMembershipFactory(collective=collective, person=newcomer)
    project = ProjectFactory(collective=collective, created_by=member)
    ProjectMembershipFactory(project=project, person=member, is_coordinator=True)
    project_membership = ProjectMembershipFactory(project=project, person=teammate)
    ProjectJoinRequestFactory(project=project, person=newcomer)
    other_project = ProjectFactory(collective=collective, created_by=teammate)
    ProjectMembershipFactory(project=other_project, person=teammate)
    entry = InvolvementEntryFactory(project=project, recorded_by=member)
    ParticipationFactory(entry=entry, person=member, minutes=120)
    ParticipationFactory(entry=entry, person=teammate, minutes=90)
    collective_invitation = CollectiveInvitationFactory(collective=collective, invited_by=member)
    project_invitation = ProjectInvitationFactory(project=project, invited_by=member)
    notification_send(
        kind="join_request",
        person=member,
        context={"subject": "Amara asked to join", "message": "Please answer."},
        url=reverse("projects:members", args=[project.pk]),
    )
    events = events_world(member=member, teammate=teammate, collective=collective, project=project)
    return {
        "events": events,
        "member": member,
        "teammate": teammate,
        "collective": collective,
        "project": project,
        "other_project": other_project,
        "entry": entry,
        "project_membership": project_membership,
        "collective_invitation": collective_invitation,
        "project_invitation": project_invitation,
        "decisions": _decisions(member, teammate, project, collective),
    }


# What the teammate answers in each open decision, so results have something to show.
TEAMMATE_ANSWERS = {
    Method.PROPOSAL: lambda options: {"stance": "disagree"},
    Method.CONSENT: lambda options: {"stance": "consent"},
    Method.GRADIENTS: lambda options: {"stance": "reservations"},
    Method.SINGLE_CHOICE: lambda options: {"options": [options[0]]},
    Method.MULTIPLE_CHOICE: lambda options: {"options": options[:2]},
    Method.RANKED: lambda options: {"ranking": [options[1], options[0]]},
    Method.DOT_VOTE: lambda options: {"dots": {str(options[0]): 7, str(options[2]): 3}},
    Method.SCORE: lambda options: {"scores": {str(option): 3 for option in options}},
    Method.TIME_POLL: lambda options: {
        "answers": {
            str(option): answer for option, answer in zip(options, ("yes", "no"), strict=True)
        }
    },
}


def _decisions(member: object, teammate: object, project: object, collective: object) -> dict:
    """One open project decision per method (the teammate has answered, the member has
    not), one in its talk phase, closed ones with and without an outcome, an anonymous
    one, and one in the collective."""
    now = timezone.now()

    def start(method: str, *, at: object = now, **values: object) -> Decision:
        values.setdefault("title", f"Which way suits us? ({Method(method).label})")
        values.setdefault("background", "We talked about this at the last meeting.")
        values.setdefault("closes_at", at + timedelta(days=8))
        values.setdefault("place", {"project": project})
        if method == Method.TIME_POLL:
            first = (now + timedelta(days=20)).replace(hour=14, minute=0, second=0, microsecond=0)
            values.setdefault(
                "times",
                [
                    decision_services.ProposedTime(
                        first + timedelta(days=day), first + timedelta(days=day, hours=1)
                    )
                    for day in (0, 1)
                ],
            )
        elif method in (Method.PROPOSAL, Method.CONSENT, Method.GRADIENTS):
            # So the reason field's rule shows on the respond page.
            values.setdefault("reasons_policy", "objections")
        else:
            values.setdefault("options", ["Community centre", "Church hall", "Online"])
        if method == Method.MULTIPLE_CHOICE:
            values.setdefault("max_choices", 2)
        place = values.pop("place")
        return decision_services.decision_create(
            created_by=member, method=method, now=at, **place, **values
        )

    def answer(decision: Decision, person: object, at: object = now) -> None:
        options = list(decision.options.values_list("pk", flat=True))
        decision_services.response_submit(
            decision=decision,
            person=person,
            payload=TEAMMATE_ANSWERS[decision.method](options),
            reason="The hall has no step-free entrance.",
            now=at,
        )

    open_by_method = {}
    for method in Method:
        decision = start(method, voice_check="public")
        answer(decision, teammate)
        open_by_method[method] = decision

    talk = start(
        Method.SINGLE_CHOICE,
        title="Where should the summer event be?",
        has_discussion=True,
        opens_at=now + timedelta(days=2),
        closes_at=now + timedelta(days=10),
    )
    decision_services.point_add(
        decision=talk, person=teammate, kind=PointKind.CON, text="The park has no toilets."
    )
    decision_services.point_add(
        decision=talk,
        person=member,
        kind=PointKind.PRO,
        text="Everyone can get there by bus.",
        option=talk.options.first(),
    )

    past = now - timedelta(days=20)
    closed_ranked = start(Method.RANKED, at=past, title="How should we travel to workshops?")
    closed_proposal = start(Method.PROPOSAL, at=past, title="Should we pay for taxis?")
    for decision in (closed_ranked, closed_proposal):
        answer(decision, teammate, at=past + timedelta(days=1))
        decision_services.response_submit(
            decision=decision,
            person=member,
            payload={"ranking": list(decision.options.values_list("pk", flat=True))}
            if decision.method == Method.RANKED
            else {"stance": "agree"},
            now=past + timedelta(days=2),
        )
        decision_services.decision_close(decision=decision, now=decision.closes_at)
    decision_services.outcome_write(
        decision=closed_ranked,
        person=teammate,
        statement="We will hire a minibus for every workshop.",
        reasons="It was everyone's first or second choice.",
        next_steps="Gordon will ask two firms for prices.",
        review_on=(now + timedelta(days=90)).date(),
    )

    anonymous = start(Method.SINGLE_CHOICE, title="Should we change the chair?", anonymous=True)
    in_collective = start(
        Method.SCORE, title="Which project should we start next?", place={"collective": collective}
    )
    answer(in_collective, teammate)
    return {
        "open": open_by_method,
        "talk": talk,
        "closed_ranked": closed_ranked,
        "closed_proposal": closed_proposal,
        "anonymous": anonymous,
        "in_collective": in_collective,
    }


def decision_pages(world: dict) -> list[str]:
    """Every decisions page a member can open (the CSV download is not a page)."""
    slug = world["collective"].slug
    project = {"project_pk": world["project"].pk}
    decisions = world["decisions"]
    open_by_method = decisions["open"]

    def each(name: str, *chosen: Decision) -> list[str]:
        return [reverse(f"decisions:{name}", args=[decision.pk]) for decision in chosen]

    return [
        reverse("decisions:project_log", kwargs=project),
        reverse("decisions:project_log", kwargs=project) + "?status=closed&method=ranked",
        reverse("decisions:collective_log", kwargs={"slug": slug}),
        reverse("decisions:create_for_project", kwargs=project),
        reverse("decisions:create_for_project", kwargs=project) + "?method=ranked",
        reverse("decisions:create_for_project", kwargs=project) + "?method=time_poll",
        reverse("decisions:create_for_collective", kwargs={"slug": slug}),
        reverse("decisions:create_for_collective", kwargs={"slug": slug}) + "?method=score",
        *each(
            "detail",
            open_by_method[Method.RANKED],
            open_by_method[Method.PROPOSAL],
            open_by_method[Method.TIME_POLL],
            decisions["talk"],
            decisions["closed_ranked"],
            decisions["closed_proposal"],
            decisions["anonymous"],
            decisions["in_collective"],
        ),
        *each("respond", *open_by_method.values()),
        *each("discussion", decisions["talk"], decisions["closed_ranked"]),
        *each("outcome", decisions["closed_proposal"], decisions["closed_ranked"]),
    ]


def member_pages(world: dict) -> list[str]:
    slug = world["collective"].slug
    pk = world["project"].pk
    return [
        reverse("home"),
        reverse("people:profile"),
        reverse("people:profile_edit"),
        reverse("people:person", args=[world["teammate"].pk]),
        reverse("people:my_data"),
        reverse("people:delete_account"),
        reverse("collectives:list"),
        reverse("collectives:create"),
        reverse("collectives:detail", args=[slug]),
        reverse("collectives:settings", args=[slug]),
        reverse("collectives:history", args=[slug]),
        reverse("collectives:leave", args=[slug]),
        reverse("collectives:invite", args=[slug]),
        reverse("collectives:invitations", args=[slug]),
        reverse("invitations:join", args=[world["collective_invitation"].token]),
        reverse("projects:list"),
        reverse("projects:create") + f"?collective={slug}",
        reverse("projects:detail", args=[pk]),
        reverse("projects:edit", args=[pk]),
        reverse("projects:history", args=[pk]),
        reverse("projects:members", args=[pk]),
        reverse("projects:join_request", args=[world["other_project"].pk]),
        reverse("projects:leave", args=[pk]),
        reverse("projects:invite", args=[pk]),
        reverse("projects:invitations", args=[pk]),
        reverse("invitations:join", args=[world["project_invitation"].token]),
        reverse("projects:log", args=[pk]),
        reverse("projects:log_add", args=[pk]),
        reverse("projects:log_entry", args=[pk, world["entry"].pk]),
        reverse("projects:log_edit", args=[pk, world["entry"].pk]),
        reverse("account_email"),
        reverse("account_change_password"),
        reverse("mfa_index"),
        reverse("mfa_activate_totp"),
        reverse("notifications:list"),
        reverse("notifications:settings"),
        reverse(
            "notifications:unsubscribe",
            args=[unsubscribe_token(kind="invitation", person=world["member"])],
        ),
        reverse("account_logout"),
        reverse("account_reauthenticate"),
        *decision_pages(world),
        *event_member_pages(world),
        "/projects/999999/",
    ]


VISITOR_PAGES = [
    "/",
    "/accounts/login/",
    "/accounts/signup/",
    "/accounts/password/reset/",
    "/accounts/confirm-email/",
    "/accounts/confirm-email/not-a-real-key/",
    "/accounts/password/reset/done/",
    "/accounts/password/reset/key/1-not-a-real-key/",
    "/accounts/password/reset/key/done/",
    "/accounts/inactive/",
    "/invitations/no-such-invitation/",
    "/collectives/join/no-such-invitation/",
    "/notifications/unsubscribe/not-a-real-token/",
]


def test_every_page_a_visitor_sees_is_accessible(
    live_server: object, page: Page, axe_check: object
) -> None:
    for path in VISITOR_PAGES:
        page.goto(live_server.url + path)
        axe_check(page)


def test_every_events_page_a_visitor_sees_is_accessible(
    live_server: object, page: Page, axe_check: object, world: dict
) -> None:
    for path in event_visitor_pages(world):
        page.goto(live_server.url + path)
        expect(page.locator("h1")).to_have_count(1)
        axe_check(page)
    # The guest form's error state, with no account.
    page.goto(live_server.url + event_visitor_pages(world)[0])
    page.locator("form#main-form button").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    axe_check(page)


def test_every_page_a_member_sees_is_accessible(
    live_server: object, page: Page, sign_in: object, axe_check: object, world: dict
) -> None:
    sign_in(world["member"])
    for path in member_pages(world):
        page.goto(live_server.url + path)
        expect(page.locator("h1")).to_have_count(1)
        axe_check(page)


def test_every_form_shows_an_accessible_error_summary_when_sent_empty(
    live_server: object, page: Page, sign_in: object, axe_check: object, world: dict
) -> None:
    sign_in(world["member"])
    slug = world["collective"].slug
    pk = world["project"].pk
    for path in [
        reverse("collectives:create"),
        reverse("collectives:invite", args=[slug]),
        reverse("projects:create") + f"?collective={slug}",
        reverse("projects:invite", args=[pk]),
        reverse("projects:log_add", args=[pk]),
        reverse("people:delete_account"),
        reverse("decisions:create_for_project", kwargs={"project_pk": pk}) + "?method=ranked",
        reverse("decisions:respond", args=[world["decisions"]["open"][Method.RANKED].pk]),
        reverse("decisions:outcome", args=[world["decisions"]["closed_proposal"].pk]),
        *event_forms(world),
    ]:
        page.goto(live_server.url + path)
        form = page.locator("form#main-form")
        for field in form.locator("input[type=text], input[type=email], textarea").all():
            field.fill("")
        form.locator("button[type=submit], button:not([type])").first.click()
        summary = page.locator(".govuk-error-summary")
        expect(summary).to_be_visible()
        # Each link in the summary leads to a field on the page.
        for link in summary.locator("a").all():
            target = link.get_attribute("href")
            assert target.startswith("#")
            assert page.locator(target).count() == 1, f"{path}: {target} is not on the page"
        axe_check(page)


def test_a_keyboard_user_skips_to_the_main_content(live_server: object, page: Page) -> None:
    page.goto(live_server.url)
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    expect(skip).to_be_focused()
    page.keyboard.press("Enter")
    assert page.url.endswith("#main-content")
