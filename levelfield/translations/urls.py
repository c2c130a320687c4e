"""Addresses under /translations/: an object's translations, by its model's name in an
address ("stories-story") and its id."""

from __future__ import annotations

from django.urls import path

from levelfield.translations import views

app_name = "translations"

urlpatterns = [
    path("<slug:model>/<int:pk>/", views.object_translations, name="object"),
    path("<slug:model>/<int:pk>/<str:language>/", views.translation_edit, name="edit"),
    path(
        "<slug:model>/<int:pk>/<str:language>/delete/",
        views.translation_delete,
        name="delete",
    ),
]
