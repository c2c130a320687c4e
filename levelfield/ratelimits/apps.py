from django.apps import AppConfig
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


class RateLimitsConfig(AppConfig):
    name = "levelfield.ratelimits"
    verbose_name = "Rate limits"

    def ready(self) -> None:
        """A mistyped rule stops the app starting, not the first person it limits."""
        from levelfield.ratelimits import Limit

        for rule, sentences in settings.RATE_LIMITS.items():
            for sentence in sentences:
                try:
                    Limit.parse(sentence)
                except ValueError as error:
                    raise ImproperlyConfigured(f"RATE_LIMITS[{rule!r}]: {error}") from None
