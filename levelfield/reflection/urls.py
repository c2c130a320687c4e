from __future__ import annotations

from django.urls import path

from levelfield.reflection import views

app_name = "reflection"

urlpatterns = [
    path("project/<int:project_pk>/", views.project_rounds, name="project_rounds"),
    path("project/<int:project_pk>/new/", views.project_round_create, name="create_for_project"),
    path("project/<int:project_pk>/evidence/", views.evidence, name="evidence"),
    path("collective/<slug:slug>/", views.collective_rounds, name="collective_rounds"),
    path(
        "collective/<slug:slug>/new/", views.collective_round_create, name="create_for_collective"
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
