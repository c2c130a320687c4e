"""Addresses under /c/<collective>/: the public pages first (no log-in), then the
members' writing desk under /c/<collective>/desk/."""

from __future__ import annotations

from django.urls import path

from levelfield.stories import views

app_name = "stories"

urlpatterns = [
    # Public: anyone, no log-in.
    path("<slug:slug>/", views.home, name="home"),
    path("<slug:slug>/about-co-production/", views.about, name="about"),
    path("<slug:slug>/stories/", views.story_list, name="list"),
    path("<slug:slug>/stories/feed/", views.feed, name="feed"),
    path("<slug:slug>/stories/topics/<slug:tag_slug>/", views.story_list, name="topic"),
    path("<slug:slug>/stories/<slug:story_slug>/", views.story_detail, name="story"),
    path("<slug:slug>/stories/<slug:story_slug>/comment/", views.comment_create, name="comment"),
    path(
        "<slug:slug>/stories/<slug:story_slug>/comments/<int:comment_pk>/report/",
        views.comment_report,
        name="report",
    ),
    path("<slug:slug>/pictures/<int:pk>/", views.image, name="image"),
    path("<slug:slug>/get-involved/", views.get_involved, name="get_involved"),
    path("<slug:slug>/get-involved/thank-you/", views.thanks, name="thanks"),
    # Members: the writing desk.
    path("<slug:slug>/desk/", views.desk, name="desk"),
    path("<slug:slug>/desk/new/", views.story_new, name="new"),
    path("<slug:slug>/desk/<int:pk>/", views.story_preview, name="preview"),
    path("<slug:slug>/desk/<int:pk>/edit/", views.story_edit, name="edit"),
    path("<slug:slug>/desk/<int:pk>/pictures/", views.story_images, name="images"),
    path(
        "<slug:slug>/desk/<int:pk>/pictures/<int:image_pk>/remove/",
        views.image_remove,
        name="image_remove",
    ),
    path("<slug:slug>/desk/<int:pk>/ready/", views.story_submit, name="submit"),
    path("<slug:slug>/desk/<int:pk>/delete/", views.story_delete, name="delete"),
    path("<slug:slug>/desk/<int:pk>/publish/", views.story_publish, name="publish"),
    path("<slug:slug>/desk/<int:pk>/take-down/", views.story_withdraw, name="withdraw"),
    path("<slug:slug>/desk/comments/", views.moderation, name="moderation"),
    path(
        "<slug:slug>/desk/comments/<int:comment_pk>/",
        views.comment_moderate,
        name="moderate",
    ),
    path("<slug:slug>/desk/get-involved/", views.interest_list, name="interest_list"),
    path("<slug:slug>/desk/get-involved/<int:pk>/", views.interest_detail, name="interest"),
    path(
        "<slug:slug>/desk/get-involved/<int:pk>/delete/",
        views.interest_delete,
        name="interest_delete",
    ),
    path("<slug:slug>/desk/public-page/", views.public_settings, name="settings"),
]
