from __future__ import annotations

from django.urls import path

from levelfield.events import views

app_name = "events"

urlpatterns = [
    path("", views.event_list, name="list"),
    path("new/", views.event_create, name="create"),
    path("place/<int:place_pk>/", views.place_events, name="place_list"),
    path("calendar/", views.calendar_page, name="calendar"),
    path("calendar/reset/", views.calendar_reset, name="calendar_reset"),
    path("calendar/<str:token>.ics", views.calendar_feed, name="feed"),
    path("from-decision/<int:pk>/", views.from_decision, name="from_decision"),
    path("<int:pk>/", views.event_detail, name="detail"),
    path("<int:pk>/edit/", views.event_edit, name="edit"),
    path("<int:pk>/cancel/", views.event_cancel, name="cancel"),
    path("<int:pk>/register/", views.event_register, name="register"),
    path("<int:pk>/leave/", views.registration_cancel, name="leave"),
    path("<int:pk>/calendar.ics", views.event_ics, name="ics"),
    path("<int:pk>/people/", views.event_people, name="people"),
    path("<int:pk>/agenda/", views.agenda, name="agenda"),
    path("<int:pk>/agenda/arrange/", views.agenda_arrange, name="arrange"),
    path("<int:pk>/agenda/<int:item_pk>/support/", views.agenda_support, name="support"),
    path("<int:pk>/attendance/", views.attendance, name="attendance"),
    path("<int:pk>/attendance/i-came/", views.attendance_confirm, name="i_came"),
    path("<int:pk>/notes/", views.notes, name="notes"),
    path("<int:pk>/feedback/", views.feedback, name="feedback"),
    path("<int:pk>/materials/", views.materials, name="materials"),
    path("<int:pk>/materials/<int:material_pk>/", views.material_file, name="material"),
    path(
        "<int:pk>/materials/<int:material_pk>/remove/",
        views.material_remove,
        name="material_remove",
    ),
    path("<int:pk>/walk-ins/", views.walk_ins, name="walk_ins"),
    path(
        "<int:pk>/walk-ins/<int:walk_in_pk>/remove/",
        views.walk_in_remove,
        name="walk_in_remove",
    ),
    path("<int:pk>/minutes/", views.minutes, name="minutes"),
    path("<int:pk>/minutes/write/", views.minutes_write, name="minutes_write"),
    path("<int:pk>/minutes/agree/", views.minutes_agree, name="minutes_agree"),
    path("<int:pk>/breakouts/", views.breakouts, name="breakouts"),
    # No log-in: the public page of an "anyone with the link" event, and a guest's place.
    path("e/<str:code>/", views.public_page, name="public"),
    path("e/<str:code>/calendar.ics", views.public_ics, name="public_ics"),
    path("guest/<str:token>/", views.guest, name="guest"),
    path("guest/<str:token>/cancel/", views.guest_cancel, name="guest_cancel"),
    path("guest/<str:token>/calendar.ics", views.guest_ics, name="guest_ics"),
]
