from __future__ import annotations

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.contrib.sites.shortcuts import get_current_site
from django.http import HttpRequest

from levelfield.notifications.kinds import ACCOUNT
from levelfield.notifications.services import notification_send
from levelfield.people.models import User
from levelfield.people.security import login_failures_clear
from levelfield.ratelimits import client_address


class AccountAdapter(DefaultAccountAdapter):
    """Levelfield's account rules on top of allauth's."""

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        """Every account email (verification, password reset, "you already have an
        account", two-step notices) goes through the notifications queue as `account`:
        sent straight away after commit, retried if the mail server refuses it, never
        turned off, and its body (which holds keys) cleared once it has gone."""
        request = allauth_context.request
        full_context = {
            "request": request,
            "email": email,
            "current_site": get_current_site(request),
            **context,
        }
        message = self.render_mail(template_prefix, email, full_context)
        notification_send(
            kind=ACCOUNT,
            person=_account_holder(context, email),
            email=email,
            context={"subject": message.subject, "message": message.body},
        )

    def get_client_ip(self, request: HttpRequest) -> str:
        """The one notion of the client's address (TRUSTED_PROXY_COUNT), shared with
        axes and the rate limits."""
        return client_address(request)

    def set_password(self, user: User, password: str) -> None:
        """A new password set by the owner (a reset link from their inbox, or while
        signed in) ends any pause on failed sign-ins for every address of theirs."""
        super().set_password(user, password)
        login_failures_clear(user=user)


def _account_holder(context: dict, email: str) -> User | None:
    """Whose account the email is about, so it shows among their notifications."""
    user = context.get("user")
    if isinstance(user, User) and user.pk:
        return user
    return User.objects.filter(email__iexact=email).first()
