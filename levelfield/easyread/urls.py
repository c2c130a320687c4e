"""Addresses under /easy-read/: an object's easy-read version, by its model's name in an
address ("payments-paymentpolicy") and its id."""

from __future__ import annotations

from django.urls import path

from levelfield.easyread import views

app_name = "easyread"

urlpatterns = [
    path("<slug:model>/<int:pk>/", views.easy_read_page, name="page"),
    path("<slug:model>/<int:pk>/edit/", views.easy_read_edit, name="edit"),
    path("<slug:model>/<int:pk>/delete/", views.easy_read_delete, name="delete"),
    path(
        "<slug:model>/<int:pk>/pictures/<int:point_pk>/",
        views.easy_read_picture,
        name="picture",
    ),
]
