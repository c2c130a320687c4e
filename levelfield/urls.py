"""Every page's address. There is no Django admin: changes go through the pages and
their services, so each one is checked and written to the history; operators use
management commands (see README)."""

from __future__ import annotations

from django.urls import include, path

from levelfield.home import views as home_views
from levelfield.lib import views as lib_views
from levelfield.people import views as people_views

urlpatterns = [
    path("", home_views.home, name="home"),
    path("glossary/", home_views.glossary, name="glossary"),
    path("language/", people_views.language, name="language"),
    path("accounts/", include("allauth.urls")),
    path("me/", include("levelfield.people.urls")),
    path("me/", include("levelfield.home.urls")),
    path("collectives/", include("levelfield.collectives.urls")),
    path("projects/", include("levelfield.projects.urls")),
    path("places/", include("levelfield.places.urls")),
    path("decisions/", include("levelfield.decisions.urls")),
    path("notifications/", include("levelfield.notifications.urls")),
    path("invitations/", include("levelfield.invitations.urls")),
    path("conversations/", include("levelfield.deliberation.urls")),
    path("checkins/", include("levelfield.reflection.urls")),
    path("payments/", include("levelfield.payments.urls")),
    path("resources/", include("levelfield.resources.urls")),
    path("learning/", include("levelfield.learning.urls")),  # learning
    path("reviews/", include("levelfield.reviews.urls")),  # reviews
    # documents
    path("documents/", include("levelfield.documents.urls")),
    path("events/", include("levelfield.events.urls")),
    path("priorities/", include("levelfield.priorities.urls")),  # priorities
    path("c/", include("levelfield.stories.urls")),  # stories: public pages and stories
    path("reports/", include("levelfield.reports.urls")),  # reports
    path("outputs/", include("levelfield.outputs.urls")),  # outputs
    path("impact/", include("levelfield.impact.urls")),  # impact
    path("analysis/", include("levelfield.analysis.urls")),  # analysis
    path("tasks/", include("levelfield.tasks.urls")),  # tasks
    path("translations/", include("levelfield.translations.urls")),  # translations
    path("easy-read/", include("levelfield.easyread.urls")),  # easyread
    path("opportunities/", include("levelfield.opportunities.urls")),  # opportunities
    path("partners/", include("levelfield.partners.urls")),  # partners
    path("health/", lib_views.health, name="health"),  # bench
    path("threads/", include("levelfield.threads.urls")),  # threads
    path("jobs/", include("levelfield.jobs.urls")),  # jobs
]
