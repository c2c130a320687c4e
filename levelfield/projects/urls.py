from __future__ import annotations

from django.urls import path

from levelfield.invitations.urls import place_urls
from levelfield.projects import views

app_name = "projects"

urlpatterns = [
    path("", views.project_list, name="list"),
    path("new/", views.project_create, name="create"),
    path("<int:pk>/", views.project_detail, name="detail"),
    path("<int:pk>/edit/", views.project_edit, name="edit"),
    path("<int:pk>/history/", views.project_history, name="history"),
    path("<int:pk>/members/", views.project_members, name="members"),
    path(
        "<int:pk>/members/<int:membership_pk>/coordinator/",
        views.member_coordinator,
        name="coordinator",
    ),
    path("<int:pk>/leave/", views.project_leave, name="leave"),
    # Invitations (the pages are the invitations app's; join/<token>/ redirects).
    *place_urls("project", "<int:pk>"),
    path("<int:pk>/log/", views.involvement_log, name="log"),
    path("<int:pk>/log/new/", views.involvement_entry_add, name="log_add"),
    path("<int:pk>/log/<int:entry_pk>/", views.involvement_entry, name="log_entry"),
    path("<int:pk>/log/<int:entry_pk>/edit/", views.involvement_entry_edit, name="log_edit"),
]
