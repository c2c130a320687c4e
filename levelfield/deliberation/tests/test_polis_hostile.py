"""A member imports a Pol.is export that is broken or hostile: every problem is a plain
message naming the file and line, nothing is imported, and nothing is a 500."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from levelfield.deliberation import polis
from levelfield.deliberation.tests.factories import ConversationFactory
from levelfield.people.tests.factories import UserFactory
from levelfield.projects.tests.factories import ProjectMembershipFactory

pytestmark = pytest.mark.django_db

COMMENTS = "timestamp,datetime,comment-id,author-id,agrees,disagrees,moderated,comment-body\n"
VOTES = "timestamp,datetime,comment-id,voter-id,vote\n"
GOOD_COMMENT = "1700000000000,x,1,1,0,0,1,Share data openly\n"
GOOD_VOTE = "1700000000000,x,1,7,1\n"


def _import(votes: str, comments: str) -> tuple[int, str, int]:
    """Status, page and statements imported, posting the files as a member would."""
    person = UserFactory()
    conversation = ConversationFactory()
    ProjectMembershipFactory(project=conversation.place.project, person=person)
    client = Client()
    client.force_login(person)
    response = client.post(
        reverse("deliberation:import", args=[conversation.pk]),
        {
            "votes": SimpleUploadedFile("votes.csv", votes.encode()),
            "comments": SimpleUploadedFile("comments.csv", comments.encode()),
        },
    )
    return response.status_code, response.content.decode(), conversation.statements.count()


@pytest.mark.parametrize(
    ("votes", "comments", "message"),
    [
        (
            VOTES + GOOD_VOTE,
            COMMENTS + "9" * 400 + ",x,1,1,0,0,1,Share data openly\n",
            "comments.csv line 2: timestamp must be a whole number, not “99999999999999999999…”",
        ),
        (
            VOTES + "99999999999999,x,1,7,1\n",
            COMMENTS + GOOD_COMMENT,
            "votes.csv line 2: timestamp must be a time between 2000 and 2100",
        ),
        (
            VOTES + "-5,x,1,7,1\n",
            COMMENTS + GOOD_COMMENT,
            "votes.csv line 2: timestamp must be a time between 2000 and 2100",
        ),
        (
            VOTES + GOOD_VOTE,
            COMMENTS + "1700000000000,x,1,1,0,0,1," + "a" * 200_000 + "\n",
            "comments.csv line 2: a value is longer than 131,072 characters.",
        ),
        (
            VOTES + "1700000000000,x,1,99999999999,1\n",
            COMMENTS + GOOD_COMMENT,
            "votes.csv line 2: voter-id must be between 0 and 2,147,483,647",
        ),
        (
            VOTES + GOOD_VOTE,
            COMMENTS + "1700000000000,x,-1,1,0,0,1,Share data openly\n",
            "comments.csv line 2: comment-id must be between 0 and 2,147,483,647",
        ),
        (
            # Past the first 4 KB, which the form checks for binary data itself.
            VOTES + GOOD_VOTE * 200 + "1700000000000,x,1,7\x00,1\n",
            COMMENTS + GOOD_COMMENT,
            "votes.csv line 202: voter-id must be a whole number",
        ),
    ],
    ids=[
        "400-digit timestamp",
        "timestamp in the year 5000",
        "negative timestamp",
        "200,000-character field",
        "voter-id too big to store",
        "negative comment-id",
        "NUL in a later line",
    ],
)
def test_hostile_files_get_a_message_naming_the_line_and_import_nothing(
    votes: str, comments: str, message: str
) -> None:
    status, page, imported = _import(votes, comments)
    assert status == 200
    assert message in page.replace("&#x27;", "'")
    assert imported == 0


def test_too_many_rows_are_refused_with_the_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(polis, "MAX_VOTE_ROWS", 3)
    status, page, imported = _import(VOTES + GOOD_VOTE * 4, COMMENTS + GOOD_COMMENT)
    assert "votes.csv has more than 3 rows, more than one import can take" in page
    assert (status, imported) == (200, 0)


def test_a_good_export_in_seconds_and_in_milliseconds_still_imports() -> None:
    comments = COMMENTS + GOOD_COMMENT + "1700000000,x,2,1,0,0,1,Keep data private\n"
    status, _, imported = _import(VOTES + GOOD_VOTE, comments)
    assert (status, imported) == (302, 2)


def test_a_file_saved_with_old_mac_line_endings_imports() -> None:
    comments = (COMMENTS + GOOD_COMMENT).replace("\n", "\r")
    status, _, imported = _import((VOTES + GOOD_VOTE).replace("\n", "\r"), comments)
    assert (status, imported) == (302, 1)
