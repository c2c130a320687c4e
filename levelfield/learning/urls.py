from __future__ import annotations

from django.urls import path

from levelfield.learning import views

app_name = "learning"
COURSE = "<slug:slug>/<int:pk>/"
urlpatterns = [
    path("<slug:slug>/", views.course_list, name="courses"),
    path("<slug:slug>/new/", views.course_create, name="course_create"),
    path(COURSE, views.course_detail, name="course"),
    path(COURSE + "edit/", views.course_edit, name="course_edit"),
    path(COURSE + "enrol/", views.course_enrol, name="enrol"),
    path(COURSE + "certificate.pdf", views.certificate, name="certificate"),
    path(COURSE + "progress/", views.course_progress, name="progress"),
    path(COURSE + "modules/new/", views.module_edit, name="module_create"),
    path(COURSE + "modules/<int:module_pk>/edit/", views.module_edit, name="module_edit"),
    path(COURSE + "modules/<int:module_pk>/pages/new/", views.page_edit, name="page_create"),
    path(COURSE + "modules/<int:module_pk>/reflection/", views.reflection, name="reflection"),
    path(COURSE + "pages/<int:page_pk>/", views.page_detail, name="page"),
    path(COURSE + "pages/<int:page_pk>/edit/", views.page_edit, name="page_edit"),
    path(COURSE + "pages/<int:page_pk>/done/", views.page_done, name="page_done"),
    path(COURSE + "circles/new/", views.circle_create, name="circle_create"),
    path(COURSE + "circles/<int:circle_pk>/", views.circle_detail, name="circle"),
    path(COURSE + "circles/<int:circle_pk>/join/", views.circle_join, name="circle_join"),
    path(
        COURSE + "circles/<int:circle_pk>/sessions/new/",
        views.circle_session_create,
        name="session_create",
    ),
    path(
        COURSE + "circles/<int:circle_pk>/sessions/<int:session_pk>/reflect/",
        views.circle_post,
        name="circle_post",
    ),
    path(
        COURSE + "circles/<int:circle_pk>/sessions/<int:session_pk>/themes/",
        views.circle_themes,
        name="themes",
    ),
]
COHORT = COURSE + "cohorts/<int:cohort_pk>/"
ASSIGNMENT = COHORT + "assignments/<int:assignment_pk>/"
urlpatterns += [
    path(COURSE + "cohorts/new/", views.cohort_create, name="cohort_create"),
    path(COHORT, views.cohort_detail, name="cohort"),
    path(COHORT + "join/", views.cohort_join, name="cohort_join"),
    path(COHORT + "leave/", views.cohort_leave, name="cohort_leave"),
    path(COHORT + "assignments/new/", views.assignment_create, name="assignment_create"),
    path(ASSIGNMENT, views.assignment_detail, name="assignment"),
    path(ASSIGNMENT + "hand-in/", views.hand_in, name="hand_in"),
    path(
        ASSIGNMENT + "hand-ins/<int:hand_in_pk>/", views.hand_in_feedback, name="hand_in_feedback"
    ),
    path(ASSIGNMENT + "hand-ins/<int:hand_in_pk>/file", views.hand_in_file, name="hand_in_file"),
    path(COHORT + "evaluation/", views.evaluation, name="evaluation"),
    path(COHORT + "evaluation/results/", views.evaluation_results, name="evaluation_results"),
]
