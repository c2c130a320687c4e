"""Writing a document together, as the people doing it would tell it."""

from __future__ import annotations

import csv
import datetime
import io

import pytest
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from levelfield.decisions import services as decision_services
from levelfield.decisions.models import Method
from levelfield.documents import services, text
from levelfield.documents.models import (
    Amendment,
    AmendmentStatus,
    Comment,
    Document,
    ParagraphKind,
    WhoMayTakePart,
)
from levelfield.documents.tests.factories import client_for, document_make, member_of, paragraph_of
from levelfield.history.models import Change
from levelfield.home.services import person_delete
from levelfield.jobs.testing import prepared
from levelfield.people.models import PerspectiveKind
from levelfield.people.tests.factories import PerspectiveFactory, UserFactory
from levelfield.places.access import collective_place

pytestmark = pytest.mark.django_db


def test_a_member_starts_a_draft_and_it_is_split_into_sections_and_paragraphs(collective, mo):
    client = client_for(mo)
    today = timezone.localdate()
    response = client.post(
        reverse("documents:place_create", args=[collective_place(collective.pk).pk]),
        {
            "title": "Payment policy",
            "purpose": "How we pay people.",
            "text": "# Rates\n\nWe pay £25 an hour.\n\n<script>alert(1)</script>Be fair.",
            "questions": "Is this fair?\n\nWhat would you change?",
            "opens_on": today.isoformat(),
            "closes_on": (today + datetime.timedelta(days=14)).isoformat(),
            "who_may_take_part": WhoMayTakePart.MEMBERS,
        },
    )
    document = Document.objects.get()
    assert response.status_code == 302
    assert response["Location"] == document.get_absolute_url()
    paragraphs = list(document.versions.get().paragraphs.order_by("position"))
    assert [p.kind for p in paragraphs] == [ParagraphKind.HEADING, "paragraph", "paragraph"]
    assert paragraphs[1].section == "Rates"
    assert "<script>" not in paragraphs[2].html
    assert [q.text for q in document.questions.all()] == [
        "Is this fair?",
        "What would you change?",
    ]
    assert document.authors.get().person == mo
    assert Change.objects.filter(action="document_started", subject_id=document.pk).exists()
    page = client.get(document.get_absolute_url())
    assert page.status_code == 200
    assert "We pay £25 an hour." in page.content.decode()


def test_an_empty_draft_shows_errors_by_each_field_and_saves_nothing(collective, mo):
    response = client_for(mo).post(
        reverse("documents:place_create", args=[collective_place(collective.pk).pk]), {}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem" in html
    assert "Enter a title." in html and "Enter the draft text." in html
    assert not Document.objects.exists()


def test_members_comment_reply_and_support_and_outsiders_get_a_404(document, gita):
    paragraph = paragraph_of(document, 2)
    client = client_for(gita)
    url = reverse("documents:comment", args=[document.pk, paragraph.pk])
    assert client.post(url, {"comment-text": "Is £25 enough?"}).status_code == 302
    comment = Comment.objects.get()
    client.post(url, {"comment-text": "I think so.", "comment-reply_to": comment.pk})
    reply = Comment.objects.exclude(pk=comment.pk).get()
    assert reply.reply_to == comment
    support = reverse("documents:support", args=[document.pk, comment.pk])
    client.post(support, {"support": "yes"})
    client.post(support, {"support": "yes"})  # a double click: still one
    comment.refresh_from_db()
    assert comment.support_count == 1
    outsider = client_for(UserFactory())
    assert outsider.get(document.get_absolute_url()).status_code == 404
    assert outsider.post(url, {"comment-text": "Let me in"}).status_code == 404
    assert Comment.objects.count() == 2


def test_a_reported_comment_is_hidden_by_a_member_with_a_reason_in_history(document, gita):
    paragraph = paragraph_of(document, 2)
    comment = services.comment_add(paragraph=paragraph, author=gita, text="Rude words")
    mo = document.created_by
    services.MODERATION.report(comment=comment, person=mo, reason="It is abusive")
    client = client_for(mo)
    assert (
        "Rude words"
        in client.get(reverse("documents:moderate", args=[document.pk])).content.decode()
    )
    client.post(
        reverse("documents:moderate", args=[document.pk]),
        {"comment": comment.pk, "decision": "hide", "reason": "Abusive language"},
    )
    comment.refresh_from_db()
    assert comment.is_hidden and comment.hidden_reason == "Abusive language"
    page = client.get(reverse("documents:paragraph", args=[document.pk, paragraph.pk]))
    assert "Rude words" not in page.content.decode()
    assert "Abusive language" in page.content.decode()
    assert Change.objects.filter(action="document_comment_hidden").exists()


def test_an_amendment_is_accepted_with_a_reason_and_published_in_version_2(
    document, gita, mailoutbox, django_capture_on_commit_callbacks
):
    mo = document.created_by
    paragraph = paragraph_of(document, 5)
    client = client_for(gita)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("documents:amend", args=[document.pk, paragraph.pk]),
            {
                "amend-text": "We pay travel and care costs within 7 days of a claim.",
                "amend-reason": "Two weeks is too long for people on low incomes.",
            },
        )
    amendment = Amendment.objects.get()
    assert response.status_code == 302
    # The author hears of it, once.
    assert [m.to for m in mailoutbox] == [[mo.email]]
    assert "Two weeks is too long" in mailoutbox[0].body
    mailoutbox.clear()
    page = client.get(reverse("documents:amendment", args=[document.pk, amendment.pk]))
    html = page.content.decode()
    assert '<span class="govuk-visually-hidden">Removed: </span>14' in html
    assert '<span class="govuk-visually-hidden">Added: </span>7' in html
    with django_capture_on_commit_callbacks(execute=True):
        client_for(mo).post(
            reverse("documents:amendment", args=[document.pk, amendment.pk]),
            {"answer": "accept", "reason": "You are right: we will pay within 7 days."},
        )
    amendment.refresh_from_db()
    assert amendment.status == AmendmentStatus.ACCEPTED
    assert len(mailoutbox) == 1 and mailoutbox[0].to == [gita.email]
    assert "pay within 7 days" in mailoutbox[0].body
    publish = client_for(mo).get(reverse("documents:publish", args=[document.pk]))
    assert "within 7 days of a claim" in publish.content.decode()
    version = services.version_publish(
        document=document,
        actor=mo,
        text=services.draft_with_accepted(document),
        note="Faster payment of expenses.",
        based_on=1,
    )
    amendment.refresh_from_db()
    assert version.number == 2 and amendment.published_in == version
    new = paragraph_of(document, 5)
    assert new.lineage == paragraph.lineage and "7 days" in new.text
    # Every other paragraph carries on; comments on version 1 still show beside version 2.
    assert [p.lineage for p in version.paragraphs.order_by("position")] == [1, 2, 3, 4, 5, 6]
    assert Change.objects.filter(action="amendment_accepted").exists()
    assert Change.objects.filter(action="document_version_published").exists()
    compare = client.get(reverse("documents:compare", args=[document.pk]) + "?from=1&to=2")
    assert "Paragraph changed" in compare.content.decode()


def test_an_amendment_to_a_paragraph_that_changed_is_refused_and_shows_both(document, gita):
    mo = document.created_by
    old = paragraph_of(document, 6)
    services.version_publish(
        document=document,
        actor=mo,
        text=document.versions.get().text.replace("over £20", "over £10"),
        note="Lower receipt limit.",
        based_on=1,
    )
    response = client_for(gita).post(
        reverse("documents:amend", args=[document.pk, old.pk]),
        {"amend-text": "No receipts needed.", "amend-reason": "Simpler."},
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "changed since you read it" in html
    assert "No receipts needed." in html  # their text is kept
    assert "£10" in html  # and the current text shown
    assert not Amendment.objects.exists()


def test_an_amendment_made_before_a_change_cannot_be_accepted_but_can_be_declined(document, gita):
    mo = document.created_by
    paragraph = paragraph_of(document, 6)
    amendment = services.amendment_propose(
        paragraph=paragraph, person=gita, text="No receipts.", reason="Simpler."
    )
    services.version_publish(
        document=document,
        actor=mo,
        text=document.versions.get().text.replace("over £20", "over £10"),
        note="Lower receipt limit.",
        based_on=1,
    )
    with pytest.raises(services.DocumentError, match="changed since"):
        services.amendment_answer(amendment=amendment, actor=mo, accept=True, reason="Yes")
    services.amendment_answer(
        amendment=amendment, actor=mo, accept=False, reason="Overtaken by version 2."
    )
    amendment.refresh_from_db()
    assert amendment.status == AmendmentStatus.DECLINED


def test_only_authors_answer_and_any_member_may_take_the_pen(document, gita):
    amendment = services.amendment_propose(
        paragraph=paragraph_of(document, 2), person=gita, text="We pay well.", reason="Short."
    )
    url = reverse("documents:amendment", args=[document.pk, amendment.pk])
    client = client_for(gita)
    assert client.post(url, {"answer": "accept", "reason": "Mine"}).status_code == 403
    client.post(reverse("documents:pen", args=[document.pk]), {"pen": "take"})
    assert services.is_author(gita, document)
    assert (
        client.post(url, {"answer": "decline", "reason": "On reflection, no."}).status_code == 302
    )
    amendment.refresh_from_db()
    assert amendment.status == AmendmentStatus.DECLINED


def test_one_accepted_amendment_per_paragraph_waits_for_the_next_version(document, gita):
    mo = document.created_by
    paragraph = paragraph_of(document, 2)
    first, second = (
        services.amendment_propose(paragraph=paragraph, person=gita, text=t, reason="Why")
        for t in ("Version A.", "Version B.")
    )
    services.amendment_answer(amendment=first, actor=mo, accept=True, reason="Good")
    with pytest.raises(services.DocumentError, match="already accepted"):
        services.amendment_answer(amendment=second, actor=mo, accept=True, reason="Also")
    with pytest.raises(IntegrityError), transaction.atomic():
        Amendment.objects.filter(pk=second.pk).update(
            status=AmendmentStatus.ACCEPTED, answered_at=timezone.now(), answer_reason="x"
        )


def test_publishing_from_an_old_version_is_refused_and_keeps_the_text(document):
    mo = document.created_by
    text_v1 = document.versions.get().text
    services.version_publish(
        document=document, actor=mo, text=text_v1 + "\n\nNew.", note="One", based_on=1
    )
    response = client_for(mo).post(
        reverse("documents:publish", args=[document.pk]),
        {"based_on": 1, "text": text_v1 + "\n\nMine.", "note": "Two"},
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "Version 2 was published while you were editing" in html
    assert "Mine." in html
    assert document.versions.count() == 2


def test_the_document_is_adopted_by_consent_and_shown_with_its_history(document, gita):
    mo = document.created_by
    now = timezone.now()
    decision = services.adoption_open(
        document=document,
        actor=mo,
        closes_at=now + datetime.timedelta(days=8),
        method=Method.CONSENT,
    )
    with pytest.raises(services.DocumentError, match="decision to adopt"):
        services.version_publish(
            document=document, actor=mo, text="# New\n\nText.", note="x", based_on=1
        )
    for person in (mo, gita):
        decision_services.response_submit(
            decision=decision, person=person, payload={"stance": "consent"}
        )
    # Closing adopts it: nobody has to come back and record the result.
    decision_services.decision_close(decision=decision, now=now + datetime.timedelta(days=9))
    client = client_for(gita)
    document.refresh_from_db()
    assert document.is_adopted and document.adoption_version.number == 1
    page = client.get(document.get_absolute_url()).content.decode()
    assert "Adopted" in page and "was adopted on" in page
    history = client.get(reverse("documents:versions", args=[document.pk])).content.decode()
    assert "was adopted by decision" in history
    with pytest.raises(services.DocumentError, match="adopted"):
        services.comment_add(paragraph=paragraph_of(document, 2), author=gita, text="Late")


def test_an_objection_sends_the_document_back_to_drafting(document, gita):
    mo = document.created_by
    now = timezone.now()
    decision = services.adoption_open(
        document=document, actor=mo, closes_at=now + datetime.timedelta(days=8)
    )
    decision_services.response_submit(
        decision=decision, person=gita, payload={"stance": "object"}, reason="Too slow."
    )
    decision_services.decision_close(decision=decision, now=now + datetime.timedelta(days=9))
    document.refresh_from_db()
    assert not document.is_adopted and document.adoption_decision is None
    assert Change.objects.filter(action="document_not_adopted").exists()


def test_questions_are_answered_and_answering_again_replaces_the_answer(document, gita):
    question = document.questions.get()
    client = client_for(gita)
    url = reverse("documents:answers", args=[document.pk])
    assert client.post(url, {}).status_code == 400
    client.post(url, {f"q{question.pk}": "Yes, mostly."})
    client.post(url, {f"q{question.pk}": "Yes."})
    assert list(question.answers.values_list("text", flat=True)) == ["Yes."]
    assert "<strong>Gita:</strong> Yes." in client.get(url).content.decode()


def test_the_export_holds_the_text_comments_and_answers(document, gita):
    paragraph = paragraph_of(document, 2)
    services.comment_add(paragraph=paragraph, author=gita, text="=SUM(A1) looks odd")
    services.answer_give(question=document.questions.get(), person=gita, text="Yes.")
    client = client_for(gita)
    html = prepared(client, reverse("documents:export_html", args=[document.pk]))
    assert "attachment" in html["Content-Disposition"]
    assert "looks odd" in html.content.decode() and "Yes." in html.content.decode()
    rows = list(
        csv.reader(
            io.StringIO(
                prepared(
                    client, reverse("documents:export_csv", args=[document.pk])
                ).content.decode()
            )
        )
    )
    kinds = [row[0] for row in rows[1:]]
    assert kinds == ["comment", "answer"]
    assert rows[1][7] == "'=SUM(A1) looks odd"  # never a formula


def test_the_pdf_is_prepared_in_the_background_for_the_reader_who_asked(document, gita):
    """Asking shows a page with a button (GET starts nothing); the button starts a job
    whose file only Gita can download."""
    from levelfield.jobs.models import Job
    from levelfield.jobs.testing import prepared

    pytest.importorskip("weasyprint")
    client = client_for(gita)
    url = reverse("documents:export_pdf", args=[document.pk])
    page = client.get(url)
    assert page.status_code == 200 and "Prepare it" in page.content.decode()
    assert not Job.objects.exists()

    response = prepared(client, url)

    assert response["Content-Type"] == "application/pdf", response.content[:500]
    assert response.content.startswith(b"%PDF-")
    assert response["Content-Disposition"].endswith('.pdf"')
    assert Job.objects.get().person == gita


def test_a_visitor_with_the_link_signs_in_joins_and_comments(collective, mo):
    document = document_make(
        collective=collective, author=mo, who_may_take_part=WhoMayTakePart.ANYONE_WITH_LINK
    )
    visitor = UserFactory(display_name="Vee")
    client = client_for(visitor)
    assert client.get(document.get_absolute_url()).status_code == 404
    join = reverse("documents:join", args=[document.link_token])
    assert client.get(join).status_code == 200
    client.post(join)
    assert client.get(document.get_absolute_url()).status_code == 200
    paragraph = paragraph_of(document, 2)
    client.post(
        reverse("documents:comment", args=[document.pk, paragraph.pk]), {"comment-text": "Hi"}
    )
    assert Comment.objects.get().author == visitor
    # A visitor takes part but does not take the pen or moderate.
    assert client.post(reverse("documents:pen", args=[document.pk])).status_code == 404
    assert client.get(reverse("documents:moderate", args=[document.pk])).status_code == 404
    with pytest.raises(PermissionDenied):
        services.pen_take(document=document, person=visitor)


def test_comments_outside_the_dates_are_refused(collective, mo):
    today = timezone.localdate()
    document = document_make(
        collective=collective,
        author=mo,
        opens_on=today + datetime.timedelta(days=2),
        closes_on=today + datetime.timedelta(days=9),
    )
    with pytest.raises(services.DocumentError, match="not open for comments"):
        services.comment_add(paragraph=paragraph_of(document, 2), author=mo, text="Early")


def test_perspectives_are_named_only_for_groups_of_five_who_share_them(collective, document):
    paragraph = paragraph_of(document, 2)
    for n in range(6):
        person = member_of(collective)
        kind = PerspectiveKind.CARER if n < 5 else PerspectiveKind.RESEARCHER
        PerspectiveFactory(person=person, kind=kind)
        services.comment_add(paragraph=paragraph, author=person, text=f"Point {n}")
    from levelfield.documents.figures import document_figures

    figures, overall = document_figures(document)
    voices = figures[paragraph.lineage].voices
    assert voices.people == 6
    assert voices.groups == [("Carer", 5)]
    assert voices.in_small_groups == 1  # the one researcher is not named


def test_a_commenter_who_deletes_their_account_is_shown_as_a_former_member(document, gita):
    paragraph = paragraph_of(document, 2)
    services.comment_add(paragraph=paragraph, author=gita, text="A point worth keeping")
    person_delete(person=gita)
    page = client_for(document.created_by).get(
        reverse("documents:paragraph", args=[document.pk, paragraph.pk])
    )
    html = page.content.decode()
    assert "A former member" in html and "A point worth keeping" in html
    assert "Gita" not in html


def test_the_document_page_query_count_does_not_grow_with_paragraphs_and_comments(
    collective, mo, django_assert_max_num_queries
):
    small = document_make(collective=collective, author=mo, text="One.\n\nTwo.")
    big = document_make(
        collective=collective,
        author=mo,
        text="\n\n".join(f"## Part {n}\n\nParagraph {n}." for n in range(100)),
    )
    people = [member_of(collective) for _ in range(5)]
    for paragraph in big.versions.get().paragraphs.filter(kind="paragraph")[:50]:
        for person in people:
            said = services.comment_add(paragraph=paragraph, author=person, text="Yes")
            services.comment_add(paragraph=paragraph, author=mo, text="Ok", reply_to=said)
            services.comment_support(comment=said, person=mo)
        services.amendment_propose(paragraph=paragraph, person=people[0], text="No.", reason="R")
    small_paragraph = small.versions.get().paragraphs.get(position=1)
    services.comment_add(paragraph=small_paragraph, author=mo, text="One")
    client = client_for(mo)
    client.get(small.get_absolute_url())
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    # Flat whether the figures are kept (the usual case) or worked out afresh.
    for fresh in (True, False):
        if fresh:
            cache.clear()
        with CaptureQueriesContext(connection) as few:
            client.get(small.get_absolute_url())
        if fresh:
            cache.clear()
        with django_assert_max_num_queries(len(few.captured_queries)):
            assert client.get(big.get_absolute_url()).status_code == 200
    paragraph = big.versions.get().paragraphs.get(position=2)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("documents:paragraph", args=[small.pk, small_paragraph.pk]))
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("documents:paragraph", args=[big.pk, paragraph.pk]))


def test_diffs_name_insertions_and_deletions_in_words():
    html = text.word_diff("Pay in 14 days.", "Pay in 7 days.")
    assert (
        '<del class="levelfield-diff__del"><span class="govuk-visually-hidden">Removed: ' in html
    )
    assert "<ins" in html and "Added: </span>7" in html
    assert "<script>" not in text.word_diff("a", "<script>x</script>")
    kinds = [c.kind for c in text.version_diff("A.\n\nB.\n\nC.", "A.\n\nB changed.\n\nC.\n\nD.")]
    assert kinds == ["same", "changed", "same", "added"]


def test_lineage_follows_reworded_paragraphs_and_new_ones_get_new_numbers():
    assert text.lineage_match(["a", "b", "c"], ["a", "B", "c", "d"]) == [0, 1, 2, None]
    assert text.lineage_match(["a", "b"], ["new", "a", "b"]) == [None, 0, 1]


def test_an_author_opens_the_adoption_decision_from_the_page(document, gita):
    client = client_for(document.created_by)
    closes = timezone.localdate() + datetime.timedelta(days=10)
    response = client.post(
        reverse("documents:adopt", args=[document.pk]),
        {"method": Method.CONSENT, "closes_on": closes.isoformat()},
    )
    document.refresh_from_db()
    assert response["Location"] == reverse(
        "decisions:detail", args=[document.adoption_decision.pk]
    )
    assert document.adoption_decision.method == Method.CONSENT
    too_soon = client_for(document.created_by).post(
        reverse("documents:adopt", args=[document.pk]),
        {"method": Method.CONSENT, "closes_on": timezone.localdate().isoformat()},
    )
    assert too_soon.status_code == 400


def test_supports_stay_counted_when_a_supporter_deletes_their_account(document, gita):
    comment = services.comment_add(paragraph=paragraph_of(document, 2), author=gita, text="Hi")
    services.comment_support(comment=comment, person=document.created_by)
    person_delete(person=document.created_by)
    comment.refresh_from_db()
    assert comment.support_count == comment.supports.count() == 1


def test_wrong_ids_and_versions_are_404s_not_errors(collective, document, mo):
    other = document_make(collective=collective, author=mo, title="Another")
    client = client_for(mo)
    foreign = paragraph_of(other, 2)
    assert (
        client.get(reverse("documents:paragraph", args=[document.pk, foreign.pk])).status_code
        == 404
    )
    assert client.get(document.get_absolute_url() + "?version=x").status_code == 404
    assert client.get(document.get_absolute_url() + "?version=9").status_code == 404
    compare = reverse("documents:compare", args=[document.pk])
    assert client.get(compare + "?from=1&to=7").status_code == 404
    assert client.get(reverse("documents:detail", args=[99999])).status_code == 404
    page = reverse("documents:paragraph", args=[document.pk, paragraph_of(document, 2).pk])
    assert client.get(page + "?page=abc").status_code == 200


def test_a_long_document_is_read_a_page_at_a_time_with_every_paragraph_reachable(collective, mo):
    from levelfield.documents.views import BLOCKS_PER_PAGE

    big = document_make(
        collective=collective,
        author=mo,
        text="\n\n".join(f"## Part {n}\n\nParagraph {n}." for n in range(BLOCKS_PER_PAGE)),
    )
    last = big.versions.get().paragraphs.order_by("position").last()
    client = client_for(mo)
    first_page = client.get(big.get_absolute_url()).content.decode()
    assert "Paragraph 0." in first_page and f"Paragraph {BLOCKS_PER_PAGE - 1}." not in first_page
    assert "page 1 of 2" in first_page and 'href="?page=2"' in first_page
    # The contents links to the part on the later page.
    assert f'href="?page=2#paragraph-{last.position - 1}"' in first_page
    second_page = client.get(big.get_absolute_url() + "?page=2").content.decode()
    assert reverse("documents:paragraph", args=[big.pk, last.pk]) in second_page
    assert client.get(big.get_absolute_url() + "?page=3").status_code == 404
    earlier = client.get(big.get_absolute_url() + "?version=1").content.decode()
    assert 'href="?version=1&amp;page=2"' in earlier


def test_holding_the_pen_is_explained_on_the_document(client, document, gita) -> None:
    client.force_login(gita)
    page = client.get(document.get_absolute_url()).content.decode()
    assert (
        "Holding the pen (the people who answer suggested changes and publish new versions)"
        in page
    )


def test_the_figures_follow_every_comment_hidden_and_restored(collective, document, mo):
    """The figures are kept between requests; each change to the feedback shows at once."""
    from levelfield.lib.moderation import Decision

    client = client_for(mo)
    paragraph = paragraph_of(document, 2)
    people = [member_of(collective) for _ in range(2)]
    said = services.comment_add(paragraph=paragraph, author=people[0], text="First")
    assert "From 1 person" in client.get(document.get_absolute_url()).content.decode()
    services.comment_add(paragraph=paragraph, author=people[1], text="Second")
    page = client.get(document.get_absolute_url()).content.decode()
    assert "From 2 people" in page and "1 comment," not in page
    services.MODERATION.moderate(
        comment=said, actor=mo, decision=Decision.HIDE, reason="Off topic"
    )
    assert "From 2 people" not in client.get(document.get_absolute_url()).content.decode()
    services.MODERATION.moderate(
        comment=said, actor=mo, decision=Decision.RESTORE, reason="Fine after all"
    )
    assert "From 2 people" in client.get(document.get_absolute_url()).content.decode()


def test_the_kept_text_shows_a_new_comment_and_a_hidden_one_at_once(document, gita):
    """The text with each paragraph's figures is kept for every reader per feedback
    version: a comment added, or hidden, shows on the next reading."""
    paragraph = paragraph_of(document, 2)
    mo = document.created_by
    client = client_for(mo)
    url = document.get_absolute_url()
    assert "1 comment," not in client.get(url).content.decode()

    comment = services.comment_add(paragraph=paragraph, author=gita, text="A fair point")
    assert "1 comment," in client.get(url).content.decode()
    # Another reader sees the same figures.
    assert "1 comment," in client_for(gita).get(url).content.decode()

    services.MODERATION.moderate(comment=comment, actor=mo, decision="hide", reason="Off topic")
    assert "1 comment," not in client.get(url).content.decode()


def test_the_kept_text_keeps_each_page_and_its_links_apart(collective, mo):
    """Kept per page and query string: page 2 shows its own paragraphs, and the pages'
    links keep the version asked for."""
    document = document_make(
        collective=collective,
        author=mo,
        text="\n\n".join(f"Paragraph number {n}." for n in range(1, 31)),
    )
    client = client_for(mo)
    first = client.get(document.get_absolute_url()).content.decode()
    second = client.get(document.get_absolute_url() + "?page=2").content.decode()
    assert "Paragraph number 1." in first and "Paragraph number 21." not in first
    assert "Paragraph number 21." in second and "Paragraph number 1." not in second
    versioned = client.get(document.get_absolute_url() + "?version=1").content.decode()
    assert "?version=1&amp;page=2" in versioned
    assert client.get(document.get_absolute_url() + "?page=9").status_code == 404
