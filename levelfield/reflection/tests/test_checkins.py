"""Stories about check-in rounds: opening, answering, closing, results, actions."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from levelfield.history.models import Change
from levelfield.lib.testing.world import World
from levelfield.projects.models import InvolvementEntry
from levelfield.reflection import results, services
from levelfield.reflection.models import (
    Answer,
    CheckInRound,
    Comment,
    PerspectiveGroup,
    Question,
    Respondent,
    Submission,
)
from levelfield.reflection.tests.factories import (
    Team,
    answer_all,
    close,
    make_team,
    version_of,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def team(world: World) -> Team:
    """Five public contributors and five researchers in a second project of the world's
    collective (results show only from five answers per perspective); Olu is outside."""
    return make_team(
        public=5, professionals=5, collective=world.collective, outsider=world.outsider
    )


def _scores(checkin: CheckInRound, value: int) -> dict[int, int]:
    return dict.fromkeys(
        Question.objects.filter(version_id=checkin.version_id).values_list("pk", flat=True), value
    )


def test_a_member_opens_a_round_and_the_history_says_so(team: Team) -> None:
    checkin = team.open_round(title="Spring check-in")
    assert checkin.place == team.project.place
    assert checkin.version.question_set.key == "principles"
    assert Change.objects.filter(action="checkin_opened", project=team.project).exists()


def test_a_round_must_stay_open_at_least_a_day(team: Team) -> None:
    now = timezone.now()
    with pytest.raises(services.CheckInError, match="at least a day"):
        team.open_round(opens_at=now, closes_at=now + timedelta(hours=3))
    assert not CheckInRound.objects.exists()


def test_an_outsider_cannot_open_a_round(team: Team) -> None:
    with pytest.raises(services.CheckInError):
        team.open_round(person=team.outsider)


def test_members_answer_through_the_page_and_can_change_their_answers(
    team: Team, client: object
) -> None:
    checkin = team.open_round()
    person = team.public[0]
    client.force_login(person)
    url = reverse("reflection:answer", args=[checkin.pk])
    questions = list(Question.objects.filter(version_id=checkin.version_id))
    data = {f"score_{q.pk}": "2" for q in questions}
    data[f"comment_{questions[0].pk}"] = "We are not asked before things are decided."
    response = client.post(url, data)
    assert response.status_code == 302
    mine = services.answers_of(checkin=checkin, person=person)
    assert mine.scores == {q.pk: 2 for q in questions}
    page = client.get(url).content.decode()
    assert "Change your answers" in page
    assert "We are not asked before things are decided." in page
    data = {f"score_{q.pk}": "4" for q in questions}
    assert client.post(url, data).status_code == 302
    assert Respondent.objects.filter(round=checkin).count() == 1
    assert services.answers_of(checkin=checkin, person=person).scores[questions[0].pk] == 4


def test_the_page_says_whether_answers_were_sent_or_changed(team: Team, client: object) -> None:
    """The service tells the page whether the person had answered before: the first
    answers are thanked for, later ones said to be changed, and a form sent back with a
    mistake still offers to save changed answers."""
    checkin = team.open_round()
    client.force_login(team.public[0])
    url = reverse("reflection:answer", args=[checkin.pk])
    data = {f"score_{pk}": "3" for pk in _scores(checkin, 3)}
    first = client.post(url, data, follow=True).content.decode()
    assert "Your answers are sealed until the round closes." in first
    assert "Your answers have been changed." not in first
    again = client.post(url, data, follow=True).content.decode()
    assert "Your answers have been changed." in again
    mistaken = client.post(url, {**data, next(iter(data)): "9"})
    assert mistaken.status_code == 400
    assert "Save my changed answers" in mistaken.content.decode()
    client.force_login(team.public[1])
    assert "Send my answers" in client.post(url, {}).content.decode()


def test_out_of_range_and_missing_answers_get_a_clear_message_and_save_nothing(
    team: Team, client: object
) -> None:
    checkin = team.open_round()
    client.force_login(team.public[0])
    questions = list(Question.objects.filter(version_id=checkin.version_id))
    data = {f"score_{q.pk}": "3" for q in questions}
    data[f"score_{questions[0].pk}"] = "9"
    del data[f"score_{questions[1].pk}"]
    response = client.post(reverse("reflection:answer", args=[checkin.pk]), data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "There is a problem" in page
    assert "Choose an answer from 1 to 5 for question 1" in page
    assert "Choose an answer from 1 to 5 for question 2" in page
    assert not Respondent.objects.exists()
    with pytest.raises(services.CheckInError, match="from 1 to 5"):
        services.answers_submit(checkin=checkin, person=team.public[0], scores=_scores(checkin, 0))


def test_comments_too_long_to_keep_anonymous_are_refused(team: Team) -> None:
    checkin = team.open_round()
    questions = list(Question.objects.filter(version_id=checkin.version_id))
    with pytest.raises(services.CheckInError, match="too long to keep anonymous"):
        services.answers_submit(
            checkin=checkin,
            person=team.public[0],
            scores=_scores(checkin, 3),
            comments={q.pk: "é" * 900 for q in questions[:3]},
        )
    assert not Respondent.objects.exists()


def test_answers_after_closing_are_refused_with_the_reason(team: Team, client: object) -> None:
    checkin = team.open_round()
    late = checkin.closes_at + timedelta(minutes=5)
    with pytest.raises(services.CheckInError, match="closed"):
        services.answers_submit(
            checkin=checkin, person=team.public[0], scores=_scores(checkin, 3), now=late
        )
    checkin.closes_at = timezone.now() - timedelta(minutes=1)
    checkin.opens_at = checkin.closes_at - timedelta(days=2)
    checkin.save()
    client.force_login(team.public[0])
    url = reverse("reflection:answer", args=[checkin.pk])
    response = client.post(url, {f"score_{pk}": "3" for pk in _scores(checkin, 3)})
    assert response.status_code == 400
    assert "answers can no longer be given or changed" in response.content.decode()
    assert not Respondent.objects.exists()


def test_closing_writes_answers_out_with_no_link_to_anyone(team: Team) -> None:
    checkin = team.open_round()
    answer_all(checkin, team.members[:5], 3, comment="I am {name} and this is my comment")
    answer_all(checkin, team.members[5:6], 3, comment="A long one. " * 80)
    answer_all(checkin, team.members[6:], 3)
    sealed = Respondent.objects.filter(round=checkin).values_list("sealed_answers", flat=True)
    # A database reader sees only ciphertext, all of one size, comment or none.
    assert {len(bytes(ballot)) for ballot in sealed} == {1 + 12 + services.SEALED_SIZE + 16}
    assert not [ballot for ballot in sealed if b"comment" in bytes(ballot)]
    close(checkin)
    close(checkin)  # a second run does nothing
    assert checkin.respondent_count == 10
    assert Submission.objects.filter(round=checkin).count() == 10
    assert Answer.objects.filter(submission__round=checkin).count() == 10 * 8
    assert Comment.objects.filter(round=checkin).count() == 6
    assert set(sealed.all()) == {None}
    for model in (Submission, Answer, Comment):
        assert not [
            f
            for f in model._meta.concrete_fields
            if f.is_relation and "people" in str(f.related_model._meta)
        ], f"{model.__name__} must not point at a person"
        assert not [
            f for f in model._meta.concrete_fields if "time" in f.get_internal_type().lower()
        ]


def test_results_show_only_from_five_answers(team: Team, client: object) -> None:
    checkin = team.open_round()
    answer_all(checkin, team.public[:4], 4)
    close(checkin)
    assert results.results_for(checkin) is None
    client.force_login(team.public[0])
    page = client.get(reverse("reflection:detail", args=[checkin.pk])).content.decode()
    assert "4 people answered" in page
    assert "Results by principle" not in page


def test_results_are_split_by_perspective_and_the_gap_highlighted(
    team: Team, client: object
) -> None:
    checkin = team.open_round()
    answer_all(checkin, team.public, 2)
    answer_all(checkin, team.professionals, 4)
    close(checkin)
    assert checkin.split_by_perspective
    found = results.results_for(checkin)
    sharing = found.themes[0]
    assert sharing.theme == "Sharing power"
    assert (sharing.score.public, sharing.score.professional) == (2.0, 4.0)
    assert sharing.score.gap == -2.0 and sharing.score.gap_is_large
    client.force_login(team.public[0])
    page = client.get(reverse("reflection:detail", args=[checkin.pk])).content.decode()
    assert "Large gap" in page and "-2.0" in page
    assert "public contributors (5)" in page


def test_a_small_group_merges_everything_even_in_the_database(world: World) -> None:
    team = make_team(
        public=5, professionals=5, others=2, collective=world.collective, outsider=world.outsider
    )
    checkin = team.open_round()
    answer_all(checkin, team.members, 3)
    close(checkin)
    assert not checkin.split_by_perspective
    assert set(Submission.objects.values_list("group", flat=True)) == {PerspectiveGroup.MERGED}
    assert results.results_for(checkin).themes[0].score.gap is None


def test_a_colleague_cannot_infer_an_answer_from_one_more_arriving(
    team: Team, client: object
) -> None:
    """Five answer; a member looks; a sixth answers; the member looks again. Nothing but
    the number who answered may differ, and once closed, a late answer changes nothing."""
    checkin = team.open_round()
    answer_all(checkin, team.members[:5], 5)
    viewer = team.members[0]
    client.force_login(viewer)
    url = reverse("reflection:detail", args=[checkin.pk])
    before = client.get(url).content.decode()
    answer_all(checkin, [team.members[5]], 1)
    after = client.get(url).content.decode()
    assert before.replace("5 people answered so far", "6 people answered so far") == after
    assert "Results by principle" not in after
    assert results.results_for(checkin) is None
    assert not Submission.objects.exists()
    close(checkin)
    shown = client.get(url).content.decode()
    with pytest.raises(services.CheckInError):
        answer_all(checkin, [team.members[6]], 1, now=checkin.closes_at + timedelta(hours=1))
    assert client.get(url).content.decode().count("Results by principle") == 1
    assert _without_comments_order(client.get(url).content.decode()) == _without_comments_order(
        shown
    )


def _without_comments_order(page: str) -> str:
    # The CSRF token in the action form changes per request; compare the results only.
    start = page.index("Results by principle")
    return page[start : page.index("What we will do about it")]


def test_comments_show_without_names(team: Team, client: object) -> None:
    checkin = team.open_round()
    answer_all(checkin, team.members, 3, comment="Anonymous thought number")
    close(checkin)
    client.force_login(team.members[0])
    page = client.get(reverse("reflection:detail", args=[checkin.pk])).content.decode()
    assert page.count("Anonymous thought number") == 10
    for person in team.members[1:]:
        assert person.name not in page


def test_the_trend_across_rounds_is_a_chart_with_a_table(team: Team, client: object) -> None:
    now = timezone.now()
    first = team.open_round(title="Spring", now=now - timedelta(days=40))
    answer_all(first, team.members, 2, now=now - timedelta(days=39))
    close(first)
    second = team.open_round(title="Autumn")
    answer_all(second, team.members, 4)
    close(second)
    trend = results.trend_for(second)
    assert [r.title for r in trend.rounds] == ["Spring", "Autumn"]
    assert trend.lines[0].points[0].average == 2.0 and trend.lines[0].points[1].average == 4.0
    assert "Sharing power rose by 2.0, from 2.0 in Spring to 4.0 in Autumn." in (
        trend.lines[0].summary
    )
    client.force_login(team.members[0])
    page = client.get(reverse("reflection:detail", args=[second.pk])).content.decode()
    assert "<svg" in page and 'role="img"' in page and 'id="trend-table"' in page


def test_an_action_goes_into_the_involvement_log_and_shows_at_the_next_round(
    team: Team, client: object
) -> None:
    checkin = team.open_round()
    with pytest.raises(services.CheckInError, match="once the round has closed"):
        services.action_record(checkin=checkin, person=team.public[0], text="Rotate the chair")
    answer_all(checkin, team.members, 3)
    close(checkin)
    client.force_login(team.public[0])
    response = client.post(
        reverse("reflection:action_add", args=[checkin.pk]),
        {"theme": "Sharing power", "text": "We will rotate who chairs"},
    )
    assert response.status_code == 302
    entry = InvolvementEntry.objects.get(place__project=team.project)
    assert entry.what_changed == "We will rotate who chairs"
    assert entry.title == "Check-in action: We will rotate who chairs"
    following = team.open_round(title="Next time")
    page = client.get(reverse("reflection:answer", args=[following.pk])).content.decode()
    assert "What we said we would do after" in page and "We will rotate who chairs" in page


def test_only_what_was_said_after_the_round_just_before_is_recalled(
    team: Team, client: object
) -> None:
    """A round recalls the actions of the latest round closed before it, named, and
    keeps its own actions apart; an older round's actions are not brought back once a
    later round said nothing."""
    now = timezone.now() - timedelta(days=60)
    first = team.open_round(title="Winter", now=now)
    answer_all(first, team.members, 3, now=now)
    close(first)
    services.action_record(checkin=first, person=team.public[0], text="Rotate the chair")
    later = now + timedelta(days=20)
    second = team.open_round(title="Spring", now=later)
    answer_all(second, team.members, 4, now=later)
    close(second)
    client.force_login(team.public[0])
    url = reverse("reflection:detail", args=[second.pk])
    page = client.get(url).content.decode()
    assert "What we said we would do after “Winter”" in page
    assert "Rotate the chair" in page and "Nothing recorded yet." in page
    third = team.open_round(title="Summer")
    answering = reverse("reflection:answer", args=[third.pk])
    page = client.get(answering).content.decode()
    assert "What we said we would do after" not in page and "Rotate the chair" not in page
    services.action_record(checkin=second, person=team.public[1], text="Meet in the evening")
    page = client.get(url).content.decode()
    recalled, own = page.split('id="actions"', 1)
    assert "Rotate the chair" in recalled and "Meet in the evening" not in recalled
    assert "Meet in the evening" in own and "Rotate the chair" not in own
    page = client.get(answering).content.decode()
    assert "What we said we would do after “Spring”" in page
    assert "Meet in the evening" in page and "Rotate the chair" not in page
    page = client.get(reverse("reflection:detail", args=[first.pk])).content.decode()
    assert "What we said we would do after" not in page


def test_an_empty_action_gets_a_message_by_the_field(team: Team, client: object) -> None:
    checkin = team.open_round()
    answer_all(checkin, team.members, 3)
    close(checkin)
    client.force_login(team.public[0])
    response = client.post(reverse("reflection:action_add", args=[checkin.pk]), {"text": ""})
    assert response.status_code == 400
    assert "Write what the team will do" in response.content.decode()
    assert not InvolvementEntry.objects.exists()


def test_reminders_go_once_to_those_who_have_not_answered(
    team: Team, mailoutbox: list, django_capture_on_commit_callbacks: object
) -> None:
    checkin = team.open_round()
    answer_all(checkin, team.members[:7], 3)
    early = checkin.closes_at - timedelta(days=3)
    assert services.round_remind(checkin=checkin, now=early) == 0
    due = checkin.closes_at - timedelta(days=1)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.rounds_remind_due(now=due) == 3
        assert services.rounds_remind_due(now=due) == 0
    assert sorted(mail.to[0] for mail in mailoutbox) == sorted(p.email for p in team.members[7:])
    assert "Reminder: the check-in “Autumn check-in” closes" in mailoutbox[0].subject
    assert "anonymous" in mailoutbox[0].body


def test_the_command_closes_due_rounds_and_is_safe_to_run_twice(team: Team) -> None:
    checkin = team.open_round()
    answer_all(checkin, team.members, 3)
    CheckInRound.objects.filter(pk=checkin.pk).update(
        opens_at=timezone.now() - timedelta(days=3), closes_at=timezone.now() - timedelta(days=1)
    )
    call_command("checkin_rounds")
    call_command("checkin_rounds")
    checkin.refresh_from_db()
    assert checkin.closed_at is not None and checkin.respondent_count == 10
    assert Submission.objects.count() == 10


def test_opening_a_round_schedules_its_closing_and_reminder(
    team: Team, settings: object, django_capture_on_commit_callbacks: object
) -> None:
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    with django_capture_on_commit_callbacks(execute=True):
        checkin = team.open_round()
    scheduled = {row.task_path: row for row in DBTaskResult.objects.all()}
    close_task = scheduled["levelfield.reflection.tasks.round_close_task"]
    remind_task = scheduled["levelfield.reflection.tasks.round_remind_task"]
    assert close_task.run_after == checkin.closes_at
    assert remind_task.run_after == checkin.closes_at - services.REMINDER_BEFORE


def test_the_tasks_close_and_remind_once(team: Team) -> None:
    from levelfield.reflection import tasks

    checkin = team.open_round()
    answer_all(checkin, team.members, 3)
    assert tasks.round_close_task.call(checkin.pk) is False  # not due yet
    CheckInRound.objects.filter(pk=checkin.pk).update(
        opens_at=timezone.now() - timedelta(days=3), closes_at=timezone.now() - timedelta(days=1)
    )
    assert tasks.round_close_task.call(checkin.pk) is True
    assert tasks.round_close_task.call(checkin.pk) is False
    assert tasks.round_close_task.call(999999) is False
    assert tasks.round_remind_task.call(checkin.pk) == 0


def test_opening_a_page_never_closes_a_round(team: Team, client: object) -> None:
    checkin = team.open_round()
    answer_all(checkin, team.members, 3)
    CheckInRound.objects.filter(pk=checkin.pk).update(
        opens_at=timezone.now() - timedelta(days=3), closes_at=timezone.now() - timedelta(days=1)
    )
    client.force_login(team.members[0])
    page = client.get(reverse("reflection:detail", args=[checkin.pk])).content.decode()
    assert "results will show here in a few minutes" in page
    assert CheckInRound.objects.get(pk=checkin.pk).closed_at is None


def test_a_team_adds_its_own_question_as_a_new_version_and_no_answer_is_lost(
    team: Team, client: object
) -> None:
    checkin = team.open_round()
    answer_all(checkin, team.members, 3)
    builtin = version_of().question_set
    client.force_login(team.members[0])
    url = reverse("reflection:question_add", args=[team.project.collective.slug, builtin.pk])
    response = client.post(url, {"theme": "Sharing power", "text": "We share the dull jobs"})
    assert response.status_code == 302
    own = team.project.collective.question_sets.get()
    assert own.based_on == builtin
    new_version = own.versions.get()
    assert new_version.questions.count() == 9
    assert version_of().questions.count() == 8  # Levelfield's set is untouched
    close(checkin)  # the round keeps its version, so every answer still counts
    assert Answer.objects.filter(submission__round=checkin).count() == 80
    own_url = reverse("reflection:question_add", args=[team.project.collective.slug, own.pk])
    assert client.post(own_url, {"theme": "Ours", "text": "Again"}).status_code == 302
    assert own.versions.count() == 2
    later = team.open_round(version=own.versions.order_by("-number")[0], title="With ours")
    assert later.version.questions.count() == 10


def test_a_new_question_needs_words(team: Team, client: object) -> None:
    client.force_login(team.members[0])
    url = reverse(
        "reflection:question_add",
        args=[team.project.collective.slug, version_of().question_set_id],
    )
    response = client.post(url, {"theme": "", "text": ""})
    assert response.status_code == 400
    assert "Write the question" in response.content.decode()


def test_opening_a_round_through_the_page(team: Team, client: object) -> None:
    client.force_login(team.members[0])
    url = reverse("reflection:place_create", args=[team.project.place.pk])
    assert client.get(url).status_code == 200
    closes = (timezone.localtime() + timedelta(days=10)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(
        url, {"title": "Winter check-in", "version": version_of().pk, "closes_at": closes}
    )
    assert response.status_code == 302
    checkin = CheckInRound.objects.get()
    assert checkin.title == "Winter check-in"
    bad = client.post(url, {"title": "", "version": "", "closes_at": "soon"})
    assert bad.status_code == 400
    page = bad.content.decode()
    assert "Give the round a name" in page and "Choose the questions to ask" in page


def test_people_outside_get_nothing(team: Team, client: object) -> None:
    checkin = team.open_round()
    client.force_login(team.outsider)
    for url in (
        reverse("reflection:detail", args=[checkin.pk]),
        reverse("reflection:answer", args=[checkin.pk]),
        reverse("reflection:place_rounds", args=[team.project.place.pk]),
        reverse("reflection:place_evidence", args=[team.project.place.pk]),
        reverse("reflection:detail", args=[999999]),
    ):
        assert client.get(url).status_code == 404
    response = client.post(
        reverse("reflection:answer", args=[checkin.pk]),
        {f"score_{pk}": "3" for pk in _scores(checkin, 3)},
    )
    assert response.status_code == 404
    assert not Respondent.objects.exists()
