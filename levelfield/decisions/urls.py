from __future__ import annotations

from django.urls import path

from levelfield.decisions import views
from levelfield.places.redirects import to_place

app_name = "decisions"

urlpatterns = [
    path("place/<int:place_pk>/", views.place_log, name="place_log"),
    path("place/<int:place_pk>/new/", views.place_create, name="place_create"),
    path("place/<int:place_pk>/decisions.csv", views.place_export_csv, name="place_export_csv"),
    # Old addresses (bookmarks, emails already sent) go to the place's.
    path("project/<int:project_pk>/", to_place("decisions:place_log"), name="project_log"),
    path(
        "project/<int:project_pk>/new/",
        to_place("decisions:place_create"),
        name="create_for_project",
    ),
    path(
        "project/<int:project_pk>/decisions.csv",
        to_place("decisions:place_export_csv"),
        name="export_csv",
    ),
    path("collective/<slug:slug>/", to_place("decisions:place_log"), name="collective_log"),
    path(
        "collective/<slug:slug>/new/",
        to_place("decisions:place_create"),
        name="create_for_collective",
    ),
    path(
        "collective/<slug:slug>/decisions.csv",
        to_place("decisions:place_export_csv"),
        name="export_csv",
    ),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/respond/", views.respond, name="respond"),
    path("<int:pk>/talk/", views.discussion, name="discussion"),
    path("<int:pk>/outcome/", views.outcome, name="outcome"),
    path("<int:pk>/close/", views.close_early, name="close_early"),
    path("<int:pk>/calendar.ics", views.ics, name="ics"),
    path("<int:pk>/people/", views.people, {"show": "responded"}, name="people"),
    path("<int:pk>/people/waiting/", views.people, {"show": "waiting"}, name="people_waiting"),
    path("<int:pk>/reasons/", views.people, {"show": "reasons"}, name="reasons"),
]
