from __future__ import annotations

from django.urls import path

from levelfield.outputs import views

app_name = "outputs"

urlpatterns = [
    path("place/<int:place_pk>/", views.output_list, name="place_list"),
    path("place/<int:place_pk>/new/", views.output_create, name="place_create"),
    path("place/<int:place_pk>/outputs.json", views.place_csl_json, name="place_csl_json"),
    path("place/<int:place_pk>/outputs.bib", views.place_bibtex, name="place_bibtex"),
    path("orcid/", views.orcid, name="orcid"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/edit/", views.output_edit, name="edit"),
    path("<int:pk>/delete/", views.output_delete, name="delete"),
    path("<int:pk>/history/", views.history, name="history"),
    path("<int:pk>/output.json", views.csl_json, name="csl_json"),
    path("<int:pk>/output.bib", views.bibtex, name="bibtex"),
    path("<int:pk>/time/", views.time_record, name="time_record"),
    path("<int:pk>/contributors/new/", views.contributor_add, name="contributor_add"),
    path(
        "<int:pk>/contributors/<int:contributor_pk>/",
        views.contributor_edit,
        name="contributor_edit",
    ),
    path(
        "<int:pk>/contributors/<int:contributor_pk>/move/",
        views.contributor_move,
        name="contributor_move",
    ),
    path(
        "<int:pk>/contributors/<int:contributor_pk>/remove/",
        views.contributor_remove,
        name="contributor_remove",
    ),
]
