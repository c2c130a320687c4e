"""Your profile: what you say about yourself, who sees it, and teammates' profiles."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from levelfield.collectives.tests.factories import CollectiveMembershipFactory
from levelfield.people.models import PaymentPreference, Perspective, PerspectiveKind, Visibility
from levelfield.people.services import profile_update
from levelfield.people.tests.factories import PerspectiveFactory, UserFactory
from levelfield.projects.tests.factories import ProjectMembershipFactory

pytestmark = pytest.mark.django_db

ME_PAGES = [
    reverse("people:profile"),
    reverse("people:profile_edit"),
    reverse("people:my_data"),
    reverse("people:my_data_download"),
    reverse("people:delete_account"),
    reverse("people:person", args=[1]),
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
        reverse("people:my_data"),
        reverse("people:delete_account"),
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


def _viewer_sharing(how: str, someone: object) -> object:
    viewer = UserFactory()
    if how == "collective":
        collective = CollectiveMembershipFactory(person=someone).collective
        CollectiveMembershipFactory(person=viewer, collective=collective)
    elif how == "project":
        project = ProjectMembershipFactory(person=someone).project
        ProjectMembershipFactory(person=viewer, project=project)
    elif how == "nothing":
        CollectiveMembershipFactory(person=someone)
        ProjectMembershipFactory(person=viewer)
    return viewer


@pytest.mark.parametrize(
    ("how", "status"),
    [("collective", 200), ("project", 200), ("nothing", 404)],
)
def test_only_people_who_work_together_see_each_others_profiles(client, how, status):
    someone = UserFactory(display_name="Jordan")
    client.force_login(_viewer_sharing(how, someone))

    response = client.get(reverse("people:person", args=[someone.pk]))

    assert response.status_code == status
    assert ("Jordan" in response.content.decode()) is (status == 200)


def test_a_profile_that_does_not_exist_is_a_404(client):
    client.force_login(UserFactory())

    assert client.get(reverse("people:person", args=[999999])).status_code == 404


def test_a_person_sees_their_own_profile_as_teammates_see_it(client):
    person = UserFactory(access_needs="Large print papers")
    client.force_login(person)

    response = client.get(reverse("people:person", args=[person.pk]))

    assert response.status_code == 200
    assert "This is what people in your collectives and projects see" in response.content.decode()
    assert "Large print papers" not in response.content.decode()


def test_a_teammate_sees_only_what_the_person_chose_to_share(client):
    someone = UserFactory(
        display_name="Jordan",
        perspectives_visibility=Visibility.MY_TEAMS,
        skills="Facilitation",
        interests="Young carers",
        skills_visibility=Visibility.MY_TEAMS,
        access_needs="Step-free access please",
        phone="07700 900456",
        payment_preference=PaymentPreference.VOUCHER,
        communication_preferences=["large_print"],
    )
    PerspectiveFactory(person=someone, kind=PerspectiveKind.CARER, in_own_words="For my mum")
    client.force_login(_viewer_sharing("collective", someone))

    html = client.get(reverse("people:person", args=[someone.pk])).content.decode()

    assert "Carer: For my mum" in html
    assert "Facilitation" in html
    assert "Young carers" in html
    for private in ("Step-free access please", "07700 900456", "voucher", someone.email):
        assert private not in html


def test_a_teammate_sees_nothing_the_person_kept_to_themselves(client):
    someone = UserFactory(
        perspectives_visibility=Visibility.ONLY_ME,
        skills="Facilitation",
        interests="Young carers",
        skills_visibility=Visibility.ONLY_ME,
    )
    PerspectiveFactory(
        person=someone, kind=PerspectiveKind.LIVED_EXPERIENCE, in_own_words="Epilepsy"
    )
    client.force_login(_viewer_sharing("project", someone))

    html = client.get(reverse("people:person", args=[someone.pk])).content.decode()

    for private in ("Epilepsy", "Lived experience", "Facilitation", "Young carers"):
        assert private not in html
