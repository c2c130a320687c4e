"""People for `manage.py seed_scale`: 20,000 at the large size, with perspectives.

Everyone gets an unusable password (the benchmark makes sessions directly) and one or
two perspectives, most shared with their teams. People are numbered by their email
address (`scale-00000@scale.example.org`), which later apps use to find them in order:
person 0 coordinates everything; people 1 to LOAD_PEOPLE are the logged-in people the
load benchmark acts as, kept free of seeded registrations and claims so their writes
succeed.
"""

from __future__ import annotations

import random

from django.contrib.auth.hashers import make_password

from levelfield.lib.scale import batches, scaled
from levelfield.people.models import Perspective, PerspectiveKind, User, Visibility

PEOPLE = 20_000
LOAD_PEOPLE = 100  # people 1..100: who the load benchmark logs in as
EMAIL_PREFIX = "scale-"
DOMAIN = "scale.example.org"
FIRST_NAMES = ["Alex", "Sam", "Priya", "Tom", "Aisha", "Jo", "Mei", "Kwame", "Ruth", "Dev"]
LAST_NAMES = ["Okafor", "Smith", "Khan", "Jones", "Nowak", "Evans", "Patel", "Brown"]
KINDS = [
    PerspectiveKind.LIVED_EXPERIENCE,
    PerspectiveKind.CARER,
    PerspectiveKind.YOUNG_PERSON,
    PerspectiveKind.RESEARCHER,
    PerspectiveKind.PRACTITIONER,
]


def email(number: int) -> str:
    return f"{EMAIL_PREFIX}{number:05d}@{DOMAIN}"


def people_in_order() -> list[int]:
    """The seeded people's ids, person 0 first."""
    return list(
        User.objects.filter(email__startswith=EMAIL_PREFIX)
        .order_by("email")
        .values_list("pk", flat=True)
    )


def scale_seed(*, size: str, rng: random.Random) -> None:
    count = scaled(size, PEOPLE, least=LOAD_PEOPLE * 3)
    unusable = make_password(None)
    for chunk in batches(
        User(
            email=email(number),
            display_name=f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)} {number}",
            password=unusable,
            perspectives_visibility=Visibility.MY_TEAMS
            if rng.random() < 0.8
            else Visibility.ONLY_ME,
        )
        for number in range(count)
    ):
        User.objects.bulk_create(chunk)
    ids = people_in_order()
    for chunk in batches(
        Perspective(person_id=person_id, kind=kind)
        for person_id in ids
        for kind in rng.sample(KINDS, rng.choice([1, 1, 1, 2]))
    ):
        Perspective.objects.bulk_create(chunk)
