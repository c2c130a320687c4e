from __future__ import annotations

from django.urls import path

from levelfield.priorities import views

app_name = "priorities"
urlpatterns = [
    # Public pages, reached by the partnership's survey link (no account needed)
    path("take-part/<str:token>/", views.public, name="public"),
    path("take-part/<str:token>/survey/", views.survey, name="survey"),
    path("take-part/<str:token>/interim/", views.interim, name="interim"),
    path("take-part/<str:token>/thanks/", views.thanks, name="thanks"),
    # The team's pages
    path("in/<slug:slug>/", views.index, name="index"),
    path("in/<slug:slug>/new/", views.partnership_new, name="new"),
    path("in/<slug:slug>/ideas/", views.ideas, name="ideas"),
    path("<int:pk>/", views.partnership, name="partnership"),
    path("<int:pk>/edit/", views.partnership_edit, name="edit"),
    path("<int:pk>/stage/", views.partnership_stage, name="stage"),
    path("<int:pk>/steering/", views.steering_add, name="steering_add"),
    path(
        "<int:pk>/steering/<int:member_pk>/remove/",
        views.steering_remove,
        name="steering_remove",
    ),
    path("<int:pk>/submissions/", views.submissions, name="submissions"),
    path("<int:pk>/submissions/group/", views.summary_new, name="summary_new"),
    path(
        "<int:pk>/submissions/<int:question_pk>/ungroup/",
        views.question_ungroup,
        name="ungroup",
    ),
    path(
        "<int:pk>/submissions/<int:question_pk>/set-aside/",
        views.question_set_aside,
        name="set_aside",
    ),
    path(
        "<int:pk>/submissions/<int:question_pk>/restore/",
        views.question_restore,
        name="restore",
    ),
    path("<int:pk>/suggestions/", views.suggestions, name="suggestions"),
    path("<int:pk>/suggestions/find/", views.suggestions_find, name="suggestions_find"),
    path("<int:pk>/suggestions/<int:pair_pk>/", views.pair_answer, name="pair_answer"),
    path("<int:pk>/long-list/", views.long_list, name="long_list"),
    path("<int:pk>/long-list/<int:summary_pk>/", views.summary, name="summary"),
    path("<int:pk>/interim-results/", views.interim_results, name="interim_results"),
    path("<int:pk>/shortlist/", views.shortlist_make, name="shortlist"),
    path("<int:pk>/workshop/", views.workshop, name="workshop"),
    path("<int:pk>/workshop/groups/", views.workshop_group_add, name="group_add"),
    path("<int:pk>/workshop/groups/<int:group_pk>/", views.group_ranking, name="group_ranking"),
    path("<int:pk>/workshop/publish/", views.publish, name="publish"),
    path("<int:pk>/report/", views.report, name="report"),
    path("ideas/<int:pk>/", views.idea, name="idea"),
    path("ideas/<int:pk>/co-own/", views.idea_co_own, name="idea_co_own"),
    path("ideas/<int:pk>/project/", views.idea_project, name="idea_project"),
]
