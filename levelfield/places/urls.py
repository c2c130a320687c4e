from django.urls import path

from levelfield.places import members, views

app_name = "places"

urlpatterns = [
    path("new-group/<slug:slug>/", views.group_create, name="group_create"),
    path("<int:pk>/", views.group_detail, name="group"),
    path("<int:pk>/join/", views.group_join, name="group_join"),
    path("<int:pk>/leave/", views.group_leave, name="group_leave"),
    path("<int:pk>/log/", views.involvement_log, name="log"),
    path("<int:pk>/log/new/", views.involvement_entry_add, name="log_add"),
    path("<int:pk>/log/new/choose/", views.involvement_choose, name="log_choose"),
    path("<int:pk>/log/new/details/", views.involvement_details, name="log_details"),
    path("<int:pk>/log/<int:entry_pk>/", views.involvement_entry, name="log_entry"),
    path("<int:pk>/log/<int:entry_pk>/edit/", views.involvement_entry_edit, name="log_edit"),
    # Everyone in a place and the coordinator job (members.py), for every kind of place.
    path("<int:place_pk>/members/", members.member_list, name="members"),
    path(
        "<int:place_pk>/members/<int:membership_pk>/ask-to-coordinate/",
        members.coordinator_ask,
        name="coordinator_ask",
    ),
    path(
        "<int:place_pk>/coordinator/accept/", members.coordinator_accept, name="coordinator_accept"
    ),
    path(
        "<int:place_pk>/coordinator/decline/",
        members.coordinator_decline,
        name="coordinator_decline",
    ),
    path(
        "<int:place_pk>/coordinator/step-down/",
        members.coordinator_step_down,
        name="coordinator_step_down",
    ),
]
