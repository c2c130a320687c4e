from django.apps import AppConfig


class PrioritiesConfig(AppConfig):
    name = "levelfield.priorities"
    verbose_name = "Research priorities"
