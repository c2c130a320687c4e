from django.apps import AppConfig


class RateLimitsConfig(AppConfig):
    name = "levelfield.ratelimits"
    verbose_name = "Rate limits"
