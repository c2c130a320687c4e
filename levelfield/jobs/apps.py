from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "levelfield.jobs"
    verbose_name = "Work done in the background for a person"
