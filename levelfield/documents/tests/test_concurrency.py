"""Two people changing a document at the same moment, on PostgreSQL with real
connections: the document row lock serves them one after the other."""

from __future__ import annotations

from levelfield.collectives.tests.factories import CollectiveFactory
from levelfield.collectives.tests.threads import CONCURRENCY_MARKS, at_once
from levelfield.documents import services
from levelfield.documents.models import Amendment, AmendmentStatus, Comment, Support
from levelfield.documents.tests.factories import document_make, member_of, paragraph_of

pytestmark = CONCURRENCY_MARKS


def _team():
    collective = CollectiveFactory()
    first = member_of(collective, display_name="Gordon")
    second = member_of(collective, display_name="Amara")
    document = document_make(collective=collective, author=first)
    services.pen_take(document=document, person=second)
    return document, first, second


def test_two_authors_accepting_two_amendments_to_one_paragraph_accept_one() -> None:
    document, gordon, amara = _team()
    paragraph = paragraph_of(document, 2)
    amendments = [
        services.amendment_propose(paragraph=paragraph, person=amara, text=t, reason="Why")
        for t in ("Text A.", "Text B.")
    ]
    authors = [gordon, amara]
    results = at_once(
        2,
        lambda n: services.amendment_answer(
            amendment=amendments[n], actor=authors[n], accept=True, reason="Yes"
        ),
    )
    refused = [r for r in results if isinstance(r, services.DocumentError)]
    assert len(refused) == 1 and refused[0].code == "one_waiting"
    assert Amendment.objects.filter(status=AmendmentStatus.ACCEPTED).count() == 1


def test_two_authors_answering_one_amendment_at_once_answer_it_once() -> None:
    document, gordon, amara = _team()
    amendment = services.amendment_propose(
        paragraph=paragraph_of(document, 2), person=amara, text="New.", reason="Why"
    )
    authors = [gordon, amara]
    results = at_once(
        2,
        lambda n: services.amendment_answer(
            amendment=amendment, actor=authors[n], accept=n == 0, reason=f"Answer {n}"
        ),
    )
    assert len([r for r in results if isinstance(r, services.DocumentError)]) == 1
    amendment.refresh_from_db()
    assert amendment.answer_reason in ("Answer 0", "Answer 1")


def test_two_authors_publishing_at_once_make_one_version_and_neither_is_lost() -> None:
    document, gordon, amara = _team()
    base = document.versions.get().text
    authors = [gordon, amara]
    results = at_once(
        2,
        lambda n: services.version_publish(
            document=document,
            actor=authors[n],
            text=base + f"\n\nAdded by {n}.",
            note="x",
            based_on=1,
        ),
    )
    refused = [r for r in results if isinstance(r, services.DocumentError)]
    assert len(refused) == 1 and refused[0].code == "stale"
    assert list(document.versions.values_list("number", flat=True).order_by("number")) == [1, 2]


def test_an_amendment_sent_as_a_version_is_published_is_never_applied_to_new_text() -> None:
    document, gordon, amara = _team()
    paragraph = paragraph_of(document, 6)
    base = document.versions.get().text

    def work(n: int) -> object:
        if n == 0:
            return services.version_publish(
                document=document,
                actor=gordon,
                text=base.replace("£20", "£10"),
                note="x",
                based_on=1,
            )
        return services.amendment_propose(
            paragraph=paragraph, person=amara, text="No receipts.", reason="Simpler."
        )

    results = at_once(2, work)
    made = Amendment.objects.all()
    if made:
        # It came first: made against version 1's text, which it keeps.
        assert made.get().base_text == paragraph.text
    else:
        assert any(isinstance(r, services.AmendmentOutdated) for r in results)


def test_many_people_supporting_one_comment_at_once_are_all_counted() -> None:
    document, gordon, amara = _team()
    comment = services.comment_add(paragraph=paragraph_of(document, 2), author=amara, text="Hi")
    people = [member_of(document.place.collective) for _ in range(6)]
    results = at_once(6, lambda n: services.comment_support(comment=comment, person=people[n]))
    assert not [r for r in results if isinstance(r, Exception)]
    assert Support.objects.count() == 6
    assert Comment.objects.get(pk=comment.pk).support_count == 6


def test_a_double_click_on_support_counts_once() -> None:
    document, gordon, amara = _team()
    comment = services.comment_add(paragraph=paragraph_of(document, 2), author=amara, text="Hi")
    results = at_once(4, lambda n: services.comment_support(comment=comment, person=gordon))
    assert not [r for r in results if isinstance(r, Exception)]
    assert Comment.objects.get(pk=comment.pk).support_count == 1
