"""Everything held about a person is in their download, and erasure leaves no name behind.

Both checked on the demo, against the database itself: every table with a field
pointing at the person, and every text column of every table.
"""

from __future__ import annotations

import pytest
from django.apps import apps
from django.db.models import Q, TextField
from django.db.models.functions import Cast

from levelfield.home.services import person_data_export, person_delete
from levelfield.lib.erasure import text_columns
from levelfield.lib.manifests import manifests
from levelfield.people.demo import DOMAIN
from levelfield.people.models import User
from levelfield.people.services import person_addresses, person_names

pytestmark = pytest.mark.django_db

# Text columns where a name or address may stay after erasure, and why (README, Privacy).
STAYS_FOR_A_LEGAL_REASON = {
    "notifications.Suppression.email",  # their request not to be emailed is honoured
}


def _rows_pointing_at(person: User) -> dict[str, int]:
    """For each export key, the most rows any one field listed under it points at."""
    most: dict[str, int] = {}
    for manifest in manifests():
        for field in manifest.person_fields:
            app_label, model_name, field_name = field.path.split(".")
            model = apps.get_model(app_label, model_name)
            count = model._default_manager.filter(**{field_name: person}).distinct().count()
            most[field.export] = max(most.get(field.export, 0), count)
    return most


def test_every_demo_persons_download_holds_a_row_of_every_kind_they_have(demo: None) -> None:
    people = User.objects.filter(email__endswith=f"@{DOMAIN}")
    assert people.count() >= 12
    kinds_seen: set[str] = set()

    for person in people:
        data = person_data_export(person=person)
        for key, count in _rows_pointing_at(person).items():
            assert len(data[key]) >= count, f"{person.email}: {key} misses rows"
            if count:
                kinds_seen.add(key)

    # The demo gives people claims, answers, comments, reviews and more: checked above.
    for kind in ("payment_claims", "decision_answers", "document_comments", "reviews_you_wrote"):
        assert kind in kinds_seen


def _where_text_mentions(terms: set[str]) -> list[str]:
    """Every table and text column holding one of the terms, in any letter case."""
    found = []
    for model in apps.get_models():
        columns = text_columns(model)
        if not columns:
            continue
        casts = {f"_text_{name}": Cast(name, TextField()) for name in columns}
        rows = model._default_manager.annotate(**casts)
        for name in columns:
            where = Q(pk__in=[])
            for term in terms:
                where |= Q(**{f"_text_{name}__icontains": term})
            label = f"{model._meta.label}.{name}"
            if label not in STAYS_FOR_A_LEGAL_REASON and rows.filter(where).exists():
                found.append(label)
    return found


def test_after_a_demo_person_deletes_their_account_no_table_holds_their_name_or_address(
    demo: None,
) -> None:
    gordon = User.objects.get(email=f"gordon@{DOMAIN}")
    addresses = person_addresses(gordon)
    terms = person_names(gordon, addresses) | addresses
    assert _where_text_mentions(terms)  # before: the demo mentions him in many places

    person_delete(person=gordon)

    assert _where_text_mentions(terms) == []
