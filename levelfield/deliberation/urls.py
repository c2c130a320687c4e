from __future__ import annotations

from django.urls import path

from levelfield.deliberation import views
from levelfield.places.redirects import to_place

app_name = "deliberation"

urlpatterns = [
    path("place/<int:place_pk>/", views.place_list, name="place_list"),
    path("place/<int:place_pk>/new/", views.place_create, name="place_create"),
    # Old addresses (bookmarks, links already shared) go to the place's.
    path("project/<int:project_pk>/", to_place("deliberation:place_list"), name="project_list"),
    path(
        "project/<int:project_pk>/new/",
        to_place("deliberation:place_create"),
        name="create_for_project",
    ),
    path("collective/<slug:slug>/", to_place("deliberation:place_list"), name="collective_list"),
    path(
        "collective/<slug:slug>/new/",
        to_place("deliberation:place_create"),
        name="create_for_collective",
    ),
    path("join/<str:token>/", views.join, name="join"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/react/", views.react, name="react"),
    path("<int:pk>/add/", views.add_statement, name="add"),
    path("<int:pk>/report/", views.report, name="report"),
    path("<int:pk>/moderate/", views.moderate, name="moderate"),
    path("<int:pk>/import/", views.import_polis, name="import"),
    path("<int:pk>/votes.csv", views.export_votes, name="export_votes"),
    path("<int:pk>/comments.csv", views.export_comments, name="export_comments"),
    path("<int:pk>/draft/", views.draft, name="draft"),
    path("<int:pk>/draft/decide/", views.decide, name="decide"),
]
