"""The document page keeps its parts (figures, voices, versions, who holds the pen, the
answers to amendments) per the document's `page_version`: each story changes one of
them and reads the page again, with what was kept still in the cache, and sees it."""

from __future__ import annotations

import re

import pytest

from levelfield.documents import services
from levelfield.documents.models import Document
from levelfield.documents.tests.factories import client_for, member_of, paragraph_of
from levelfield.home.services import person_delete

pytestmark = pytest.mark.django_db


def _page(person: object, document: Document) -> str:
    return client_for(person).get(document.get_absolute_url()).content.decode()


def _pen_holders(page: str) -> str:
    start = page.index("Holding the pen")
    return page[start : page.index("</p>", start)]


def test_taking_and_putting_down_the_pen_shows_at_once(document, mo, gita):
    assert "Gita" not in _pen_holders(_page(gita, document))

    services.pen_take(document=document, person=gita)
    assert "Gita" in _pen_holders(_page(mo, document))
    assert "Put the pen down" in _page(gita, document)

    services.pen_put_down(document=document, person=gita)
    holders = _pen_holders(_page(mo, document))
    assert "Gita" not in holders and "Mo" in holders
    assert "Take the pen" in _page(gita, document)


def test_a_proposed_change_answered_and_published_shows_at_once(document, mo, gita):
    paragraph = paragraph_of(document, 2)
    page = _page(gita, document)
    assert "You said, we did" not in page and "Versions and history (1)" in page

    amendment = services.amendment_propose(
        paragraph=paragraph, person=gita, text="We pay £30 an hour.", reason="Fairer"
    )
    assert "1 proposed change (1 waiting for an answer)" in _page(gita, document)

    services.amendment_answer(amendment=amendment, actor=mo, accept=True, reason="Agreed")
    page = _page(gita, document)
    assert "You said, we did" in page and "“Agreed”" in page
    assert "in version 2" not in page

    services.version_publish(
        document=document,
        actor=mo,
        text=services.draft_with_accepted(document),
        note="Took Gita's change",
        based_on=1,
    )
    page = _page(gita, document)
    assert "Versions and history (2)" in page and "This is version 2" in page
    assert "in version 2" in page and "We pay £30 an hour." in page


def test_an_author_who_deletes_their_account_leaves_the_page_at_once(collective, document, mo):
    sam = member_of(collective, display_name="Sam Writer")
    services.pen_take(document=document, person=sam)
    assert "Sam Writer" in _pen_holders(_page(mo, document))

    person_delete(person=sam)
    assert "Sam Writer" not in _page(mo, document)


def test_the_page_makes_the_same_queries_whether_or_not_its_parts_are_kept(
    collective, document, mo, django_assert_max_num_queries
):
    """Kept, the page reads no comments, amendments, versions or authors."""
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    people = [member_of(collective) for _ in range(3)]
    for person in people:
        services.comment_add(paragraph=paragraph_of(document, 2), author=person, text="Yes")
    client = client_for(mo)
    cache.clear()
    with CaptureQueriesContext(connection) as fresh:
        client.get(document.get_absolute_url())
    with CaptureQueriesContext(connection) as kept:
        client.get(document.get_absolute_url())
    # The tables queries read from, not their subqueries (aliased U0...) nor joins (the
    # reports' count joins the comments).
    read = {
        table
        for query in kept.captured_queries
        for table in re.findall(r'FROM "(\w+)"(?! [A-Z]\d)', query["sql"])
    }
    assert not read & {
        "documents_comment",
        "documents_amendment",
        "documents_version",
        "documents_author",
        "documents_question",
    }
    assert len(kept.captured_queries) < len(fresh.captured_queries)
