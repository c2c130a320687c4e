"""Your profile: what you say about yourself, who sees it, and teammates' profiles."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from levelfield.people.models import PaymentPreference, Perspective, PerspectiveKind, Visibility
from levelfield.people.services import profile_update
from levelfield.people.tests.factories import PerspectiveFactory, UserFactory

pytestmark = pytest.mark.django_db

ME_PAGES = [
    reverse("people:profile"),
    reverse("people:profile_edit"),
    reverse("home:my_data"),
    reverse("home:my_data_download"),
    reverse("home:delete_account"),
    reverse("home:person", args=[1]),
]


@pytest.mark.parametrize("url", ME_PAGES)
def test_visitors_are_asked_to_sign_in_for_every_me_page(client, url):
    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('account_login')}?next={url}"


@pytest.mark.parametrize(
    "url",
    [
        reverse("people:profile"),
        reverse("people:profile_edit"),
        reverse("home:my_data"),
        reverse("home:delete_account"),
    ],
)
def test_a_signed_in_person_opens_their_own_pages(client, url):
    client.force_login(UserFactory())

    assert client.get(url).status_code == 200


def _profile_data(**overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "display_name": "Priya",
        "perspectives": [],
        "lived_experience_detail": "",
        "other_in_own_words": "",
        "perspectives_visibility": Visibility.ONLY_ME,
        "skills": "",
        "interests": "",
        "skills_visibility": Visibility.MY_TEAMS,
        "access_needs": "",
        "communication_preferences": [],
        "phone": "",
        "payment_preference": PaymentPreference.NOT_SAID,
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def test_the_profile_page_says_who_sees_each_part(client):
    person = UserFactory(access_needs="Step-free access", phone="01234 567890")
    client.force_login(person)

    html = client.get(reverse("people:profile")).content.decode()

    assert "Step-free access" in html
    assert "Who sees this: only you, and the organisers of events you register for" in html
    assert "Who sees this: only you and the people who arrange payments" in html
    assert "Who sees this: you and people in your collectives and projects" in html


def test_a_person_describes_their_perspectives_skills_and_preferences(client):
    person = UserFactory(display_name="P")
    client.force_login(person)

    response = client.post(
        reverse("people:profile_edit"),
        _profile_data(
            perspectives=[PerspectiveKind.CARER, PerspectiveKind.OTHER],
            other_in_own_words="Community organiser",
            perspectives_visibility=Visibility.MY_TEAMS,
            skills="Plain English",
            interests="Dementia",
            skills_visibility=Visibility.ONLY_ME,
            communication_preferences=["easy_read", "email"],
            phone="07700 900123",
            payment_preference=PaymentPreference.VOUCHER,
        ),
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("people:profile")
    person.refresh_from_db()
    assert person.display_name == "Priya"
    assert person.skills == "Plain English"
    assert person.interests == "Dementia"
    assert person.skills_visibility == Visibility.ONLY_ME
    assert person.communication_preferences == ["email", "easy_read"]
    assert person.phone == "07700 900123"
    assert person.payment_preference == PaymentPreference.VOUCHER
    assert person.health_data_consent_at is None
    assert {(p.kind, p.in_own_words) for p in person.perspectives.all()} == {
        (PerspectiveKind.CARER, ""),
        (PerspectiveKind.OTHER, "Community organiser"),
    }
    assert "Your profile has been saved" in client.get(response["Location"]).content.decode()


def test_the_edit_form_starts_with_what_the_person_already_said(client):
    person = UserFactory(skills="Chairing meetings")
    PerspectiveFactory(person=person, kind=PerspectiveKind.OTHER, in_own_words="Local councillor")
    client.force_login(person)

    html = client.get(reverse("people:profile_edit")).content.decode()

    assert "Chairing meetings" in html
    assert 'value="Local councillor"' in html
    assert 'value="other" checked' in html


def test_other_needs_words_of_the_persons_own(client):
    person = UserFactory()
    client.force_login(person)

    response = client.post(
        reverse("people:profile_edit"), _profile_data(perspectives=[PerspectiveKind.OTHER])
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in html
    assert 'id="id_other_in_own_words-error"' in html
    assert not Perspective.objects.filter(person=person).exists()


@pytest.mark.parametrize(
    "health_detail",
    [
        {"perspectives": [PerspectiveKind.LIVED_EXPERIENCE]},
        {"access_needs": "A hearing loop"},
    ],
)
def test_health_details_are_kept_only_with_consent(client, health_detail):
    person = UserFactory()
    client.force_login(person)

    refused = client.post(reverse("people:profile_edit"), _profile_data(**health_detail))

    html = refused.content.decode()
    assert refused.status_code == 200
    assert 'href="#id_health_data_consent"' in html
    assert 'id="id_health_data_consent-error"' in html
    person.refresh_from_db()
    assert person.access_needs == ""
    assert not person.perspectives.exists()
    assert person.health_data_consent_at is None

    accepted = client.post(
        reverse("people:profile_edit"), _profile_data(health_data_consent="on", **health_detail)
    )

    assert accepted.status_code == 302
    person.refresh_from_db()
    assert person.health_data_consent_at is not None


def test_lived_experience_detail_is_saved_with_consent_and_consent_can_be_withdrawn(client):
    person = UserFactory()
    client.force_login(person)
    client.post(
        reverse("people:profile_edit"),
        _profile_data(
            perspectives=[PerspectiveKind.LIVED_EXPERIENCE],
            lived_experience_detail="Living with type 1 diabetes",
            health_data_consent="on",
        ),
    )
    person.refresh_from_db()
    consented_at = person.health_data_consent_at
    assert person.perspectives.get().in_own_words == "Living with type 1 diabetes"

    client.post(
        reverse("people:profile_edit"),
        _profile_data(perspectives=[PerspectiveKind.LIVED_EXPERIENCE], health_data_consent="on"),
    )
    person.refresh_from_db()
    assert person.health_data_consent_at == consented_at

    client.post(reverse("people:profile_edit"), _profile_data())
    person.refresh_from_db()
    assert person.health_data_consent_at is None
    assert not person.perspectives.exists()


def test_the_profile_service_refuses_health_details_without_consent():
    person = UserFactory()

    with pytest.raises(ValidationError):
        profile_update(
            person=person,
            display_name="Priya",
            perspectives={},
            perspectives_visibility=Visibility.ONLY_ME,
            skills="",
            interests="",
            skills_visibility=Visibility.ONLY_ME,
            access_needs="Breaks every hour",
            communication_preferences=[],
            phone="",
            payment_preference=PaymentPreference.NOT_SAID,
            health_data_consent=False,
        )

    person.refresh_from_db()
    assert person.access_needs == ""


def test_an_unknown_choice_is_an_error_not_a_crash(client):
    client.force_login(UserFactory())

    response = client.post(
        reverse("people:profile_edit"),
        _profile_data(payment_preference="gold-bars", perspectives=["astronaut"]),
    )

    assert response.status_code == 200
    assert 'id="id_payment_preference-error"' in response.content.decode()
