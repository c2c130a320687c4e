from django.urls import path

from levelfield.projects import views

app_name = "projects"

urlpatterns: list = []
