from __future__ import annotations

from django.urls import path

from levelfield.home import views

app_name = "home"

# Under /me/ beside the people app's own pages (levelfield/urls.py).
urlpatterns = [
    path("people/<int:pk>/", views.person, name="person"),
    path("data/", views.my_data, name="my_data"),
    path("data/download/", views.my_data_download, name="my_data_download"),
    path("delete/", views.delete_account, name="delete_account"),
]
