"""Meetings with their materials: files the organisers add (checked by what they are,
shown only to whom they say), people who walked in without booking (whose time goes in
the involvement log to be claimed), minutes people comment on until they are agreed,
and breakout groups' themes fed back to everyone who came."""

from __future__ import annotations

import datetime
import io
import zipfile
from collections.abc import Callable

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from levelfield.collectives.models import Collective
from levelfield.collectives.tests.factories import CollectiveMembershipFactory
from levelfield.events import services
from levelfield.events.models import (
    BreakoutGroup,
    Event,
    Material,
    MaterialAudience,
    Minutes,
    MinutesComment,
    WalkIn,
)
from levelfield.history.models import Change
from levelfield.payments import services as payment_services
from levelfield.payments.tests.factories import PaymentPolicyFactory, RateFactory
from levelfield.people.models import User
from levelfield.people.tests.factories import UserFactory
from levelfield.projects.models import InvolvementEntry, Participation

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def _started(event: Event) -> Event:
    Event.objects.filter(pk=event.pk).update(
        starts_at=timezone.now() - datetime.timedelta(hours=3),
        ends_at=timezone.now() - datetime.timedelta(hours=1, minutes=30),
    )
    return Event.objects.get(pk=event.pk)


def _upload(client: Client, event: Event, name: str, content: bytes, **fields: str):
    data = {"title": "Our slides", "kind": "slides", "visible_to": "event"} | fields
    data["file"] = SimpleUploadedFile(name, content, content_type="application/pdf")
    return client.post(reverse("events:materials", args=[event.pk]), data)


# Materials


def test_an_organiser_adds_slides_and_everyone_at_the_event_downloads_them(
    client: Client, plan: Callable[..., Event], organiser: User, member: User, outsider: User
) -> None:
    event = plan()
    client.force_login(organiser)

    response = _upload(client, event, "slides.pdf", PDF)

    assert response.status_code == 302
    material = Material.objects.get()
    assert material.file_type == "application/pdf" and material.file_name == "slides.pdf"
    assert "slides" not in material.file.name.rsplit("/", 1)[-1], "stored under a new name"
    assert Change.objects.filter(action="material_added").exists()
    client.force_login(member)
    page = client.get(reverse("events:detail", args=[event.pk])).content.decode()
    assert "Our slides" in page
    download = client.get(reverse("events:material", args=[event.pk, material.pk]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF
    assert download["Content-Type"] == "application/pdf"
    assert download["X-Content-Type-Options"] == "nosniff"
    assert "attachment" in download["Content-Disposition"]
    client.force_login(outsider)
    assert client.get(reverse("events:material", args=[event.pk, material.pk])).status_code == 404


def test_a_file_is_judged_by_its_content_not_its_name(
    client: Client, plan: Callable[..., Event], organiser: User
) -> None:
    event = plan()
    client.force_login(organiser)

    script = _upload(client, event, "slides.pdf", b"<script>alert(1)</script>")
    empty = _upload(client, event, "paper.pdf", b"")
    no_title = _upload(client, event, "paper.pdf", PDF, title="")
    word = _upload(client, event, "minutes.bin", _docx(), title="A paper", kind="paper")

    assert "The file must be a PDF, Word" in script.content.decode()
    assert "The file is empty" in empty.content.decode()
    assert "Enter a title for the file" in no_title.content.decode()
    assert word.status_code == 302
    assert Material.objects.get().file_type.endswith("wordprocessingml.document")
    assert Material.objects.get().file.name.endswith(".docx")


def test_who_may_see_a_file_is_kept_to(
    client: Client,
    plan: Callable[..., Event],
    organiser: User,
    member: User,
    collective: Collective,
) -> None:
    event = plan()
    services.registration_create(event=event, person=member)
    onlooker = UserFactory(display_name="Ona")
    CollectiveMembershipFactory(collective=collective, person=onlooker)
    made = {}
    for audience in MaterialAudience:
        made[audience] = services.material_add(
            event=event,
            actor=organiser,
            upload=SimpleUploadedFile("x.pdf", PDF),
            title=f"For {audience.value}",
            kind="paper",
            visible_to=audience,
        )

    def seen(person: User) -> dict[str, int]:
        client.force_login(person)
        return {
            audience.value: client.get(
                reverse("events:material", args=[event.pk, made[audience].pk])
            ).status_code
            for audience in MaterialAudience
        }

    assert seen(organiser) == {"event": 200, "registered": 200, "organisers": 200}
    assert seen(member) == {"event": 200, "registered": 200, "organisers": 404}
    assert seen(onlooker) == {"event": 200, "registered": 404, "organisers": 404}
    client.force_login(onlooker)
    page = client.get(reverse("events:detail", args=[event.pk])).content.decode()
    assert "For event" in page and "For registered" not in page and "For organisers" not in page


def test_removing_a_file_asks_first_and_only_organisers_may(
    client: Client,
    plan: Callable[..., Event],
    organiser: User,
    member: User,
    django_capture_on_commit_callbacks: Callable,
) -> None:
    event = plan()
    material = services.material_add(
        event=event,
        actor=organiser,
        upload=SimpleUploadedFile("x.pdf", PDF),
        title="Old slides",
        kind="slides",
        visible_to="event",
    )
    url = reverse("events:material_remove", args=[event.pk, material.pk])
    stored = material.file.name
    client.force_login(member)
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404
    client.force_login(organiser)

    page = client.get(url).content.decode()
    assert "Remove “Old slides”?" in page and "Yes, remove the file" in page
    assert Material.objects.exists()
    with pytest.raises(PermissionDenied):
        services.material_remove(material=material, actor=member)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)

    assert response.status_code == 302
    assert not Material.objects.exists()
    assert not material.file.storage.exists(stored)
    assert Change.objects.filter(action="material_removed").exists()


# Walk-ins


def test_a_member_who_walked_in_gets_their_time_in_the_log_and_can_claim_it(
    client: Client,
    plan: Callable[..., Event],
    organiser: User,
    member: User,
    collective: Collective,
) -> None:
    event = _started(plan(preparation_minutes=30))
    booked = UserFactory(display_name="Bea")
    CollectiveMembershipFactory(collective=collective, person=booked)
    services.walk_in_add(event=event, actor=organiser, person=booked)
    client.force_login(organiser)
    page = client.get(reverse("events:walk_ins", args=[event.pk]) + "?q=cal").content.decode()
    assert ">Cal</option>" in page and ">Bea</option>" not in page, "Bea is recorded"

    response = client.post(
        reverse("events:walk_ins", args=[event.pk]), {"who": "member", "person": member.pk}
    )

    assert response.status_code == 302
    walk_in = WalkIn.objects.get(person=member)
    entry = InvolvementEntry.objects.get()
    assert Event.objects.get(pk=event.pk).involvement_entry == entry
    participation = Participation.objects.get(entry=entry, person=member)
    assert participation.person == member and participation.minutes == 90 + 30
    assert walk_in.participation == participation
    assert Change.objects.filter(action="walk_in_added").exists()
    # Marking attendance afterwards keeps the walk-in's time.
    services.attendance_record(event=event, actor=organiser, attended=[])
    assert set(Participation.objects.values_list("person__display_name", flat=True)) == {
        "Cal",
        "Bea",
    }
    client.force_login(member)
    log = client.get(reverse("places:log", args=[event.place_id])).content.decode()
    assert event.title in log
    page = client.get(reverse("events:detail", args=[event.pk])).content.decode()
    assert "recorded that you came without booking" in page
    RateFactory(policy=PaymentPolicyFactory(collective=collective))
    claim = payment_services.claim_create(
        collective=collective, claimant=member, participations=[participation]
    )
    assert claim.lines.count() == 1


def test_a_guest_who_walked_in_is_recorded_without_an_account(
    client: Client, plan: Callable[..., Event], organiser: User
) -> None:
    event = _started(plan())
    users = User.objects.count()
    client.force_login(organiser)

    nameless = client.post(reverse("events:walk_ins", args=[event.pk]), {"who": "guest"})
    response = client.post(
        reverse("events:walk_ins", args=[event.pk]),
        {"who": "guest", "guest_name": "Dee", "guest_email": ""},
    )

    assert "Enter the guest&#x27;s name" in nameless.content.decode()
    assert response.status_code == 302
    walk_in = WalkIn.objects.get()
    assert walk_in.is_guest and walk_in.guest_name == "Dee" and walk_in.person is None
    assert User.objects.count() == users
    assert not Participation.objects.exists()
    assert "Dee (a guest)" in client.get(response.url).content.decode()


def test_walk_ins_are_refused_before_the_start_for_outsiders_and_twice(
    client: Client, plan: Callable[..., Event], organiser: User, member: User, outsider: User
) -> None:
    event = plan()
    with pytest.raises(ValidationError, match="once the event has started"):
        services.walk_in_add(event=event, actor=organiser, person=member)
    event = _started(event)
    with pytest.raises(PermissionDenied):
        services.walk_in_add(event=event, actor=member, guest_name="Dee")
    with pytest.raises(ValidationError, match="not a member"):
        services.walk_in_add(event=event, actor=organiser, person=outsider)
    services.walk_in_add(event=event, actor=organiser, person=member)
    with pytest.raises(ValidationError, match="already recorded"):
        services.walk_in_add(event=event, actor=organiser, person=member)
    client.force_login(member)
    assert client.get(reverse("events:walk_ins", args=[event.pk])).status_code == 404
    assert WalkIn.objects.count() == 1


def test_a_walk_in_recorded_by_mistake_is_removed_after_confirming_and_leaves_the_log(
    client: Client,
    plan: Callable[..., Event],
    organiser: User,
    member: User,
    collective: Collective,
) -> None:
    event = _started(plan())
    walk_in = services.walk_in_add(event=event, actor=organiser, person=member)
    url = reverse("events:walk_in_remove", args=[event.pk, walk_in.pk])
    client.force_login(member)
    assert client.post(url).status_code == 404
    client.force_login(organiser)

    confirm = client.get(url).content.decode()
    assert "Remove Cal?" in confirm and WalkIn.objects.exists()
    client.post(url)

    assert not WalkIn.objects.exists()
    assert not Participation.objects.exists()
    assert Change.objects.filter(action="walk_in_removed").exists()
    # Once claimed, the time stays.
    walk_in = services.walk_in_add(event=event, actor=organiser, person=member)
    RateFactory(policy=PaymentPolicyFactory(collective=collective))
    payment_services.claim_create(
        collective=collective, claimant=member, participations=[walk_in.participation]
    )
    response = client.post(reverse("events:walk_in_remove", args=[event.pk, walk_in.pk]))
    assert "already claimed" in client.get(response.url).content.decode()
    assert WalkIn.objects.filter(pk=walk_in.pk).exists()


# Minutes


def test_minutes_are_drafted_commented_on_then_agreed_and_frozen(
    client: Client,
    plan: Callable[..., Event],
    organiser: User,
    member: User,
    collective: Collective,
) -> None:
    event = plan()
    services.registration_create(event=event, person=member)
    onlooker = UserFactory(display_name="Ona")
    CollectiveMembershipFactory(collective=collective, person=onlooker)
    event = _started(event)
    client.force_login(organiser)
    assert (
        "Enter the minutes"
        in client.post(
            reverse("events:minutes_write", args=[event.pk]), {"text": ""}
        ).content.decode()
    )
    client.post(
        reverse("events:minutes_write", args=[event.pk]),
        {"text": "We agreed to **pay carers**.<script>x</script>"},
    )
    client.force_login(onlooker)
    assert client.get(reverse("events:minutes", args=[event.pk])).status_code == 404
    client.force_login(member)
    page = client.get(reverse("events:minutes", args=[event.pk])).content.decode()
    assert "<strong>pay carers</strong>" in page and "<script>x" not in page
    client.post(reverse("events:minutes", args=[event.pk]), {"text": "Add the date."})
    assert MinutesComment.objects.get().author == member

    client.force_login(organiser)
    confirm = client.get(reverse("events:minutes_agree", args=[event.pk])).content.decode()
    assert "Agree the minutes?" in confirm and "They have 1 comment." in confirm
    assert Minutes.objects.get().agreed_at is None
    client.post(reverse("events:minutes_agree", args=[event.pk]))

    minutes = Minutes.objects.get()
    assert minutes.agreed_by == organiser and minutes.agreed_at is not None
    assert Change.objects.filter(action="minutes_agreed").exists()
    with pytest.raises(ValidationError, match="cannot change"):
        services.minutes_save(event=event, actor=organiser, text="Changed")
    client.force_login(member)
    assert (
        client.post(reverse("events:minutes", args=[event.pk]), {"text": "Late"}).status_code
        == 403
    )
    with pytest.raises(ValidationError, match="comments have closed"):
        services.minutes_comment(event=event, person=member, text="Late")
    assert MinutesComment.objects.count() == 1
    client.force_login(onlooker)
    page = client.get(reverse("events:detail", args=[event.pk])).content.decode()
    assert "<strong>pay carers</strong>" in page and "Agreed by Mo" in page


def test_people_who_did_not_come_cannot_comment(
    plan: Callable[..., Event], organiser: User, member: User
) -> None:
    event = _started(plan())
    services.minutes_save(event=event, actor=organiser, text="Draft")
    with pytest.raises(PermissionDenied):
        services.minutes_comment(event=event, person=member, text="Hello")
    with pytest.raises(PermissionDenied):
        services.minutes_save(event=event, actor=member, text="Mine")
    assert not MinutesComment.objects.exists()


# Breakout themes


def test_breakout_themes_are_shown_to_everyone_who_came(
    client: Client,
    plan: Callable[..., Event],
    organiser: User,
    member: User,
    collective: Collective,
) -> None:
    event = plan()
    services.registration_create(event=event, person=member)
    onlooker = UserFactory(display_name="Ona")
    CollectiveMembershipFactory(collective=collective, person=onlooker)
    event = _started(event)
    client.force_login(member)

    client.post(
        reverse("events:breakouts", args=[event.pk]),
        {"name": "Table 2", "themes": "Transport\n- Paying carers\n"},
    )

    assert BreakoutGroup.objects.get().theme_list() == ["Transport", "Paying carers"]
    client.force_login(organiser)
    page = client.get(reverse("events:detail", args=[event.pk])).content.decode()
    assert "Table 2" in page and "Paying carers" in page
    client.force_login(onlooker)
    assert client.get(reverse("events:breakouts", args=[event.pk])).status_code == 404
    assert (
        "Paying carers"
        not in client.get(reverse("events:detail", args=[event.pk])).content.decode()
    )


# Query counts


def test_the_event_page_costs_the_same_with_1_or_10_of_everything(
    client: Client,
    plan: Callable[..., Event],
    organiser: User,
    member: User,
    collective: Collective,
    django_assert_max_num_queries: Callable,
) -> None:
    event = plan(capacity=None)
    services.registration_create(event=event, person=member)
    event = _started(event)
    services.minutes_save(event=event, actor=organiser, text="Draft")

    def add(count: int) -> None:
        for number in range(count):
            services.material_add(
                event=event,
                actor=organiser,
                upload=SimpleUploadedFile("x.pdf", PDF),
                title=f"File {number}",
                kind="paper",
                visible_to="event",
            )
            services.breakout_record(
                event=event, actor=organiser, name=f"Group {number}", themes="A\nB"
            )
            services.minutes_comment(event=event, person=member, text=f"Comment {number}")
            person = UserFactory()
            CollectiveMembershipFactory(collective=collective, person=person)
            services.walk_in_add(event=event, actor=organiser, person=person)

    pages = [
        reverse(name, args=[event.pk])
        for name in ("events:detail", "events:materials", "events:walk_ins", "events:minutes")
    ] + [reverse("events:breakouts", args=[event.pk])]
    client.force_login(organiser)
    add(1)
    counts = {}
    for url in pages:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200, url
        counts[url] = len(queries)
    add(9)
    for url in pages:
        with django_assert_max_num_queries(counts[url]):
            assert client.get(url).status_code == 200, url


# Their data


def test_a_persons_walk_ins_and_comments_are_in_their_download_and_go_with_them(
    plan: Callable[..., Event], organiser: User, member: User
) -> None:
    from levelfield.events import personal
    from levelfield.home.services import person_delete

    event = _started(plan(preparation_minutes=0))
    services.walk_in_add(event=event, actor=organiser, person=member)
    services.minutes_save(event=event, actor=organiser, text="Cal asked about parking.")
    services.minutes_comment(event=event, person=member, text="Thanks, that is right.")

    download = personal.export(member)

    assert download["meetings_you_walked_in_to"][0]["event"] == event.title
    assert download["comments_on_minutes"][0]["comment"] == "Thanks, that is right."
    person_delete(person=member)
    assert not WalkIn.objects.exists()
    comment = MinutesComment.objects.get()
    assert comment.author is None and comment.author_name == "A former member"
    assert "Cal" not in Minutes.objects.get().text
    # The time stays in the log, as a former member's.
    assert Participation.objects.get().person is None
