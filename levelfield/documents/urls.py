from __future__ import annotations

from django.urls import path

from levelfield.documents import views
from levelfield.places.redirects import to_place

app_name = "documents"

urlpatterns = [
    path("place/<int:place_pk>/", views.document_list, name="place_list"),
    path("place/<int:place_pk>/new/", views.document_create, name="place_create"),
    # The addresses before documents moved to places: permanent redirects, so bookmarks
    # and links in emails already sent still arrive.
    path("project/<int:project_pk>/", to_place("documents:place_list"), name="project_list"),
    path(
        "project/<int:project_pk>/new/",
        to_place("documents:place_create"),
        name="create_for_project",
    ),
    path("collective/<slug:slug>/", to_place("documents:place_list"), name="collective_list"),
    path(
        "collective/<slug:slug>/new/",
        to_place("documents:place_create"),
        name="create_for_collective",
    ),
    path("join/<str:token>/", views.join, name="join"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/paragraphs/<int:paragraph_pk>/", views.paragraph, name="paragraph"),
    path("<int:pk>/paragraphs/<int:paragraph_pk>/comment/", views.comment, name="comment"),
    path("<int:pk>/paragraphs/<int:paragraph_pk>/amend/", views.amend, name="amend"),
    path("<int:pk>/comments/<int:comment_pk>/support/", views.support, name="support"),
    path("<int:pk>/comments/<int:comment_pk>/report/", views.report, name="report"),
    path("<int:pk>/moderate/", views.moderate, name="moderate"),
    path("<int:pk>/amendments/<int:amendment_pk>/", views.amendment, name="amendment"),
    path("<int:pk>/answers/", views.answers, name="answers"),
    path("<int:pk>/pen/", views.pen, name="pen"),
    path("<int:pk>/publish/", views.publish, name="publish"),
    path("<int:pk>/versions/", views.versions, name="versions"),
    path("<int:pk>/compare/", views.compare, name="compare"),
    path("<int:pk>/adopt/", views.adopt, name="adopt"),
    path("<int:pk>/export.html", views.export_html, name="export_html"),
    path("<int:pk>/export.pdf", views.export_pdf, name="export_pdf"),
    path("<int:pk>/export.csv", views.export_csv, name="export_csv"),
]
