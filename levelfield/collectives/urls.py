from django.urls import path

from levelfield.collectives import views

app_name = "collectives"

urlpatterns: list = []
