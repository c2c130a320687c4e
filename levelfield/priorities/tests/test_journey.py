"""A partnership from survey to published top 10, told as its people live it."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from levelfield.history.models import Change
from levelfield.people.models import User
from levelfield.priorities import services
from levelfield.priorities.models import (
    Demographics,
    InterimBallot,
    PairAnswer,
    Partnership,
    SimilarPair,
    Stage,
    SteeringMember,
    Submission,
    SubmittedQuestion,
    SummaryQuestion,
)
from levelfield.ratelimits import rule_limits


def _survey_data(**extra: Any) -> dict[str, Any]:
    return {
        "token": str(uuid.uuid4()),
        "question_1": "Does early physiotherapy after a stroke improve walking?",
        "question_2": "How can carers of stroke survivors be supported?",
        "perspective": "carer",
        "consent": "on",
        "age_band": "35_54",
        **extra,
    }


def test_a_member_of_the_public_sends_two_questions_without_an_account(
    partnership: Partnership, client: Client
) -> None:
    url = reverse("priorities:survey", args=[partnership.survey_token])
    assert client.get(url).status_code == 200
    response = client.post(url, _survey_data())
    assert response.status_code == 302
    submission = Submission.objects.get()
    assert submission.perspective == "carer"
    assert submission.questions.count() == 2
    # Sealed until the survey closes, then written out apart from the questions.
    assert not Demographics.objects.exists() and submission.sealed_extras is not None
    steward = SteeringMember.objects.filter(partnership=partnership).first()
    actor = steward.person if steward else partnership.created_by
    services.partnership_stage_set(partnership=partnership, actor=actor, stage=Stage.PROCESSING)
    demographics = Demographics.objects.get()
    assert demographics.age_band == "35_54"
    assert not Submission.objects.filter(sealed_extras__isnull=False).exists()
    # Kept apart: nothing links the demographics to the submission.
    assert {f.name for f in Demographics._meta.get_fields()} == {
        "id",
        "partnership",
        "age_band",
        "region",
        "given_on",
    }


def test_sending_the_same_form_twice_stores_it_once(
    partnership: Partnership, client: Client
) -> None:
    url = reverse("priorities:survey", args=[partnership.survey_token])
    data = _survey_data()
    client.post(url, data)
    client.post(url, data)
    assert Submission.objects.count() == 1
    assert SubmittedQuestion.objects.count() == 2


def test_a_bot_filling_the_honeypot_is_thanked_and_nothing_is_kept(
    partnership: Partnership, client: Client
) -> None:
    url = reverse("priorities:survey", args=[partnership.survey_token])
    response = client.post(url, _survey_data(website="http://spam.example"))
    assert response.status_code == 302
    assert not Submission.objects.exists()


def test_too_many_answers_from_one_address_are_not_kept(
    partnership: Partnership, client: Client
) -> None:
    url = reverse("priorities:survey", args=[partnership.survey_token])
    limit = rule_limits("priorities_survey")[0].count
    for _ in range(limit + 3):
        client.post(url, _survey_data())
    assert Submission.objects.count() == limit


def test_an_empty_survey_shows_errors_the_gov_uk_way_and_keeps_nothing(
    partnership: Partnership, client: Client
) -> None:
    url = reverse("priorities:survey", args=[partnership.survey_token])
    response = client.post(url, {"token": str(uuid.uuid4())})
    html = response.content.decode()
    assert "There is a problem" in html
    assert "Write at least one question" in html
    assert "Agree to us keeping your questions" in html
    assert not Submission.objects.exists()


def test_a_closed_survey_says_so(partnership: Partnership, client: Client, member: User) -> None:
    services.partnership_stage_set(partnership=partnership, actor=member, stage=Stage.PROCESSING)
    url = reverse("priorities:survey", args=[partnership.survey_token])
    client.post(url, _survey_data())
    assert "not open" in client.get(url).content.decode()
    assert not Submission.objects.exists()


def _submit(partnership: Partnership, perspective: str, *texts: str) -> list[SubmittedQuestion]:
    submission, _ = services.survey_submit(
        partnership=partnership,
        token=uuid.uuid4(),
        perspective=perspective,
        questions=list(texts),
        consent=True,
    )
    return list(submission.questions.order_by("pk"))


def test_grouping_keeps_every_original_and_ungrouping_restores_it(
    partnership: Partnership, member: User
) -> None:
    a = _submit(partnership, "patient", "Does early physiotherapy after a stroke improve walking?")
    b = _submit(
        partnership, "carer", "Is starting physiotherapy early after stroke better for walking?"
    )
    _submit(partnership, "professional", "How do we make discharge letters easier to understand?")
    assert services.pairs_find(partnership=partnership) == 1
    assert services.pairs_find(partnership=partnership) == 0  # idempotent
    pair = SimilarPair.objects.get()
    services.pair_answer(pair=pair, actor=member, same=True)
    summary = SummaryQuestion.objects.get()
    assert set(summary.originals.values_list("pk", flat=True)) == {a[0].pk, b[0].pk}
    assert SimilarPair.objects.get().answer == PairAnswer.SAME
    services.question_ungroup(question=b[0], actor=member)
    b[0].refresh_from_db()
    assert b[0].summary is None
    assert b[0].text.startswith("Is starting physiotherapy")
    actions = set(Change.objects.values_list("action", flat=True))
    assert {"grouped", "ungrouped"} <= actions


def test_an_answered_question_needs_its_evidence(partnership: Partnership, member: User) -> None:
    q = _submit(partnership, "patient", "Does salt matter?")
    summary = services.summary_create(
        partnership=partnership, actor=member, questions=q, text="Salt?"
    )
    with pytest.raises(ValidationError):
        services.summary_update(
            summary=summary, actor=member, text="Salt?", status="answered", evidence=""
        )
    services.summary_update(
        summary=summary, actor=member, text="Salt?", status="answered", evidence="doi:10.1/x"
    )
    assert services.long_list(partnership) == []


def test_the_steering_group_changes_are_in_the_history_and_the_new_member_hears(
    partnership: Partnership,
    member: User,
    other_member: User,
    mailoutbox: list,
    django_capture_on_commit_callbacks: Any,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        services.steering_member_add(partnership=partnership, actor=member, person=other_member)
    assert [m.to for m in mailoutbox] == [[other_member.email]]
    assert "steering group" in mailoutbox[0].subject
    steer = SteeringMember.objects.get(person=other_member)
    services.steering_member_remove(member=steer, actor=member)
    assert list(
        Change.objects.filter(action__startswith="steering").values_list("action", flat=True)
    ) == ["steering_removed", "steering_added"]
    # Their time can go in the partnership project's involvement log.
    assert partnership.project.place.memberships.filter(person=other_member).exists()


def test_from_long_list_to_a_published_top_ten(
    partnership: Partnership,
    member: User,
    client: Client,
    mailoutbox: list,
    django_capture_on_commit_callbacks: Any,
) -> None:
    summaries = []
    for n in range(12):
        q = _submit(partnership, "patient", f"Question about treatment {n}?")
        summaries.append(
            services.summary_create(
                partnership=partnership, actor=member, questions=q, text=f"S{n}?"
            )
        )
    client.post(
        reverse("priorities:survey", args=[partnership.survey_token]),
        _survey_data(email="someone@example.org", question_2=""),
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.partnership_stage_set(partnership=partnership, actor=member, stage=Stage.INTERIM)
    assert sorted(m.to[0] for m in mailoutbox) == sorted([member.email, "someone@example.org"])
    interim_url = reverse("priorities:interim", args=[partnership.survey_token])
    ids = [s.pk for s in summaries]
    for picks, kind in ((ids[:10], "patient"), (ids[2:12], "professional"), (ids[:3], "carer")):
        client.post(
            interim_url,
            {"token": str(uuid.uuid4()), "picks": [str(p) for p in picks], "perspective": kind},
        )
    assert InterimBallot.objects.count() == 3
    too_many = client.post(
        interim_url,
        {"token": str(uuid.uuid4()), "picks": [str(p) for p in ids[:11]], "perspective": "carer"},
    )
    assert "Choose 10 questions at most" in too_many.content.decode()
    partnership.shortlist_size = 10
    partnership.save()
    chosen = services.shortlist_make(partnership=partnership, actor=member)
    assert len(chosen) == 10
    services.partnership_stage_set(partnership=partnership, actor=member, stage=Stage.WORKSHOP)
    one = services.workshop_group_add(partnership=partnership, actor=member, name="Oak", round=1)
    two = services.workshop_group_add(partnership=partnership, actor=member, name="Ash", round=1)
    services.group_ranking_record(group=one, actor=member, ranking=chosen)
    services.group_ranking_record(group=two, actor=member, ranking=list(reversed(chosen)))
    # Publishing ends it for everyone, so the workshop page asks to confirm first.
    client.force_login(member)
    publish = reverse("priorities:publish", args=[partnership.pk])
    confirm = client.get(f"{publish}?round=1").content.decode()
    assert "Publish the top 10 from round 1?" in confirm
    assert 'name="round" value="1"' in confirm
    partnership.refresh_from_db()
    assert partnership.stage == Stage.WORKSHOP
    with django_capture_on_commit_callbacks(execute=True):
        client.post(publish, {"round": 1})
    partnership.refresh_from_db()
    assert partnership.stage == Stage.PUBLISHED
    client.logout()
    assert partnership.stage == Stage.PUBLISHED
    page = client.get(reverse("priorities:public", args=[partnership.survey_token]))
    assert "The top 10 research priorities" in page.content.decode()
    client.force_login(member)
    report = client.get(reverse("priorities:report", args=[partnership.pk])).content.decode()
    assert "Question about treatment" in report
    assert Change.objects.filter(action="published").exists()


def test_someone_outside_the_collective_sees_nothing(
    partnership: Partnership, outsider: User, client: Client
) -> None:
    client.force_login(outsider)
    for name in ("partnership", "submissions", "long_list", "report", "workshop"):
        assert client.get(reverse(f"priorities:{name}", args=[partnership.pk])).status_code == 404
    response = client.post(
        reverse("priorities:stage", args=[partnership.pk]), {"stage": "interim"}
    )
    assert response.status_code == 404
    partnership.refresh_from_db()
    assert partnership.stage == Stage.SURVEY


def test_the_team_pages_open_for_a_member(
    partnership: Partnership, member: User, client: Client
) -> None:
    _submit(partnership, "patient", "Does early physiotherapy help?", "Does music help speech?")
    client.force_login(member)
    for name in (
        "partnership",
        "edit",
        "submissions",
        "suggestions",
        "long_list",
        "interim_results",
        "workshop",
        "report",
    ):
        assert client.get(reverse(f"priorities:{name}", args=[partnership.pk])).status_code == 200


@pytest.mark.parametrize("rows", [1, 20])
def test_the_submissions_page_does_not_grow_in_queries_with_the_data(
    partnership: Partnership,
    member: User,
    client: Client,
    rows: int,
    django_assert_max_num_queries: Any,
) -> None:
    for n in range(rows):
        _submit(partnership, "patient", f"Question {n}?")
    q = SubmittedQuestion.objects.first()
    services.summary_create(partnership=partnership, actor=member, questions=[q], text="S?")
    client.force_login(member)
    for name in ("submissions", "long_list", "partnership", "interim_results", "report"):
        with django_assert_max_num_queries(16):
            client.get(reverse(f"priorities:{name}", args=[partnership.pk]))


def test_an_idea_becomes_a_project_with_its_co_owners(
    collective: Any, member: User, other_member: User, client: Client
) -> None:
    client.force_login(member)
    response = client.post(
        reverse("priorities:ideas", args=[collective.slug]),
        {"title": "Peer support online", "description": "Does it help young survivors?"},
    )
    idea_url = response["Location"]
    client.force_login(other_member)
    client.post(idea_url, {"text": "We could co-design it with a youth group."})
    pk = int(idea_url.rstrip("/").split("/")[-1])
    client.post(reverse("priorities:idea_co_own", args=[pk]))
    response = client.post(reverse("priorities:idea_project", args=[pk]))
    project_url = response["Location"]
    assert "/projects/" in project_url
    from levelfield.priorities.models import Idea

    project = Idea.objects.get(pk=pk).project
    assert set(project.place.memberships.values_list("person__display_name", flat=True)) == {
        "Mo",
        "Gita",
    }


def test_confirming_a_suggested_duplicate_says_what_happened(
    client: Client, partnership: Partnership, member: User
) -> None:
    """Grouping a duplicate question gives feedback, and says it can be undone."""
    _submit(partnership, "patient", "Does early physiotherapy after a stroke improve walking?")
    _submit(
        partnership, "carer", "Is starting physiotherapy early after stroke better for walking?"
    )
    services.pairs_find(partnership=partnership)
    pair = SimilarPair.objects.get()
    client.force_login(member)
    response = client.post(
        reverse("priorities:pair_answer", args=[partnership.pk, pair.pk]),
        {"answer": PairAnswer.SAME},
        follow=True,
    )
    page = response.content.decode()
    assert "Grouped: the two questions now count as one on the long list." in page
    assert SummaryQuestion.objects.count() == 1


def test_the_partnership_page_writes_big_totals_with_commas(
    partnership: Partnership, client: Client, member: User
) -> None:
    """1,200 people answered: the steering group reads 1,200, not 1200."""
    Submission.objects.bulk_create(
        Submission(partnership=partnership, token=uuid.uuid4(), perspective=kind, consent=True)
        for kind in ["patient"] * 1_000 + ["carer"] * 200
    )
    client.force_login(member)
    page = client.get(reverse("priorities:partnership", args=[partnership.pk])).content.decode()
    assert ">1,200</td>" in page and ">1,000</td>" in page and "1200" not in page
