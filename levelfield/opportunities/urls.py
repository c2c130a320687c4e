from __future__ import annotations

from django.urls import path

from levelfield.opportunities import views

app_name = "opportunities"

urlpatterns = [
    # The public board: no log-in.
    path("", views.board, name="board"),
    path("feed.atom", views.feed, name="feed"),
    path("feed.txt", views.feed_text, name="feed_text"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/interest/", views.interest, name="interest"),
    path("<int:pk>/interest/sent/", views.interest_sent, name="interest_sent"),
    # A person's choices of what to hear about.
    path("choices/", views.preferences, name="preferences"),
    # A place's opportunities.
    path("place/<int:place_pk>/", views.place_list, name="place_list"),
    path("place/<int:place_pk>/new/", views.create, name="create"),
    path("place/<int:place_pk>/checks/", views.checks, name="checks"),
    path("<int:pk>/manage/", views.manage, name="manage"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/submit/", views.submit, name="submit"),
    path("<int:pk>/check/", views.check, name="check"),
    path("<int:pk>/publish/", views.publish, name="publish"),
    path("<int:pk>/close/", views.close, name="close"),
    path("<int:pk>/interests/", views.interests, name="interests"),
    path("<int:pk>/selection/", views.selection, name="selection"),
    path("<int:pk>/selection/finish/", views.selection_finish, name="selection_finish"),
    path("<int:pk>/reach/", views.reach_figures, name="reach"),
    # Answers from people's emails after a selection: signed links, no account needed.
    path("kept/<str:token>/", views.keep_in_mind, name="keep_in_mind"),
    path("took-part/<str:token>/", views.took_part, name="took_part"),
]
