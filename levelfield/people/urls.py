from django.urls import path

from levelfield.people import views

app_name = "people"

urlpatterns: list = []
