from __future__ import annotations

from django.urls import path

from levelfield.partners import views

app_name = "partners"

ORG = "place/<int:place_pk>/<int:pk>/"

urlpatterns = [
    path("place/<int:place_pk>/", views.organisation_list, name="place_list"),
    path("place/<int:place_pk>/linked/", views.place_partners, name="place_linked"),
    path("place/<int:place_pk>/new/", views.organisation_create, name="place_create"),
    path(ORG, views.organisation_detail, name="organisation"),
    path(f"{ORG}edit/", views.organisation_edit, name="organisation_edit"),
    path(f"{ORG}delete/", views.organisation_delete, name="organisation_delete"),
    path(f"{ORG}contacts/new/", views.contact_add, name="contact_add"),
    path(f"{ORG}contacts/<int:contact_pk>/edit/", views.contact_edit, name="contact_edit"),
    path(f"{ORG}contacts/<int:contact_pk>/remove/", views.contact_remove, name="contact_remove"),
    path(f"{ORG}work/new/", views.work_add, name="work_add"),
    path(f"{ORG}work/<int:work_pk>/edit/", views.work_edit, name="work_edit"),
    path(f"{ORG}work/<int:work_pk>/delete/", views.work_remove, name="work_remove"),
]
