from __future__ import annotations

import factory

from levelfield.people.models import Perspective, PerspectiveKind, User, Visibility

PASSWORD = "correct-horse-battery-staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    display_name = factory.Faker("first_name", locale="en_GB")
    perspectives_visibility = Visibility.MY_TEAMS
    # Hashed before the one INSERT (a password given to the factory is hashed too),
    # rather than saved a second time after it: the test world makes six people a test.
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def verified(self, create: bool, extracted: bool | None, **kwargs: object) -> None:
        """Give every test person a verified email address unless told otherwise."""
        if create and extracted is not False:
            from allauth.account.models import EmailAddress

            EmailAddress.objects.create(user=self, email=self.email, verified=True, primary=True)


class PerspectiveFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Perspective

    person = factory.SubFactory(UserFactory)
    kind = PerspectiveKind.LIVED_EXPERIENCE
