"""Account pages: sign up, verify, sign in, reset a password, lock-out, two-step verification."""

from __future__ import annotations

import re

import pytest
from allauth.account.forms import SetPasswordForm
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import (
    format_hotp_value,
    hotp_value,
    yield_hotp_counters_from_time,
)
from django.template.loader import render_to_string
from django.urls import reverse

from levelfield.people.models import User
from levelfield.people.tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "a-long-and-unusual-passphrase-42"


def _link_in(message: object) -> str:
    """The path of the first link to this site in an email."""
    match = re.search(r"https?://[^/\s]+(/\S+)", message.body)
    assert match, message.body
    return match.group(1)


def _sign_up(client: object, **overrides: str) -> object:
    data = {
        "display_name": "Sam",
        "email": "Sam@Example.org",
        "password1": NEW_PASSWORD,
        "password2": NEW_PASSWORD,
        **overrides,
    }
    return client.post(reverse("account_signup"), data)


def test_signing_up_asks_for_a_name_and_sends_an_email_whose_link_verifies_the_address(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    page = client.get(reverse("account_signup"))
    assert page.status_code == 200
    assert "Name you want to be called" in page.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        response = _sign_up(client)

    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    person = User.objects.get(email="sam@example.org")
    assert person.display_name == "Sam"
    assert not EmailAddress.objects.get(user=person).verified
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["sam@example.org"]
    assert mailoutbox[0].subject.startswith("Levelfield: Confirm your email address")

    link = _link_in(mailoutbox[0])
    confirm_page = client.get(link)
    assert confirm_page.status_code == 200
    assert "Confirm your email address" in confirm_page.content.decode()
    client.post(link)

    assert EmailAddress.objects.get(user=person).verified
    assert int(client.session["_auth_user_id"]) == person.pk


def test_a_new_account_cannot_be_used_before_the_address_is_verified(client, mailoutbox):
    _sign_up(client)
    client.logout()

    response = client.post(
        reverse("account_login"), {"login": "sam@example.org", "password": NEW_PASSWORD}
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    assert "_auth_user_id" not in client.session


def test_mistakes_on_the_sign_up_form_show_the_error_summary_and_messages_by_the_fields(
    client, mailoutbox
):
    response = _sign_up(client, display_name="", password2="something-else-entirely")

    html = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in html
    assert 'href="#id_display_name"' in html
    assert 'id="id_display_name-error"' in html
    assert "Enter the name you want to be called" in html
    assert 'id="id_password2-error"' in html
    assert not User.objects.exists()
    assert mailoutbox == []


def test_signing_up_with_an_address_that_has_an_account_tells_its_owner_by_email(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    UserFactory(email="sam@example.org")

    with django_capture_on_commit_callbacks(execute=True):
        _sign_up(client)

    assert User.objects.filter(email="sam@example.org").count() == 1
    assert len(mailoutbox) == 1
    assert "already" in mailoutbox[0].subject


def test_a_verified_person_signs_in_and_out(client):
    person = UserFactory(email="alex@example.org")

    response = client.post(
        reverse("account_login"), {"login": "Alex@Example.org", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    assert int(client.session["_auth_user_id"]) == person.pk

    assert client.get(reverse("account_logout")).status_code == 200
    client.post(reverse("account_logout"))
    assert "_auth_user_id" not in client.session


def test_a_wrong_password_shows_the_error_summary(client):
    UserFactory(email="alex@example.org")

    response = client.post(
        reverse("account_login"), {"login": "alex@example.org", "password": "not-it"}
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in html
    assert "<title>Error: Sign in" in html
    assert "_auth_user_id" not in client.session


def test_a_forgotten_password_is_reset_through_an_emailed_link(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    person = UserFactory(email="alex@example.org")

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("account_reset_password"), {"email": "alex@example.org"})

    assert response.status_code == 302
    assert len(mailoutbox) == 1
    assert mailoutbox[0].subject == "Levelfield: Reset your password"
    form_page = client.get(_link_in(mailoutbox[0]), follow=True)
    assert "Choose a new password" in form_page.content.decode()
    done = client.post(
        form_page.redirect_chain[-1][0] if form_page.redirect_chain else _link_in(mailoutbox[0]),
        {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
        follow=True,
    )
    assert "Your password has been changed" in done.content.decode()
    person.refresh_from_db()
    assert person.check_password(NEW_PASSWORD)


def test_a_password_reset_for_an_unknown_address_reveals_nothing_on_the_page(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("account_reset_password"), {"email": "nobody@example.org"}, follow=True
        )

    assert "Check your email" in response.content.decode()
    assert len(mailoutbox) == 1
    assert "no Levelfield account" in mailoutbox[0].subject


def test_repeated_wrong_passwords_lock_the_account_for_a_while(client, settings):
    UserFactory(email="alex@example.org")
    login = reverse("account_login")

    responses = [
        client.post(login, {"login": "alex@example.org", "password": f"guess-{attempt}"})
        for attempt in range(settings.AXES_FAILURE_LIMIT)
    ]
    assert all(response.status_code == 200 for response in responses[:-1])

    locked = client.post(login, {"login": "alex@example.org", "password": PASSWORD})
    html = locked.content.decode()
    assert locked.status_code == 429
    assert "too many tries" in html
    assert "5 minutes" in html
    assert reverse("account_reset_password") in html
    assert "_auth_user_id" not in client.session


def test_someone_else_is_not_locked_out_by_another_persons_failures(client, settings):
    UserFactory(email="alex@example.org")
    UserFactory(email="kim@example.org")
    login = reverse("account_login")
    for attempt in range(settings.AXES_FAILURE_LIMIT + 1):
        client.post(login, {"login": "alex@example.org", "password": f"guess-{attempt}"})

    response = client.post(login, {"login": "kim@example.org", "password": PASSWORD})

    assert response.status_code == 302


def test_the_two_step_verification_page_loads_for_a_signed_in_person(client):
    client.force_login(UserFactory())

    response = client.get(reverse("mfa_index"))

    assert response.status_code == 200
    assert "Two-step verification" in response.content.decode()


def test_the_two_step_verification_page_asks_visitors_to_sign_in(client):
    response = client.get(reverse("mfa_index"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


ACCOUNT_PAGES = [
    ("account_login", False),
    ("account_signup", False),
    ("account_reset_password", False),
    ("account_reset_password_done", False),
    ("account_email_verification_sent", False),
    ("account_logout", True),
    ("account_email", True),
    ("account_change_password", True),
    ("mfa_index", True),
]


@pytest.mark.parametrize(("url_name", "signed_in"), ACCOUNT_PAGES)
def test_account_pages_use_the_site_layout_with_no_inline_script_or_style(
    client, url_name, signed_in
):
    if signed_in:
        client.force_login(UserFactory())

    response = client.get(reverse(url_name))

    html = response.content.decode()
    assert response.status_code == 200
    assert "govuk-template" in html
    assert html.count("<h1") == 1
    assert " style=" not in html
    assert not re.search(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>", html)


def test_a_person_turns_on_two_step_verification_and_signs_in_with_a_recovery_code(client):
    UserFactory(email="alex@example.org")
    login = reverse("account_login")
    client.post(login, {"login": "alex@example.org", "password": PASSWORD})

    asked = client.get(reverse("mfa_activate_totp"))
    assert asked.status_code == 302
    assert asked["Location"].startswith(reverse("account_reauthenticate"))
    client.post(asked["Location"], {"password": PASSWORD})
    setup = client.get(reverse("mfa_activate_totp"))
    assert setup.status_code == 200
    assert "Set up an authenticator app" in setup.content.decode()
    secret = setup.context["form"].secret
    counters = list(yield_hotp_counters_from_time())
    code = format_hotp_value(hotp_value(secret, counters[len(counters) // 2]))
    client.post(reverse("mfa_activate_totp"), {"code": code})

    person = User.objects.get(email="alex@example.org")
    kinds = set(Authenticator.objects.filter(user=person).values_list("type", flat=True))
    assert kinds == {Authenticator.Type.TOTP, Authenticator.Type.RECOVERY_CODES}
    assert "You use an authenticator app" in client.get(reverse("mfa_index")).content.decode()

    client.post(reverse("account_logout"))
    second_step = client.post(login, {"login": "alex@example.org", "password": PASSWORD})
    assert second_step["Location"] == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session
    recovery = Authenticator.objects.get(user=person, type=Authenticator.Type.RECOVERY_CODES)
    unused_code = RecoveryCodes(recovery).get_unused_codes()[0]
    client.post(reverse("mfa_authenticate"), {"code": unused_code})
    assert int(client.session["_auth_user_id"]) == person.pk


def test_allauth_pages_we_did_not_rewrite_still_get_govuk_markup_and_the_error_summary(rf):
    """Pages such as "set a password" come from allauth's own templates, drawn with our
    GOV.UK versions of its elements."""
    person = UserFactory()
    request = rf.get("/")
    request.user = person
    form = SetPasswordForm(user=person, data={"password1": "short", "password2": "other"})
    assert not form.is_valid()

    html = render_to_string(
        "account/password_set.html", {"form": form, "redirect_field": ""}, request=request
    )

    assert "govuk-template" in html
    assert html.index("govuk-error-summary") < html.index('<h1 class="govuk-heading-l">')
    assert 'href="#id_password1"' in html
    assert 'id="id_password1-error"' in html
    assert 'class="govuk-button"' in html
    assert 'id="main-form"' in html


def test_signing_up_with_nothing_filled_in_names_each_field(client) -> None:
    """Never Django's "This field is required." three times: each message says what to do."""
    page = client.post(reverse("account_signup"), {}).content.decode()
    assert "This field is required." not in page
    for message in (
        "Enter the name you want to be called",
        "Enter your email address",
        "Create a password",
    ):
        assert message in page
    bad = client.post(reverse("account_signup"), {"email": "not-an-address"}).content.decode()
    assert "Enter an email address in the correct format, like name@example.com" in bad
