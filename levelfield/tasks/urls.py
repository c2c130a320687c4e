from __future__ import annotations

from django.urls import path

from levelfield.tasks import views

app_name = "tasks"

urlpatterns = [
    path("place/<int:place_pk>/", views.task_list, name="place_list"),
    path("place/<int:place_pk>/new/", views.task_create, name="place_create"),
    path("place/<int:place_pk>/<int:pk>/", views.task_detail, name="detail"),
    path("place/<int:place_pk>/<int:pk>/edit/", views.task_edit, name="edit"),
    path("place/<int:place_pk>/<int:pk>/take/", views.task_take, name="take"),
    path("place/<int:place_pk>/<int:pk>/done/", views.task_done, name="done"),
    path("place/<int:place_pk>/<int:pk>/drop/", views.task_drop, name="drop"),
    path("place/<int:place_pk>/<int:pk>/reopen/", views.task_reopen, name="reopen"),
    path("place/<int:place_pk>/<int:pk>/delete/", views.task_delete, name="delete"),
]
