from __future__ import annotations

from django.urls import path

from levelfield.impact import views

app_name = "impact"

urlpatterns = [
    path("place/<int:place_pk>/", views.impact_list, name="place_list"),
    path("place/<int:place_pk>/new/", views.impact_create, name="place_create"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/edit/", views.impact_edit, name="edit"),
    path("<int:pk>/links/", views.links, name="links"),
    path("<int:pk>/publish/", views.publish, name="publish"),
    path("<int:pk>/unpublish/", views.unpublish, name="unpublish"),
    path("<int:pk>/delete/", views.impact_delete, name="delete"),
    path("<int:pk>/history/", views.history, name="history"),
    path("<int:pk>/evidence/", views.evidence_file, name="evidence_file"),
]
