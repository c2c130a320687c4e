from __future__ import annotations

from django.urls import path

from levelfield.decisions import views

app_name = "decisions"

urlpatterns = [
    path("project/<int:project_pk>/", views.project_log, name="project_log"),
    path("project/<int:project_pk>/new/", views.create, name="create_for_project"),
    path("project/<int:project_pk>/decisions.csv", views.export_csv, name="export_csv"),
    path("collective/<slug:slug>/", views.collective_log, name="collective_log"),
    path("collective/<slug:slug>/new/", views.create, name="create_for_collective"),
    path("collective/<slug:slug>/decisions.csv", views.export_csv, name="export_csv"),
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
