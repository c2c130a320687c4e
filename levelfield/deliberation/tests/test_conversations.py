"""A team co-creates data principles: starting a conversation, reacting one statement
at a time, adding statements, moderation, the report, Pol.is import and export, and
adopting principles through a decision."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from levelfield.decisions.models import Decision
from levelfield.deliberation import polis, report, services
from levelfield.deliberation.models import (
    Analysis,
    Conversation,
    Moderation,
    Participant,
    Reaction,
    ReactionLog,
    Statement,
    StatementStatus,
    WhoMayTakePart,
)
from levelfield.deliberation.synthetic import planted_conversation
from levelfield.deliberation.tests.factories import ConversationFactory, StatementFactory
from levelfield.jobs.testing import prepared
from levelfield.people.tests.factories import UserFactory
from levelfield.projects.tests.factories import ProjectFactory, ProjectMembershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def member(client: object) -> object:
    person = UserFactory(display_name="Mo")
    return person


@pytest.fixture
def project(member: object) -> object:
    project = ProjectFactory(title="Data project")
    ProjectMembershipFactory(project=project, person=member)
    return project


@pytest.fixture
def conversation(project: object, member: object) -> Conversation:
    return services.conversation_start(
        started_by=member,
        place=project.place,
        title="Data principles",
        prompt="How should patient data be used?",
        seeds=[f"Seed statement number {n}" for n in range(1, 13)],
    )


def _post_reaction(client: object, conversation: Conversation, statement: Statement, vote: int):
    return client.post(
        reverse("deliberation:react", args=[conversation.pk]),
        {"statement": statement.pk, "vote": vote},
    )


def test_a_member_starts_a_conversation_with_seed_statements(client, project, member) -> None:
    client.force_login(member)
    response = client.post(
        reverse("deliberation:place_create", args=[project.place.pk]),
        {
            "title": "Our data principles",
            "prompt": "How should data be used?",
            "who_may_take_part": "members",
            "moderation": "at_once",
            "seeds": "Tell patients when data is used\n\nKeep data in the NHS\n",
        },
    )
    conversation = Conversation.objects.get(title="Our data principles")
    assert response.status_code == 302
    assert [s.text for s in conversation.statements.all()] == [
        "Tell patients when data is used",
        "Keep data in the NHS",
    ]


def test_seed_statements_over_the_limit_are_named(client, project, member) -> None:
    client.force_login(member)
    response = client.post(
        reverse("deliberation:place_create", args=[project.place.pk]),
        {
            "title": "T",
            "prompt": "P",
            "who_may_take_part": "members",
            "moderation": "at_once",
            "seeds": "fine statement\n" + "x" * 300,
        },
    )
    assert response.status_code == 200
    assert "Seed statement 2: Keep the statement to 280 characters" in response.content.decode()
    assert not Conversation.objects.exists()


def test_a_member_reacts_to_ten_statements_one_at_a_time(client, conversation, member) -> None:
    client.force_login(member)
    seen = []
    for _ in range(10):
        page = client.get(conversation.get_absolute_url())
        statement = page.context["statement"]
        assert statement.pk not in seen
        seen.append(statement.pk)
        assert _post_reaction(client, conversation, statement, 1).status_code == 302
    participant = Participant.objects.get(person=member)
    assert participant.reactions.count() == 10
    assert (
        "You have reacted to 10 of 12 statements"
        in client.get(conversation.get_absolute_url()).content.decode()
    )


def test_changing_a_reaction_keeps_one_current_and_the_history(client, conversation, member):
    client.force_login(member)
    statement = conversation.statements.first()
    _post_reaction(client, conversation, statement, 1)
    _post_reaction(client, conversation, statement, -1)
    assert list(Reaction.objects.values_list("vote", flat=True)) == [-1]
    assert list(ReactionLog.objects.order_by("pk").values_list("vote", flat=True)) == [1, -1]
    page = client.get(conversation.get_absolute_url() + f"?statement={statement.pk}")
    assert "You reacted “Disagree”" in page.content.decode()


def test_each_reaction_listed_links_to_changing_it_in_the_readers_language(
    client, conversation, member
) -> None:
    client.force_login(member)
    statement = conversation.statements.first()
    _post_reaction(client, conversation, statement, 1)
    page = client.get(conversation.get_absolute_url()).content.decode()
    assert (
        f'<a class="govuk-link" href="?statement={statement.pk}">Change<span '
        f'class="govuk-visually-hidden"> your reaction to statement {statement.number}</span>'
    ) in page
    member.language = "cy"
    member.save(update_fields=["language"])
    page = client.get(conversation.get_absolute_url()).content.decode()
    assert f"your reaction to statement {statement.number}</span>" not in page


def test_the_kept_table_of_your_reactions_follows_each_change(
    client, conversation, member
) -> None:
    """The table of a person's reactions is kept per what it shows: a changed reaction
    and a statement moderated out show at once."""
    client.force_login(member)
    statement = conversation.statements.first()
    change = f'href="?statement={statement.pk}">Change'

    def row() -> str:
        page = client.get(conversation.get_absolute_url()).content.decode()
        return page.split("Your reactions")[1].split(statement.text)[1].split("</tr>")[0]

    _post_reaction(client, conversation, statement, 1)
    assert ">Agree<" in row()
    assert change in row()

    _post_reaction(client, conversation, statement, -1)
    assert ">Disagree<" in row()

    services.statement_moderate(statement=statement, actor=member, accept=False)
    assert ">Disagree<" in row()
    assert change not in row()


def test_a_bad_vote_or_statement_is_refused_clearly(client, conversation, member) -> None:
    client.force_login(member)
    statement = conversation.statements.first()
    response = _post_reaction(client, conversation, statement, 5)
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    other = StatementFactory()
    assert _post_reaction(client, conversation, other, 1).status_code == 404
    assert not Reaction.objects.exists()


def test_reactions_to_moderated_out_statements_are_refused(client, conversation, member) -> None:
    statement = conversation.statements.first()
    services.statement_moderate(statement=statement, actor=member, accept=False)
    client.force_login(member)
    response = _post_reaction(client, conversation, statement, 1)
    assert "moderated out" in str(list(response.wsgi_request._messages))
    assert not Reaction.objects.exists()


def test_adding_statements_refuses_empty_long_and_duplicate(client, conversation, member):
    client.force_login(member)
    url = reverse("deliberation:add", args=[conversation.pk])
    for text, message in [
        ("   ", "Enter a statement."),
        ("y" * 281, "Keep the statement to 280 characters or fewer (it has 281)"),
        ("seed  STATEMENT number 1.", "Someone has already made that statement"),
    ]:
        response = client.post(url, {"text": text})
        assert response.status_code == 200
        assert message in response.content.decode()
        assert "There is a problem" in response.content.decode()
    assert conversation.statements.count() == 12
    assert client.post(url, {"text": "Publish every use of data"}).status_code == 302
    assert conversation.statements.filter(status=StatementStatus.SHOWN).count() == 13


def test_with_moderation_first_a_new_statement_waits_for_a_member(client, conversation, member):
    conversation.moderation = Moderation.FIRST
    conversation.save()
    client.force_login(member)
    client.post(reverse("deliberation:add", args=[conversation.pk]), {"text": "A new idea here"})
    waiting = Statement.objects.get(text="A new idea here")
    assert waiting.status == StatementStatus.WAITING
    client.post(
        reverse("deliberation:moderate", args=[conversation.pk]),
        {"statement": waiting.pk, "accept": "yes"},
    )
    waiting.refresh_from_db()
    assert waiting.status == StatementStatus.SHOWN


def test_a_visitor_with_the_link_gives_a_name_and_takes_part(client, conversation) -> None:
    conversation.who_may_take_part = WhoMayTakePart.ANYONE_WITH_LINK
    conversation.save()
    assert client.get(conversation.get_absolute_url()).status_code == 404
    join = reverse("deliberation:join", args=[conversation.link_token])
    assert client.get(join).status_code == 200
    assert "Enter a name to take part." in client.post(join, {"name": ""}).content.decode()
    assert client.post(join, {"name": "Sam"}).status_code == 302
    page = client.get(conversation.get_absolute_url())
    assert page.status_code == 200
    _post_reaction(client, conversation, page.context["statement"], 0)
    assert Participant.objects.get(name="Sam").reactions.count() == 1
    assert client.get(reverse("deliberation:report", args=[conversation.pk])).status_code == 302


def test_outsiders_get_404_and_a_members_only_link_is_404(client, conversation) -> None:
    client.force_login(UserFactory())
    assert client.get(conversation.get_absolute_url()).status_code == 404
    assert client.get(reverse("deliberation:report", args=[conversation.pk])).status_code == 404
    statement = conversation.statements.first()
    assert _post_reaction(client, conversation, statement, 1).status_code == 404
    assert (
        client.get(reverse("deliberation:join", args=[conversation.link_token])).status_code == 404
    )
    assert not Reaction.objects.exists()


def _react_synthetically(conversation: Conversation) -> None:
    synthetic = planted_conversation(participants=40, statements=12, groups=2, seed=1)
    statements = list(conversation.statements.order_by("number"))
    people = {
        pid: Participant.objects.create(conversation=conversation, name=f"P{pid}")
        for pid in set(synthetic.participant_ids.tolist())
    }
    for pid, sid, vote in zip(
        synthetic.participant_ids, synthetic.statement_ids, synthetic.votes, strict=True
    ):
        services.reaction_record(
            participant=people[int(pid)], statement=statements[sid - 1], vote=int(vote)
        )


def test_reactions_ask_for_one_analysis_and_the_report_shows_it(client, conversation, member):
    client.force_login(member)
    report_url = reverse("deliberation:report", args=[conversation.pk])
    assert "No analysis yet" in client.get(report_url).content.decode()
    _react_synthetically(conversation)
    conversation.refresh_from_db()
    assert conversation.analysis_due_at is not None
    assert not Analysis.objects.exists()  # never inside the request or the reaction
    later = timezone.now() + services.ANALYSIS_DELAY + timedelta(seconds=1)
    assert services.conversations_analyse_due(now=later) == 1  # one, however many reactions
    assert services.conversations_analyse_due(now=later) == 0
    assert Analysis.objects.count() == 1
    page = client.get(report_url).content.decode()
    assert "Group A" in page and "Group B" in page and "<svg" in page
    assert "Last worked out" in page


def test_the_report_says_where_its_rules_differ_from_pol_is_and_why(
    client, conversation, member, monkeypatch
) -> None:
    _react_synthetically(conversation)
    services.analysis_run(conversation=conversation)
    client.force_login(member)
    url = reverse("deliberation:report", args=[conversation.pk])

    page = client.get(url).content.decode()

    conversation.refresh_from_db()
    grouped = conversation.analysis.result["grouped"]
    assert "Where this differs from Pol.is, and why" in page
    assert "Pol.is compares every pair of grouped people" in page
    assert "when more than 1,000 people are grouped, 1,000 of them" in page
    assert "4 million distances" in page
    assert f"This conversation has {grouped} grouped people, so everyone was compared" in page
    assert "a majority of every group agreed" in page
    assert "ordered as Pol.is orders them" in page

    # Above the sample size, the page says the sample was used.
    monkeypatch.setattr(report, "SILHOUETTE_SAMPLE", grouped - 1)
    sampled = client.get(url).content.decode()

    assert f"This conversation has {grouped} grouped people, so the sample was used." in sampled


def test_the_report_query_count_does_not_grow(
    client, conversation, member, django_assert_max_num_queries
) -> None:
    _react_synthetically(conversation)
    services.analysis_run(conversation=conversation)
    client.force_login(member)
    with django_assert_max_num_queries(12):
        client.get(reverse("deliberation:report", args=[conversation.pk]))
    with django_assert_max_num_queries(12):
        client.get(conversation.get_absolute_url())


def test_export_then_import_round_trips_the_pol_is_format(client, conversation, member):
    _react_synthetically(conversation)
    client.force_login(member)
    votes = prepared(client, reverse("deliberation:export_votes", args=[conversation.pk]))
    comments = prepared(client, reverse("deliberation:export_comments", args=[conversation.pk]))
    assert votes.content.decode().splitlines()[0] == "timestamp,datetime,comment-id,voter-id,vote"
    other = ConversationFactory(place=conversation.place)
    response = client.post(
        reverse("deliberation:import", args=[other.pk]),
        {
            "votes": SimpleUploadedFile("votes.csv", votes.content),
            "comments": SimpleUploadedFile("comments.csv", comments.content),
        },
    )
    assert response.status_code == 302
    assert other.statements.count() == 12
    assert (
        Reaction.objects.filter(statement__conversation=other).count()
        == Reaction.objects.filter(statement__conversation=conversation).count()
    )


def test_a_malformed_import_names_the_line_and_imports_nothing(client, conversation, member):
    comments = (
        "timestamp,datetime,comment-id,author-id,agrees,disagrees,moderated,comment-body\n"
        "1700000000000,x,1,1,0,0,1,Share data openly\n"
        "1700000000000,x,2,1,0,0,1,Keep data private\n"
    )
    votes = (
        "timestamp,datetime,comment-id,voter-id,vote\n"
        "1700000000000,x,1,7,1\n"
        "1700000000000,x,2,7,2\n"
        "1700000000000,x,9,7,1\n"
    )
    with pytest.raises(polis.ImportProblem) as problem:
        polis.polis_import(
            conversation=conversation, actor=member, votes_csv=votes, comments_csv=comments
        )
    assert problem.value.problems == [
        "votes.csv line 3: vote must be 1, -1 or 0, not “2”.",
        "votes.csv line 4: comment-id 9 is not in comments.csv.",
    ]
    assert conversation.statements.count() == 12
    assert not Reaction.objects.exists()
    client.force_login(member)
    response = client.post(
        reverse("deliberation:import", args=[conversation.pk]),
        {
            "votes": SimpleUploadedFile("votes.csv", votes.encode()),
            "comments": SimpleUploadedFile("comments.csv", comments.encode()),
        },
    )
    assert "votes.csv line 3" in response.content.decode()


def test_the_import_command_reads_files(tmp_path, conversation) -> None:
    (tmp_path / "votes.csv").write_text(
        "timestamp,datetime,comment-id,voter-id,vote\n1700000000,x,1,3,-1\n"
    )
    (tmp_path / "comments.csv").write_text(
        "timestamp,datetime,comment-id,author-id,agrees,disagrees,moderated,comment-body\n"
        "1700000000,x,1,3,0,1,1,A brand new statement\n"
    )
    call_command(
        "import_polis",
        conversation.pk,
        tmp_path / "votes.csv",
        tmp_path / "comments.csv",
        stdout=io.StringIO(),
    )
    assert Reaction.objects.get().vote == -1


def test_picked_statements_become_a_decision(client, conversation, member) -> None:
    client.force_login(member)
    picks = list(conversation.statements.values_list("pk", flat=True)[:3])
    client.post(reverse("deliberation:draft", args=[conversation.pk]), {"statements": picks})
    response = client.post(
        reverse("deliberation:decide", args=[conversation.pk]), {"method": "consent", "days": 14}
    )
    decision = Decision.objects.get()
    assert response.status_code == 302
    assert "1. Seed statement number 1" in decision.background
    assert decision.place == conversation.place
    assert decision.closes_at > timezone.now() + timedelta(days=13)


def test_principles_are_adopted_when_their_decision_closes_in_favour(
    client, conversation, member
) -> None:
    from levelfield.decisions import services as decision_services
    from levelfield.deliberation.models import Draft

    client.force_login(member)
    picks = list(conversation.statements.values_list("pk", flat=True)[:2])
    client.post(reverse("deliberation:draft", args=[conversation.pk]), {"statements": picks})
    client.post(
        reverse("deliberation:decide", args=[conversation.pk]), {"method": "consent", "days": 14}
    )
    decision = Decision.objects.get()
    decision_services.response_submit(
        decision=decision, person=member, payload={"stance": "consent"}
    )
    later = decision.closes_at + timedelta(minutes=1)

    decision_services.decisions_close_due(now=later)

    assert Draft.objects.get(conversation=conversation).adopted_at == later
    page = client.get(reverse("deliberation:draft", args=[conversation.pk])).content.decode()
    assert "These principles were adopted" in page


GOOD_COMMENTS = (
    "timestamp,datetime,comment-id,author-id,agrees,disagrees,moderated,comment-body\n"
    "1700000000000,x,1,1,0,0,1,A statement to import\n"
)
GOOD_VOTES = "timestamp,datetime,comment-id,voter-id,vote\n1700000000000,x,1,7,1\n"


@pytest.mark.parametrize(
    ("votes", "message"),
    [
        (
            b"PK\x03\x04 a spreadsheet",
            "votes.csv must be a CSV file; this looks like a spreadsheet",
        ),
        (b"%PDF-1.7", "votes.csv must be a CSV file; this looks like a PDF"),
        (b"", "The submitted file is empty"),
        (b"\n\n", "votes.csv is empty: its first line must be the header"),
        (b"voter,statement,vote\n1,1,1\n", "votes.csv line 1 must be the Pol.is header"),
        (GOOD_COMMENTS.encode(), "votes.csv has the columns of comments.csv"),
        ("timestamp,datetime,comment-id,voter-id,vote\n\xe9".encode("latin-1"), "UTF-8"),
    ],
)
def test_an_upload_that_is_not_a_pol_is_csv_is_refused_before_parsing(
    client, conversation, member, votes, message
) -> None:
    client.force_login(member)
    response = client.post(
        reverse("deliberation:import", args=[conversation.pk]),
        {
            "votes": SimpleUploadedFile("votes.csv", votes),
            "comments": SimpleUploadedFile("comments.csv", GOOD_COMMENTS.encode()),
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page
    assert message in page
    assert conversation.statements.count() == 12
    assert not Reaction.objects.exists()


def test_the_import_command_refuses_a_file_that_is_not_csv(tmp_path, conversation) -> None:
    (tmp_path / "votes.csv").write_bytes(b"PK\x03\x04")
    (tmp_path / "comments.csv").write_text(GOOD_COMMENTS)
    with pytest.raises(CommandError, match="votes.csv must be a CSV file"):
        call_command(
            "import_polis", conversation.pk, tmp_path / "votes.csv", tmp_path / "comments.csv"
        )
    assert conversation.statements.count() == 12
