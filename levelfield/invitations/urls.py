"""The join page (/invitations/<token>/) and, in `place_urls`, the invite, list and
withdraw pages that collectives and projects each mount under their own address."""

from __future__ import annotations

from django.urls import URLPattern, path

from levelfield.invitations import views

app_name = "invitations"

urlpatterns = [
    path("yours/<int:pk>/", views.join_yours, name="join_yours"),
    path("yours/<int:pk>/accept/", views.accept_yours, name="accept_yours"),
    path("yours/<int:pk>/decline/", views.decline_yours, name="decline_yours"),
    path("<str:token>/", views.join, name="join"),
    path("<str:token>/accept/", views.accept, name="accept"),
    path("<str:token>/decline/", views.decline, name="decline"),
]


def place_urls(place: str, key: str) -> list[URLPattern]:
    """The invitation pages of a collective or project, named in that app's namespace
    (collectives:invite, projects:invitations...). `key` is the place's part of the
    address: "<slug:slug>" or "<int:pk>". Also the join address that emails sent before
    invitations had their own app link to, now a redirect."""
    place_kwarg = {"place": place}
    return [
        path("join/<str:token>/", views.old_join_address, name="invitation"),
        path(f"{key}/invite/", views.invite, place_kwarg, name="invite"),
        path(f"{key}/invitations/", views.invitation_list, place_kwarg, name="invitations"),
        path(
            f"{key}/invitations/<int:invitation_pk>/withdraw/",
            views.invitation_withdraw,
            place_kwarg,
            name="invitation_withdraw",
        ),
    ]
