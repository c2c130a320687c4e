from __future__ import annotations

from django.urls import path

from levelfield.threads import views

app_name = "threads"

urlpatterns = [
    path("place/<int:place_pk>/", views.thread_list, name="place_list"),
    path("place/<int:place_pk>/new/", views.thread_create, name="create"),
    path("place/<int:place_pk>/update/", views.update_create, name="update_create"),
    path("place/<int:place_pk>/<int:pk>/", views.detail, name="detail"),
    path("place/<int:place_pk>/<int:pk>/reply/", views.reply, name="reply"),
    path("place/<int:place_pk>/<int:pk>/read/", views.mark_read, name="read"),
    path("place/<int:place_pk>/<int:pk>/pin/", views.pin, name="pin"),
    path("place/<int:place_pk>/<int:pk>/close/", views.close, name="close"),
    path("place/<int:place_pk>/<int:pk>/decision/", views.make_decision, name="make_decision"),
    path("place/<int:place_pk>/<int:pk>/document/", views.make_document, name="make_document"),
    path("place/<int:place_pk>/<int:pk>/posts/<int:post_pk>/", views.post, name="post"),
    path("place/<int:place_pk>/<int:pk>/posts/<int:post_pk>/edit/", views.edit, name="edit"),
    path("place/<int:place_pk>/<int:pk>/posts/<int:post_pk>/remove/", views.remove, name="remove"),
    path(
        "place/<int:place_pk>/<int:pk>/posts/<int:post_pk>/history/",
        views.history,
        name="history",
    ),
    path("place/<int:place_pk>/<int:pk>/posts/<int:post_pk>/react/", views.react, name="react"),
]
