from __future__ import annotations

from django.urls import path

from levelfield.collectives import views
from levelfield.invitations.urls import place_urls
from levelfield.places.redirects import to_place

app_name = "collectives"

urlpatterns = [
    path("", views.collective_list, name="list"),
    path("new/", views.collective_create, name="create"),
    # The directory: public; asking to join needs an account.
    path("directory/", views.directory, name="directory"),
    path("directory/<slug:slug>/ask-to-join/", views.join_request_create, name="ask_to_join"),
    path("<slug:slug>/", views.collective_detail, name="detail"),
    path("<slug:slug>/settings/", views.collective_settings, name="settings"),
    path("<slug:slug>/history/", views.collective_history, name="history"),
    path("<slug:slug>/leave/", views.collective_leave, name="leave"),
    # Members and the coordinator job moved to the collective's place (places/members.py).
    path("<slug:slug>/members/", to_place("places:members"), name="members"),
    path("<slug:slug>/join-requests/", views.join_request_list, name="join_requests"),
    path(
        "<slug:slug>/join-requests/<int:request_pk>/accept/",
        views.join_request_accept,
        name="join_request_accept",
    ),
    path(
        "<slug:slug>/join-requests/<int:request_pk>/decline/",
        views.join_request_decline,
        name="join_request_decline",
    ),
    # Invitations (the pages are the invitations app's; join/<token>/ redirects).
    *place_urls("collective", "<slug:slug>"),
]
