"""A member brings in a Pol.is export as Pol.is writes it, messy parts and all
(duplicate statements, moderated-out statements, people with few votes,
participants-votes.csv), and gets the statements numbered as in Pol.is and the groups
Pol.is would draw."""

from __future__ import annotations

import csv
import io

import numpy as np
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from levelfield.deliberation import analysis, polis, services
from levelfield.deliberation.models import (
    Conversation,
    ImportState,
    Participant,
    PolisImport,
    Reaction,
    Statement,
    StatementStatus,
)
from levelfield.deliberation.tests.agreement import adjusted_rand
from levelfield.deliberation.tests.factories import ConversationFactory
from levelfield.deliberation.tests.polis_exports import Export, messy_export
from levelfield.jobs.testing import prepared
from levelfield.people.tests.factories import UserFactory
from levelfield.projects.tests.factories import ProjectMembershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def export() -> Export:
    return messy_export()


@pytest.fixture
def member_client() -> tuple[Client, Conversation]:
    person = UserFactory()
    conversation = ConversationFactory()
    ProjectMembershipFactory(project=conversation.place.project, person=person)
    client = Client()
    client.force_login(person)
    return client, conversation


def _post(client: Client, conversation: Conversation, **files: str) -> object:
    return client.post(
        reverse("deliberation:import", args=[conversation.pk]),
        {
            field: SimpleUploadedFile(name, text.encode())
            for field, (name, text) in {
                key: (f"{key.replace('_', '-')}.csv", value) for key, value in files.items()
            }.items()
        },
        follow=True,
    )


def _current(conversation: Conversation) -> set[tuple[int, int, int]]:
    """(Pol.is voter-id, Pol.is comment-id, vote) for every current reaction."""
    return set(
        Reaction.objects.filter(statement__conversation=conversation).values_list(
            "participant__polis_id", "statement__polis_id", "vote"
        )
    )


def _latest(export: Export) -> set[tuple[int, int, int]]:
    latest = {}
    for _, voter, cid, vote in export.rows:
        latest[(voter, cid)] = vote
    return {(voter, cid, vote) for (voter, cid), vote in latest.items()}


# 1. Duplicate statements


def test_an_export_with_duplicate_statements_imports_keeping_the_copy_pol_is_showed(
    member_client: tuple[Client, Conversation], export: Export
) -> None:
    client, conversation = member_client

    page = _post(client, conversation, votes=export.votes, comments=export.comments)

    text = page.content.decode()
    assert page.redirect_chain[-1][0].endswith(
        reverse("deliberation:report", args=[conversation.pk])
    )
    assert (
        "2 duplicate statements: kept the shown copy of “Statement 7 about patient data” "
        "(comment 7, 63 votes) as the statement; the other copy (comment 0, moderated out, "
        "1 vote) stays beside it with its votes and moderation state. Kept the shown copy of "
        "“Statement 12 about patient data” (comment 12, 77 votes)"
    ) in text
    shown = Statement.objects.get(conversation=conversation, polis_id=export.shown_copy)
    hidden = Statement.objects.get(conversation=conversation, polis_id=export.hidden_copy)
    assert shown.status == StatementStatus.SHOWN
    assert shown.text_key == services.text_key(shown.text)
    assert hidden.status == StatementStatus.REJECTED  # kept, with its moderation state
    assert _current(conversation) == _latest(export)  # every vote kept, the latest wins
    # The shown copy is the one a new statement with the same words meets.
    participant = Participant.objects.filter(conversation=conversation).first()
    with pytest.raises(services.DeliberationError, match="already made that statement"):
        services.statement_add(conversation=conversation, participant=participant, text=shown.text)


def test_a_broken_comment_is_the_first_problem_not_buried_under_its_votes(
    export: Export,
) -> None:
    lines = export.comments.splitlines()
    # Comment 7 (line 9: the header and comment 0 come first) gets a moderated value
    # Pol.is never writes; more than 20 votes name it.
    broken = lines[8].split(",")
    assert broken[2] == "7"
    broken[6] = "5"
    lines[8] = ",".join(broken)
    bad_votes = export.votes + "".join(f"{1_700_000_000_000},x,99,{v},1\n" for v in range(30))

    with pytest.raises(polis.ImportProblem) as problem:
        polis.polis_import(
            conversation=ConversationFactory(),
            actor=None,
            votes_csv=bad_votes,
            comments_csv="\n".join(lines) + "\n",
        )

    problems = problem.value.problems
    assert problems[0] == "comments.csv line 9: moderated must be 1, 0 or -1, not “5”."
    assert not any("comment-id 7 " in line for line in problems)
    # Thirty votes on a missing comment are one line, naming the first lines.
    assert problems[1].startswith("votes.csv lines ")
    assert problems[1].endswith("and 27 more: comment-id 99 is not in comments.csv.")
    assert len(problems) == 2


def test_a_long_list_of_problems_says_how_many_more_there_are() -> None:
    comments = "".join(f"1700000000000,x,{n},1,0,0,7,Statement {n}\n" for n in range(1, 31))

    with pytest.raises(polis.ImportProblem) as problem:
        polis.polis_import(
            conversation=ConversationFactory(),
            actor=None,
            votes_csv=",".join(polis.VOTES_HEADER) + "\n",
            comments_csv=",".join(polis.COMMENTS_HEADER) + "\n" + comments,
        )

    problems = problem.value.problems
    assert len(problems) == polis.MAX_PROBLEMS + 1
    assert problems[-1].startswith("… and 10 more problems not listed")


# 2. participants-votes.csv


def test_participants_votes_csv_with_comments_csv_imports_the_same_votes(
    member_client: tuple[Client, Conversation], export: Export
) -> None:
    client, conversation = member_client

    page = _post(client, conversation, votes=export.participants_votes, comments=export.comments)

    assert "Imported 33 statements" in page.content.decode()
    assert _current(conversation) == _latest(export)


def test_participants_votes_csv_alone_says_which_file_to_add(
    member_client: tuple[Client, Conversation], export: Export
) -> None:
    client, conversation = member_client

    alone = _post(client, conversation, votes=export.participants_votes)
    in_the_wrong_place = _post(
        client, conversation, votes=export.votes, comments=export.participants_votes
    )

    assert "Choose comments.csv from the same Pol.is export: it holds the statements" in (
        alone.content.decode().replace("&#x27;", "'")
    )
    assert (
        "comments.csv is a participants-votes.csv (one row per person): give it as the votes "
        "file, and comments.csv from the same export"
    ) in in_the_wrong_place.content.decode()
    assert not conversation.statements.exists()


SUMMARY = (
    'topic,"Fair decisions, together"\n'
    "url,https://pol.is/3abcdefgh\n"
    "views,412\n"
    "voters,60\n"
    "voters-in-conv,57\n"
    "commenters,12\n"
    "comments,33\n"
    "groups,2\n"
    'conversation-description,"How should the Allies Group decide?"\n'
)


def test_summary_csv_beside_the_others_keeps_pol_is_topic_and_counts_to_compare(
    member_client: tuple[Client, Conversation], export: Export
) -> None:
    client, conversation = member_client

    page = _post(
        client, conversation, votes=export.votes, comments=export.comments, other=SUMMARY
    ).content.decode()

    assert "Imported 33 statements" in page
    assert "From summary.csv: Pol.is’s topic was “Fair decisions, together”" in page
    assert "Pol.is counted 60 voters, 57 of them grouped, 2 opinion groups" in page
    assert "summary.csv’s commenters, comments, views are not used here." in page
    assert _current(conversation) == _latest(export)


def test_the_export_s_other_files_are_accepted_and_said_to_be_ignored(
    member_client: tuple[Client, Conversation], export: Export
) -> None:
    client, conversation = member_client
    stats = "n-votes,n-comments,n-visitors,n-voters,n-commenters\n10,3,8,5,2\n"

    page = _post(
        client, conversation, votes=export.votes, comments=export.comments, other=stats
    ).content.decode()

    assert "Imported 33 statements" in page
    assert "stats-history.csv (how the conversation grew) was not needed and is ignored" in page


def test_summary_csv_in_the_statements_field_says_where_it_goes(
    member_client: tuple[Client, Conversation], export: Export
) -> None:
    client, conversation = member_client

    page = _post(client, conversation, votes=export.votes, comments=SUMMARY).content.decode()

    assert "comments.csv is Pol.is&#x27;s summary.csv: give it in the optional field" in page
    assert not conversation.statements.exists()


def test_a_big_export_with_summary_csv_keeps_its_notes_in_the_background() -> None:
    conversation = ConversationFactory()
    person = UserFactory()
    ProjectMembershipFactory(project=conversation.place.project, person=person)
    export = messy_export()
    job = polis.polis_import_request(
        conversation=conversation,
        actor=person,
        votes_csv=export.votes,
        comments_csv=export.comments,
        other_csv=SUMMARY,
    )

    done = polis.polis_import_run(import_id=job.pk)

    assert done.state == ImportState.DONE
    assert any("Pol.is counted 60 voters" in line for line in done.messages)
    assert done.other_csv == ""


def test_a_file_that_is_no_pol_is_export_says_which_files_to_give(
    member_client: tuple[Client, Conversation], export: Export
) -> None:
    client, conversation = member_client

    page = _post(client, conversation, votes="who,what\n1,2\n", comments=export.comments)

    assert "Give votes.csv or participants-votes.csv from the Pol.is export here." in (
        page.content.decode()
    )


def test_participants_votes_csv_with_a_value_pol_is_never_writes_names_the_line(
    export: Export,
) -> None:
    lines = export.participants_votes.splitlines()
    lines[3] = lines[3].rsplit(",", 1)[0] + ",yes"

    with pytest.raises(polis.ImportProblem) as problem:
        polis.polis_import(
            conversation=ConversationFactory(),
            actor=None,
            votes_csv="\n".join(lines) + "\n",
            comments_csv=export.comments,
        )

    assert problem.value.problems == [
        "participants-votes.csv line 4: the vote on comment 32 must be 1, -1, 0 or empty, "
        "not “yes”."
    ]


# 3. Pol.is numbers


def test_statements_keep_pol_is_comment_ids_as_their_numbers(
    member_client: tuple[Client, Conversation], export: Export
) -> None:
    client, conversation = member_client

    _post(client, conversation, votes=export.votes, comments=export.comments)

    numbered = dict(conversation.statements.values_list("polis_id", "number"))
    assert numbered == {cid: cid for cid in export.moderation}
    assert conversation.statements.get(number=18).text == "Statement 18 about patient data"
    page = client.get(reverse("deliberation:moderate", args=[conversation.pk])).content.decode()
    assert "18. Statement 18 about patient data" in page


def test_into_a_conversation_with_statements_the_pol_is_number_shows_beside(
    member_client: tuple[Client, Conversation], export: Export
) -> None:
    client, conversation = member_client
    Statement.objects.create(
        conversation=conversation,
        number=1,
        text="Already here",
        text_key="already here",
        created_at=conversation.created_at,
    )

    page = _post(client, conversation, votes=export.votes, comments=export.comments)

    assert "numbered from 2" in page.content.decode()
    eighteen = conversation.statements.get(polis_id=18)
    assert eighteen.number == 20  # after 1, and Pol.is's 0 and 1..17 before it
    page = client.get(reverse("deliberation:moderate", args=[conversation.pk])).content.decode()
    assert "20. (Pol.is comment 18) Statement 18 about patient data" in page


# 4 and 5. Who gets a group, and which group: as Pol.is


def test_votes_on_statements_moderated_out_count_towards_the_seven(export: Export) -> None:
    conversation = ConversationFactory()
    polis.polis_import(
        conversation=conversation, actor=None, votes_csv=export.votes, comments_csv=export.comments
    )

    services.analysis_run(conversation=conversation)

    conversation.refresh_from_db()
    by_voter = dict(
        Participant.objects.filter(conversation=conversation).values_list("pk", "polis_id")
    )
    grouped = {
        by_voter[pid] for pid, _, _, group in conversation.analysis.result["points"] if group >= 0
    }
    # 6 votes on shown statements and 1 on the one moderated out since: 7, as Pol.is
    # counts them, so they are grouped.
    assert set(export.few_voters) <= grouped


def test_the_seven_votes_count_every_vote_as_pol_is_counts_them() -> None:
    # Person 1 reacted to 5 statements still shown and 3 since moderated out (8 in all).
    rng = np.random.default_rng(1)
    pids, sids, votes = [], [], []
    for person in range(2, 40):
        for statement in range(1, 11):
            pids.append(person)
            sids.append(statement)
            votes.append(int(rng.choice([1, -1])))
    pids += [1] * 5
    sids += [1, 2, 3, 4, 5]
    votes += [1, 1, -1, -1, 1]

    counted_here = analysis.analyse(participant_ids=pids, statement_ids=sids, votes=votes)
    counted_as_pol_is = analysis.analyse(
        participant_ids=pids, statement_ids=sids, votes=votes, vote_counts={1: 8}
    )

    assert 1 not in counted_here.labels
    assert 1 in counted_as_pol_is.labels


def test_k_means_starts_from_the_first_distinct_points_in_sorted_order() -> None:
    points = np.array([[3.0, 1.0], [0.5, 2.0], [0.5, -1.0], [3.0, 1.0], [9.0, 0.0]])

    assert analysis.polis_start(points, 2).tolist() == [[0.5, -1.0], [0.5, 2.0]]
    assert analysis.polis_start(points, 3).tolist() == [[0.5, -1.0], [0.5, 2.0], [3.0, 1.0]]
    # The start is the rule, not chance: shuffling the people changes nothing.
    order = np.array([4, 2, 0, 3, 1])
    assert analysis.polis_start(points[order], 2).tolist() == [[0.5, -1.0], [0.5, 2.0]]


def test_k_means_from_pol_is_start_gives_red_dwarfs_groups_where_k_means_plus_plus_may_not() -> (
    None
):
    cluster = pytest.importorskip("reddwarf.sklearn.cluster")
    # Three clumps on a line, the two first in sorted order close together: from
    # Pol.is's start (the two leftmost points) k=2 splits the left clump off, a local
    # optimum Pol.is keeps; other starts can find the other split.
    rng = np.random.default_rng(4)
    clumps = [(-6.0, 0.0), (-5.0, 0.0), (0.0, 0.0), (6.0, 0.0)]
    points = np.vstack([rng.normal(c, 0.3, size=(15, 2)) for c in clumps])
    for k in (2, 3, 4):
        theirs = cluster.PolisKMeans(n_clusters=k, init="polis", random_state=0).fit(points)
        ours = analysis.kmeans(points, k)
        assert adjusted_rand(ours.tolist(), theirs.labels_.tolist()) == pytest.approx(1.0)


def test_a_messy_export_gives_the_groups_red_dwarf_gives(export: Export) -> None:
    reddwarf = pytest.importorskip("reddwarf.implementations.polis")
    from reddwarf.data_loader import Loader
    from reddwarf.models import Vote

    loader = Loader()
    loader.votes_data = [
        Vote(**row).model_dump(mode="json") for row in csv.DictReader(io.StringIO(export.votes))
    ]
    loader.filter_duplicate_votes(keep="recent")
    theirs = reddwarf.run_pipeline(
        votes=loader.votes_data, mod_out_statement_ids=export.moderated_out, random_state=0
    )
    their_groups = theirs.participants_df["cluster_id"].dropna().astype(int).to_dict()
    conversation = ConversationFactory()
    polis.polis_import(
        conversation=conversation, actor=None, votes_csv=export.votes, comments_csv=export.comments
    )

    services.analysis_run(conversation=conversation)

    conversation.refresh_from_db()
    voter = dict(
        Participant.objects.filter(conversation=conversation).values_list("pk", "polis_id")
    )
    ours = {voter[p]: g for p, _, _, g in conversation.analysis.result["points"] if g >= 0}
    assert set(ours) == set(their_groups)
    common = sorted(ours)
    ari = adjusted_rand([ours[v] for v in common], [their_groups[v] for v in common])
    print(f"messy export: {len(common)} grouped, ARI vs red-dwarf {ari:.3f}")
    assert ari >= 0.99


def test_each_group_s_representative_statements_are_red_dwarf_s_in_the_same_order(
    export: Export,
) -> None:
    reddwarf = pytest.importorskip("reddwarf.implementations.polis")
    from reddwarf.data_loader import Loader
    from reddwarf.models import Vote

    loader = Loader()
    loader.votes_data = [
        Vote(**row).model_dump(mode="json") for row in csv.DictReader(io.StringIO(export.votes))
    ]
    loader.filter_duplicate_votes(keep="recent")
    theirs = reddwarf.run_pipeline(
        votes=loader.votes_data, mod_out_statement_ids=export.moderated_out, random_state=0
    )
    their_groups = theirs.participants_df["cluster_id"].dropna().astype(int).to_dict()
    conversation = ConversationFactory()
    polis.polis_import(
        conversation=conversation, actor=None, votes_csv=export.votes, comments_csv=export.comments
    )

    services.analysis_run(conversation=conversation)

    conversation.refresh_from_db()
    result = conversation.analysis.result
    voter = dict(
        Participant.objects.filter(conversation=conversation).values_list("pk", "polis_id")
    )
    comment = dict(
        Statement.objects.filter(conversation=conversation).values_list("pk", "polis_id")
    )
    ours_of = {voter[p]: g for p, _, _, g in result["points"] if g >= 0}
    compared = 0
    for gid, reps in theirs.repness.items():
        members = [v for v, g in their_groups.items() if g == gid]
        ours = result["groups"][ours_of[members[0]]]["representative"]
        assert [(comment[r["statement_id"]], r["direction"]) for r in ours] == [
            (int(r["tid"]), r["repful-for"]) for r in reps
        ]
        compared += len(reps)
    print(f"messy export: {compared} representative statements, same order as red-dwarf")
    assert compared >= 2


def test_representative_statements_put_the_best_agree_first_then_agreements() -> None:
    # Group 0 (people 0-9) and group 1 (people 10-19), hand-made shares: statement 0
    # every group agrees with a little (it is nobody's best); statement 1 group 0
    # strongly disagrees with; statement 2 group 0 agrees with; statement 3 group 0
    # agrees with more strongly still.
    columns = {0: [1] * 6 + [0] * 4, 1: [-1] * 10, 2: [1] * 8 + [0] * 2, 3: [1] * 10}
    others = {0: [1] * 6 + [0] * 4, 1: [1] * 10, 2: [-1] * 10, 3: [-1] * 10}
    pids, sids, values = [], [], []
    for sid in columns:
        for person, vote in enumerate(columns[sid] + others[sid]):
            pids.append(person)
            sids.append(sid)
            values.append(vote)
    votes = analysis.vote_matrix(pids, sids, values, None)
    groups_of = np.array([0] * 10 + [1] * 10)
    stats = analysis.group_statistics(votes, groups_of, 2)

    reps = analysis._representative(stats, 0, votes.statements)

    # By the metric alone statement 1 ranks first (143.2, level with 3 and earlier),
    # then 3, then 2 (48.8): Pol.is puts the best agree (3) first, then lists
    # agreements before the disagreement.
    assert [(r.statement_id, r.direction) for r in reps] == [
        (3, "agree"),
        (2, "agree"),
        (1, "disagree"),
    ]


# 6. The map


def test_the_opinion_map_draws_both_axes_on_one_scale() -> None:
    from levelfield.deliberation.report import HEIGHT, WIDTH, map_scale

    # Points spread 10 across and 1 up.
    place = map_scale([(0.0, 0.0), (10.0, 1.0)])

    (x0, y0), (x1, y1) = place(0.0, 0.0), place(10.0, 1.0)
    assert (x1 - x0) / (y0 - y1) == pytest.approx(10.0)
    assert 0 <= x0 < x1 <= WIDTH and 0 <= y1 < y0 <= HEIGHT
    assert (x0 + x1) / 2 == pytest.approx(WIDTH / 2)  # centred


# 7. Big imports run in the background


def test_a_big_export_imports_in_the_background_and_the_page_shows_how_it_went(
    member_client: tuple[Client, Conversation],
    export: Export,
    monkeypatch: pytest.MonkeyPatch,
    django_capture_on_commit_callbacks: object,
) -> None:
    client, conversation = member_client
    monkeypatch.setattr(polis, "BACKGROUND_ROWS", 100)

    with django_capture_on_commit_callbacks(execute=True):
        page = _post(client, conversation, votes=export.votes, comments=export.comments)

    text = page.content.decode()
    assert page.redirect_chain[-1][0].endswith(
        reverse("deliberation:import", args=[conversation.pk])
    )
    assert "being imported in the background" in text
    assert "waiting to start" in text
    assert not conversation.statements.exists()  # nothing ran inside the request

    call_command("import_polis_waiting", stdout=io.StringIO())
    call_command("import_polis_waiting", stdout=io.StringIO())  # runs once only

    assert conversation.statements.count() == export.statements
    assert _current(conversation) == _latest(export)
    job = PolisImport.objects.get()
    assert (job.state, job.votes_csv, job.comments_csv) == (ImportState.DONE, "", "")
    text = client.get(reverse("deliberation:import", args=[conversation.pk])).content.decode()
    assert "imported</h2>" in text
    assert "Imported 33 statements" in text and "2 duplicate statements" in text


def test_a_big_export_with_a_problem_shows_the_problems_on_the_import_page(
    member_client: tuple[Client, Conversation], export: Export, monkeypatch: pytest.MonkeyPatch
) -> None:
    client, conversation = member_client
    monkeypatch.setattr(polis, "BACKGROUND_ROWS", 100)
    votes = export.votes + "1700000000000,x,99,1,1\n"

    _post(client, conversation, votes=votes, comments=export.comments)
    # The periodic job (every 10 minutes) runs waiting imports too.
    out = io.StringIO()
    call_command("analyse_conversations", stdout=out)
    assert "Ran 1 waiting import." in out.getvalue()

    text = client.get(reverse("deliberation:import", args=[conversation.pk])).content.decode()
    assert "not imported</h2>" in text
    assert "comment-id 99 is not in comments.csv" in text
    assert not conversation.statements.exists()


# A round trip


def test_an_imported_export_exported_again_imports_with_the_same_ids_and_groups(
    member_client: tuple[Client, Conversation], export: Export
) -> None:
    client, first = member_client
    _post(client, first, votes=export.votes, comments=export.comments)
    votes = prepared(
        client, reverse("deliberation:export_votes", args=[first.pk])
    ).content.decode()
    comments = prepared(
        client, reverse("deliberation:export_comments", args=[first.pk])
    ).content.decode()
    second = ConversationFactory(place=first.place)

    _post(client, second, votes=votes, comments=comments)

    assert _current(second) == _current(first) == _latest(export)
    assert dict(second.statements.values_list("number", "status")) == dict(
        first.statements.values_list("number", "status")
    )
    groups = []
    for conversation in (first, second):
        services.analysis_run(conversation=conversation)
        conversation.refresh_from_db()
        voter = dict(conversation.participants.values_list("pk", "polis_id"))
        groups.append(
            {voter[p]: g for p, _, _, g in conversation.analysis.result["points"] if g >= 0}
        )
    assert groups[0] == groups[1]
