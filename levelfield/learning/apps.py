from django.apps import AppConfig


class LearningConfig(AppConfig):
    name = "levelfield.learning"
