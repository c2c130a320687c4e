from django.apps import AppConfig


class HistoryConfig(AppConfig):
    name = "levelfield.history"
    verbose_name = "History of changes"
