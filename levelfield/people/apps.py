from __future__ import annotations

from typing import Any

from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "levelfield.people"

    def ready(self) -> None:
        # allauth announces a removed address only by this signal (its adapter has no
        # such hook): hand it straight to the service that keeps it for erasure.
        from allauth.account.signals import email_removed

        email_removed.connect(_keep_removed_address, dispatch_uid="people_keep_removed_address")


def _keep_removed_address(sender: Any, *, user: Any, email_address: Any, **kwargs: Any) -> None:
    from levelfield.people.models import FormerDetail
    from levelfield.people.services import former_detail_record

    former_detail_record(person=user, kind=FormerDetail.Kind.EMAIL, value=email_address.email)
