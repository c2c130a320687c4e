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
    # Members and the coordinator job moved to the project's place (places/members.py).
    path("<int:pk>/members/", views.members_moved, name="members"),
    path("<int:pk>/ask-to-join/", views.join_request, name="join_request"),
    path(
        "<int:pk>/join-requests/<int:request_pk>/accept/",
        views.join_request_accept,
        name="join_request_accept",
    ),
    path(
        "<int:pk>/join-requests/<int:request_pk>/decline/",
        views.join_request_decline,
        name="join_request_decline",
    ),
    path("<int:pk>/leave/", views.project_leave, name="leave"),
    # Invitations (the pages are the invitations app's; join/<token>/ redirects).
    *place_urls("project", "<int:pk>"),
]
