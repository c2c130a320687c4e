from django.apps import AppConfig


class CollectivesConfig(AppConfig):
    name = "levelfield.collectives"
