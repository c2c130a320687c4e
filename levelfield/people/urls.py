from __future__ import annotations

from django.urls import path

from levelfield.people import views

app_name = "people"

urlpatterns = [
    path("", views.profile, name="profile"),
    path("edit/", views.profile_edit, name="profile_edit"),
]
