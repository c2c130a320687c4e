from django.apps import AppConfig


class SealingConfig(AppConfig):
    name = "levelfield.sealing"
    verbose_name = "Sealed answers"
