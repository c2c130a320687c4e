"""A coordinator writes an easy-read version of the payment policy; members read it,
everyone else is turned away; bad input is refused plainly and loses nothing (issue 28)."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from levelfield.easyread import services
from levelfield.easyread.models import EasyReadPoint, EasyReadVersion
from levelfield.easyread.services import PointInput
from levelfield.easyread.tests.conftest import rows
from levelfield.lib.testing.world import World
from levelfield.payments.models import PaymentPolicy
from levelfield.stories.tests.factories import picture_upload

pytestmark = pytest.mark.django_db

MODEL = "payments-paymentpolicy"


def _client(person: object = None) -> Client:
    client = Client()
    if person is not None:
        client.force_login(person)
    return client


def _url(name: str, policy: PaymentPolicy) -> str:
    return reverse(f"easyread:{name}", args=[MODEL, policy.pk])


def _written(policy: PaymentPolicy, world: World, count: int = 2) -> EasyReadVersion:
    points = [PointInput(f"Point number {n} is short.", "money") for n in range(1, count + 1)]
    return services.easy_read_save(
        obj=policy, title="Getting paid", points=points, actor=world.coordinator
    )


def test_a_coordinator_writes_the_easy_read_and_a_member_reads_it(
    world: World, policy: PaymentPolicy
) -> None:
    coordinator = _client(world.coordinator)
    assert coordinator.get(_url("edit", policy)).status_code == 200

    response = coordinator.post(
        _url("edit", policy),
        {
            **rows(
                {"text": "We pay you for your time.", "picture": "money"},
                {"text": "", "picture": ""},
                {"text": "We pay £25 for each hour.", "picture": "clock", "alt": "A clock face"},
            ),
            "title": "Getting paid",
        },
    )

    assert response.status_code == 302
    version = EasyReadVersion.objects.get()
    assert version.written_by == world.coordinator
    points = list(version.points.order_by("position"))
    assert [(p.position, p.text, p.picture, p.alt) for p in points] == [
        (1, "We pay you for your time.", "money", "Coins and a banknote"),
        (2, "We pay £25 for each hour.", "clock", "A clock face"),
    ]
    page = _client(world.collective_member).get(_url("page", policy))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Getting paid" in html
    assert 'alt="Coins and a banknote"' in html
    assert "Read the full version" in html
    assert reverse("payments:collective", args=[world.collective.slug]) in html
    assert "Written by Cora on" in html
    assert "Change the easy read" not in html  # a member reads; the coordinator writes


def test_people_outside_the_collective_get_not_found_and_members_may_not_write(
    world: World, policy: PaymentPolicy
) -> None:
    _written(policy, world)

    for person in (None, world.outsider, world.former):
        assert _client(person).get(_url("page", policy)).status_code == 404
    for person in (world.outsider, world.former):
        assert _client(person).get(_url("edit", policy)).status_code == 404
        assert _client(person).post(_url("delete", policy)).status_code == 404
    member = _client(world.member)
    assert member.get(_url("edit", policy)).status_code == 403
    assert member.post(_url("edit", policy), rows({"text": "Mine."})).status_code == 403
    assert member.post(_url("delete", policy)).status_code == 403
    assert EasyReadVersion.objects.count() == 1
    nothing = reverse("easyread:page", args=["nothing-here", 1])
    assert _client(world.member).get(nothing).status_code == 404


def test_a_page_with_no_easy_read_is_not_found_by_readers_and_opens_the_form_for_writers(
    world: World, policy: PaymentPolicy
) -> None:
    assert _client(world.member).get(_url("page", policy)).status_code == 404
    response = _client(world.coordinator).get(_url("page", policy))
    assert response.status_code == 302
    assert response["Location"] == _url("edit", policy)


def test_an_uploaded_picture_without_alt_text_is_refused_and_nothing_is_lost(
    world: World, policy: PaymentPolicy
) -> None:
    _written(policy, world)
    data = rows(
        {"text": "Come to the Cuppa.", "picture": "tea"},
        {"text": "Bring a friend if you like."},
    )
    data["points-1-upload"] = picture_upload()

    response = _client(world.coordinator).post(_url("edit", policy), data)

    assert response.status_code == 400
    html = response.content.decode()
    assert "There is a problem" in html
    assert "Enter what the picture of point 2 shows" in html
    assert "Come to the Cuppa." in html and "Bring a friend if you like." in html
    assert [p.text for p in EasyReadPoint.objects.order_by("position")] == [
        "Point number 1 is short.",
        "Point number 2 is short.",
    ]


def test_a_file_that_is_not_a_picture_is_refused_by_its_content(
    world: World, policy: PaymentPolicy
) -> None:
    data = rows({"text": "Here is our leaflet.", "alt": "Our leaflet"})
    data["points-0-upload"] = SimpleUploadedFile(
        "leaflet.jpg", b"%PDF-1.4 not a picture", "image/jpeg"
    )

    response = _client(world.coordinator).post(_url("edit", policy), data)

    assert response.status_code == 400
    assert "The selected file must be a JPG, PNG or WebP picture." in response.content.decode()
    assert "Here is our leaflet." in response.content.decode()
    assert not EasyReadVersion.objects.exists()


def test_a_long_point_and_a_point_of_many_sentences_are_sent_back_to_split(
    world: World, policy: PaymentPolicy
) -> None:
    long = " ".join(["word"] * 26)
    data = rows({"text": long}, {"text": "One. Two. Three."})

    response = _client(world.coordinator).post(_url("edit", policy), data)

    html = response.content.decode()
    assert response.status_code == 400
    assert "This point has 26 words. Use 25 words or fewer" in html
    assert "This point has 3 sentences." in html
    assert not EasyReadVersion.objects.exists()


def test_no_points_at_all_is_refused(world: World, policy: PaymentPolicy) -> None:
    response = _client(world.coordinator).post(_url("edit", policy), rows({}, {}, total=2))
    assert response.status_code == 400
    assert "Write at least one point" in response.content.decode()


def test_add_more_points_shows_more_rows_keeping_the_words_and_saves_nothing(
    world: World, policy: PaymentPolicy
) -> None:
    data = {**rows({"text": "First point."}, {"text": "Second point."}), "more": "1"}

    response = _client(world.coordinator).post(_url("edit", policy), data)

    assert response.status_code == 200
    html = response.content.decode()
    assert "First point." in html and "Second point." in html
    assert 'name="points-4-text"' in html  # 2 written + 3 more
    assert not EasyReadVersion.objects.exists()


def test_an_uploaded_picture_is_kept_when_the_version_is_changed_and_shown_to_members_only(
    world: World, policy: PaymentPolicy
) -> None:
    data = rows({"text": "This is our room.", "alt": "A room with chairs"})
    data["points-0-upload"] = picture_upload()
    assert _client(world.coordinator).post(_url("edit", policy), data).status_code == 302
    point = EasyReadPoint.objects.get()
    assert point.image and point.alt == "A room with chairs"
    picture = reverse("easyread:picture", args=[MODEL, policy.pk, point.pk])
    response = _client(world.member).get(picture)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert _client(world.outsider).get(picture).status_code == 404

    changed = rows(
        {"text": "This is our big room.", "alt": "A room", "keep_image_of": str(point.pk)}
    )
    assert _client(world.coordinator).post(_url("edit", policy), changed).status_code == 302

    again = EasyReadPoint.objects.get()
    assert again.text == "This is our big room."
    assert again.image.name == point.image.name
    assert again.image.storage.exists(again.image.name)


def test_the_easy_read_is_out_of_date_once_the_policy_changes(
    world: World, policy: PaymentPolicy
) -> None:
    _written(policy, world)
    warning = "It may be out of date."
    assert warning not in _client(world.member).get(_url("page", policy)).content.decode()

    PaymentPolicy.objects.filter(pk=policy.pk).update(pay_within_days=20)

    assert warning in _client(world.member).get(_url("page", policy)).content.decode()


def test_deleting_asks_to_confirm_first(world: World, policy: PaymentPolicy) -> None:
    _written(policy, world)
    coordinator = _client(world.coordinator)

    asked = coordinator.get(_url("delete", policy))

    assert asked.status_code == 200
    assert "Delete the easy-read version?" in asked.content.decode()
    assert EasyReadVersion.objects.exists()
    done = coordinator.post(_url("delete", policy))
    assert done.status_code == 302
    assert done["Location"] == reverse("payments:collective", args=[world.collective.slug])
    assert not EasyReadVersion.objects.exists() and not EasyReadPoint.objects.exists()
    assert coordinator.get(_url("delete", policy)).status_code == 404


def test_the_easy_read_page_costs_the_same_queries_for_3_points_as_for_12(
    world: World, policy: PaymentPolicy
) -> None:
    member = _client(world.member)
    counts = []
    for count in (3, 12):
        _written(policy, world, count=count)
        member.get(_url("page", policy))  # warm the content type cache
        with CaptureQueriesContext(connection) as queries:
            response = member.get(_url("page", policy))
        assert response.content.decode().count('class="easyread-point"') == count
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_the_payments_page_links_to_the_easy_read_and_offers_the_coordinator_to_write_one(
    world: World, policy: PaymentPolicy
) -> None:
    page = reverse("payments:collective", args=[world.collective.slug])
    assert "Write an easy read version" in _client(world.coordinator).get(page).content.decode()
    member_sees = _client(world.member).get(page).content.decode()
    assert "Write an easy read version" not in member_sees
    assert _url("page", policy) not in member_sees

    _written(policy, world)

    assert _url("page", policy) in _client(world.member).get(page).content.decode()


def test_changing_a_built_in_picture_brings_its_own_words_not_the_old_ones(
    world: World, policy: PaymentPolicy
) -> None:
    _written(policy, world, count=1)
    form = _client(world.coordinator).get(_url("edit", policy)).content.decode()
    assert "Coins and a banknote" not in form.split('name="points-0-alt"')[1].split(">")[0]

    data = rows({"text": "Point number 1 is short.", "picture": "clock"})
    assert _client(world.coordinator).post(_url("edit", policy), data).status_code == 302

    assert EasyReadPoint.objects.get().alt == "A clock"
