from django.apps import AppConfig


class PeriodicConfig(AppConfig):
    name = "levelfield.periodic"
    verbose_name = "Periodic work"
