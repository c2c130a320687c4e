from __future__ import annotations

from django.urls import path

from levelfield.deliberation import views

app_name = "deliberation"

urlpatterns = [
    path("project/<int:project_pk>/", views.conversation_list, name="project_list"),
    path("project/<int:project_pk>/new/", views.conversation_create, name="create_for_project"),
    path("collective/<slug:slug>/", views.conversation_list, name="collective_list"),
    path("collective/<slug:slug>/new/", views.conversation_create, name="create_for_collective"),
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
