from __future__ import annotations

from django.urls import path

from levelfield.places.redirects import to_place
from levelfield.reflection import views

app_name = "reflection"

urlpatterns = [
    path("place/<int:place_pk>/", views.rounds, name="place_rounds"),
    path("place/<int:place_pk>/new/", views.round_create, name="place_create"),
    path("place/<int:place_pk>/evidence/", views.evidence, name="place_evidence"),
    # Old addresses (bookmarks, emails already sent) answer with a permanent redirect.
    path("project/<int:project_pk>/", to_place("reflection:place_rounds"), name="project_rounds"),
    path(
        "project/<int:project_pk>/new/",
        to_place("reflection:place_create"),
        name="create_for_project",
    ),
    path(
        "project/<int:project_pk>/evidence/",
        to_place("reflection:place_evidence"),
        name="evidence",
    ),
    path("collective/<slug:slug>/", to_place("reflection:place_rounds"), name="collective_rounds"),
    path(
        "collective/<slug:slug>/new/",
        to_place("reflection:place_create"),
        name="create_for_collective",
    ),
    path("collective/<slug:slug>/questions/", views.question_sets, name="question_sets"),
    path(
        "collective/<slug:slug>/questions/<int:set_pk>/add/",
        views.question_add,
        name="question_add",
    ),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/answer/", views.answer, name="answer"),
    path("<int:pk>/actions/", views.action_add, name="action_add"),
]
