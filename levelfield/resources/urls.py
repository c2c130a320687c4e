from __future__ import annotations

from django.urls import path

from levelfield.resources import views

app_name = "resources"
urlpatterns = [
    path("<slug:slug>/", views.resource_map, name="map"),
    path("<slug:slug>/list/", views.resource_list, name="list"),
    path("<slug:slug>/suggest/", views.resource_suggest, name="suggest"),
    path("<slug:slug>/suggestions/", views.resource_suggestions, name="suggestions"),
    path("<slug:slug>/starter-set/", views.resource_map_start, name="start"),
    path("<slug:slug>/<int:pk>/", views.resource_detail, name="detail"),
    path("<slug:slug>/<int:pk>/file/", views.resource_file, name="file"),
    path("<slug:slug>/<int:pk>/accept/", views.resource_accept, name="accept"),
    path("<slug:slug>/<int:pk>/decline/", views.resource_decline, name="decline"),
]
