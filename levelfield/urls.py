from django.contrib import admin
from django.urls import include, path

from levelfield.people import views as people_views

urlpatterns = [
    path("", people_views.home, name="home"),
    path("accounts/", include("allauth.urls")),
    path("me/", include("levelfield.people.urls")),
    path("collectives/", include("levelfield.collectives.urls")),
    path("projects/", include("levelfield.projects.urls")),
    path("decisions/", include("levelfield.decisions.urls")),
    path("notifications/", include("levelfield.notifications.urls")),
    path("invitations/", include("levelfield.invitations.urls")),
    path("admin/", admin.site.urls),
]
