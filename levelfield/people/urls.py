from __future__ import annotations

from django.urls import path

from levelfield.people import views

app_name = "people"

urlpatterns = [
    path("", views.profile, name="profile"),
    path("edit/", views.profile_edit, name="profile_edit"),
    path("people/<int:pk>/", views.person, name="person"),
    path("data/", views.my_data, name="my_data"),
    path("data/download/", views.my_data_download, name="my_data_download"),
    path("delete/", views.delete_account, name="delete_account"),
]
