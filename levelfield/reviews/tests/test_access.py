"""Who may open each reviews page and send each form, in the issue's roles: the
researcher (outside the collective), a group member, the coordinator (not in the
group), a collective member outside the group, an outsider with an account and
another researcher. Documents are never served to the wrong person."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from levelfield.places.access import collective_place
from levelfield.projects.models import Stage
from levelfield.reviews import services
from levelfield.reviews.models import ReviewRequest
from levelfield.reviews.tests.factories import (
    fake_pdf_upload,
    pdf_upload,
    word_upload,
)

ROLES = ("visitor", "researcher", "member", "coordinator", "collective", "outsider", "other")


def _details(title: str) -> services.RequestDetails:
    return services.RequestDetails(
        project_title=title,
        project_summary="Summary.",
        stage=Stage.DESIGN,
        involvement_plan="Plan.",
        questions="Questions?",
        deadline=timezone.localdate() + datetime.timedelta(days=14),
    )


@pytest.fixture
def drafting(review_world, django_user_model):  # noqa: ANN001, ANN201
    """Rita's request, being agreed: Mo leads, Gita has reviewed; one PDF."""
    review_request = services.request_submit(
        group=review_world.group,
        researcher=review_world.researcher,
        details=_details("Rita's study"),
        uploads=[pdf_upload()],
    )
    for person in (review_world.member, review_world.group_member):
        review = services.review_sign_up(review_request=review_request, person=person)
        services.review_save(
            review=review,
            person=person,
            answers={"meaningful": "yes", "paid": "yes", "plain_language": "yes"},
            minutes=30,
            send=True,
        )
    response = services.response_lead(review_request=review_request, person=review_world.member)
    services.response_draft(response=response, person=review_world.member, text="SECRET DRAFT")
    other = django_user_model.objects.create_user(email="sam@example.org", display_name="Sam")
    services.request_submit(
        group=review_world.group, researcher=other, details=_details("Sam's study")
    )
    return review_request, other


def _person(role: str, review_world, other):  # noqa: ANN001, ANN202
    return {
        "visitor": None,
        "researcher": review_world.researcher,
        "member": review_world.group_member,
        "coordinator": review_world.coordinator,
        "collective": review_world.collective_member,
        "outsider": review_world.outsider,
        "other": other,
    }[role]


# route name, args (from the request), GET outcomes and POST outcomes in ROLES order.
R = "request"
PAGES = [
    ("reviews:request", R, "login 200 200 404 404 404 404", None),
    ("reviews:document", "document", "login 200 200 404 404 404 404", None),
    ("reviews:review", R, "login 404 302 404 404 404 404", None),  # sent: back to the request
    ("reviews:response", R, "login 404 403 404 404 404 404", None),
    ("reviews:report_back", R, "login 302 404 404 404 404 404", None),
    # The collective's reviews page: its members; the group's: the group's members only.
    ("reviews:place", "collective", "login 404 200 200 200 404 404", None),
    ("reviews:place", "group", "login 404 200 404 404 404 404", None),
    ("reviews:place_set_up", "collective", "login 404 403 200 403 404 404", None),
    ("reviews:place_set_up", "group", "login 404 404 404 404 404 404", None),
    ("reviews:leave", "group", "login 404 200 404 404 404 404", None),
    # Withdrawing asks the researcher to confirm on its own page first.
    ("reviews:withdraw", R, "login 200 404 404 404 404 404", None),
    # Old addresses send everyone on; the new page decides.
    ("reviews:group", "slug", "301 301 301 301 301 301 301", None),
    ("reviews:set_up", "slug", "301 301 301 301 301 301 301", None),
    ("reviews:ask", "slug", "login 200 200 200 200 200 200", None),
    ("reviews:mine", None, "login 200 200 200 200 200 200", None),
]
POSTS = [
    ("reviews:withdraw", R, "login 302 404 404 404 404 404"),
    ("reviews:sign_up", R, "login 404 302 404 404 404 404"),
    ("reviews:step_back", R, "login 404 302 404 404 404 404"),
    ("reviews:lead", R, "login 404 302 404 404 404 404"),
    ("reviews:comment", R, "login 404 200 404 404 404 404"),
    ("reviews:agree", R, "login 404 302 404 404 404 404"),
    ("reviews:send", R, "login 404 403 404 404 404 404"),  # Gita is not the lead
    ("reviews:impact", R, "login 404 200 404 404 404 404"),
    ("reviews:leave", "group", "login 404 302 404 404 404 404"),
]


def _url(name: str, kind: str | None, review_request: ReviewRequest) -> str:
    if kind == "slug":
        return reverse(name, args=[review_request.group.collective.slug])
    if kind == "collective":
        return reverse(name, args=[collective_place(review_request.group.collective_id).pk])
    if kind == "group":
        return reverse(name, args=[review_request.group.place_id])
    if kind == "document":
        return reverse(name, args=[review_request.pk, review_request.documents.get().pk])
    if kind is None:
        return reverse(name)
    return reverse(name, args=[review_request.pk])


def _outcome(response) -> str:  # noqa: ANN001
    if response.status_code == 302 and "/accounts/login/" in response["Location"]:
        return "login"
    return str(response.status_code)


@pytest.mark.parametrize(("name", "kind", "expected", "_unused"), PAGES)
def test_each_person_opens_what_the_role_allows_and_nothing_is_written(
    client, review_world, drafting, name, kind, expected, _unused
) -> None:  # noqa: ANN001
    review_request, other = drafting
    url = _url(name, kind, review_request)
    got = []
    for role in ROLES:
        client.logout()
        person = _person(role, review_world, other)
        if person:
            client.force_login(person)
        with CaptureQueriesContext(connection) as queries:
            got.append(_outcome(client.get(url)))
        writes = [
            q["sql"]
            for q in queries.captured_queries
            if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
            and "django_session" not in q["sql"]
        ]
        assert not writes, f"GET {url} as {role} wrote {writes}"
    assert " ".join(got) == expected, f"{url}: got {' '.join(got)}"


@pytest.mark.parametrize(("name", "kind", "expected"), POSTS)
def test_each_person_may_send_only_what_the_role_allows(
    client, review_world, drafting, name, kind, expected
) -> None:  # noqa: ANN001
    review_request, other = drafting
    url = _url(name, kind, review_request)
    for role, outcome in zip(ROLES, expected.split(), strict=True):
        client.logout()
        person = _person(role, review_world, other)
        if person:
            client.force_login(person)
        got = _outcome(client.post(url, {}))
        assert got == outcome or (outcome == "302" and got == "200"), f"POST {url} as {role}"


def test_the_researcher_never_sees_the_reviews_or_the_draft(
    client, review_world, drafting
) -> None:  # noqa: ANN001
    review_request, _ = drafting
    client.force_login(review_world.researcher)
    page = client.get(reverse("reviews:request", args=[review_request.pk])).content.decode()
    assert "SECRET DRAFT" not in page
    assert "Reviewers" not in page
    client.force_login(review_world.group_member)
    page = client.get(reverse("reviews:request", args=[review_request.pk])).content.decode()
    assert "SECRET DRAFT" in page


def test_a_document_is_served_privately_as_a_download(client, review_world, drafting) -> None:  # noqa: ANN001
    review_request, _ = drafting
    document = review_request.documents.get()
    client.force_login(review_world.group_member)
    response = client.get(reverse("reviews:document", args=[review_request.pk, document.pk]))
    assert response["Content-Disposition"].startswith("attachment")
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    # The right document id under someone else's request is still a 404.
    client.force_login(review_world.researcher)
    sams = ReviewRequest.objects.exclude(pk=review_request.pk).get()
    assert client.get(reverse("reviews:document", args=[sams.pk, document.pk])).status_code == 404


def test_a_researcher_sends_a_request_through_the_form(client, review_world) -> None:  # noqa: ANN001
    client.force_login(review_world.outsider)
    deadline = timezone.localdate() + datetime.timedelta(days=30)
    response = client.post(
        reverse("reviews:ask", args=["riverside"]),
        {
            "project_title": "Olu's trial",
            "project_summary": "A trial.",
            "stage": Stage.DESIGN,
            "involvement_plan": "An advisory group.",
            "questions": "Is it enough?",
            "deadline": deadline.strftime("%d %m %Y"),
            "documents": [pdf_upload(), word_upload()],
        },
    )
    review_request = ReviewRequest.objects.get(researcher=review_world.outsider)
    assert response.status_code == 302
    assert response["Location"] == reverse("reviews:request", args=[review_request.pk])
    assert sorted(review_request.documents.values_list("original_name", flat=True)) == [
        "plan.docx",
        "plan.pdf",
    ]


def test_a_file_that_only_pretends_to_be_a_pdf_is_refused_and_nothing_is_lost(
    client, review_world
) -> None:  # noqa: ANN001
    client.force_login(review_world.outsider)
    response = client.post(
        reverse("reviews:ask", args=["riverside"]),
        {
            "project_title": "Olu's trial",
            "project_summary": "A trial.",
            "stage": Stage.DESIGN,
            "involvement_plan": "An advisory group.",
            "questions": "Is it enough?",
            "deadline": "1 1 2020",
            "documents": [fake_pdf_upload()],
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert "must be a PDF or Word (.docx) file" in page
    assert "must be in the future" in page
    assert "Olu&#x27;s trial" in page  # what was typed is kept
    assert not ReviewRequest.objects.exists()


def test_a_closed_form_and_a_wrong_id_are_404s(client, review_world) -> None:  # noqa: ANN001
    review_world.group.accepting_requests = False
    review_world.group.save()
    client.force_login(review_world.outsider)
    assert client.get(reverse("reviews:ask", args=["riverside"])).status_code == 404
    assert client.get(reverse("reviews:ask", args=["nowhere"])).status_code == 404
    assert client.get(reverse("reviews:request", args=[99999])).status_code == 404


def _queries_for(client, url: str) -> int:  # noqa: ANN001
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries.captured_queries)


def test_the_group_page_and_a_request_take_the_same_queries_with_more_data(
    client, review_world
) -> None:  # noqa: ANN001
    client.force_login(review_world.member)
    first = services.request_submit(
        group=review_world.group, researcher=review_world.researcher, details=_details("One")
    )
    services.review_sign_up(review_request=first, person=review_world.member)
    group_url = reverse("reviews:place", args=[review_world.group.place_id])
    request_url = reverse("reviews:request", args=[first.pk])
    few = (_queries_for(client, group_url), _queries_for(client, request_url))
    for number in range(20):
        more = services.request_submit(
            group=review_world.group,
            researcher=review_world.researcher,
            details=_details(f"Study {number}"),
        )
        services.review_sign_up(review_request=more, person=review_world.group_member)
    services.review_sign_up(review_request=first, person=review_world.group_member)
    assert (_queries_for(client, group_url), _queries_for(client, request_url)) == few


def test_the_researcher_confirms_before_a_request_is_withdrawn(
    client, review_world, drafting
) -> None:  # noqa: ANN001
    review_request, _ = drafting
    client.force_login(review_world.researcher)
    page = client.get(reverse("reviews:request", args=[review_request.pk])).content.decode()
    withdraw = reverse("reviews:withdraw", args=[review_request.pk])
    assert f'href="{withdraw}"' in page
    confirm = client.get(withdraw).content.decode()
    assert "Withdraw this review request?" in confirm and "Yes, withdraw the request" in confirm
    assert ReviewRequest.objects.get(pk=review_request.pk).is_open
    client.post(withdraw)
    assert not ReviewRequest.objects.get(pk=review_request.pk).is_open


def test_a_requests_page_knows_who_is_in_the_group_from_reading_the_request(
    client, review_world, drafting
) -> None:  # noqa: ANN001
    """Mo, in the group, sees the draft he leads; Rita, whose request it is, does not.
    Whether the reader is in the group comes with the request's own reading (which
    let them in), not in a query of its own."""
    review_request, _ = drafting
    url = reverse("reviews:request", args=[review_request.pk])
    for person, sees_draft in ((review_world.member, True), (review_world.researcher, False)):
        client.force_login(person)
        with CaptureQueriesContext(connection) as queries:
            page = client.get(url).content.decode()
        assert ("SECRET DRAFT" in page) is sees_draft
        asked_alone = [
            q["sql"]
            for q in queries.captured_queries
            if q["sql"].startswith('SELECT 1 AS "a" FROM "places_placemembership"')
        ]
        assert asked_alone == []
