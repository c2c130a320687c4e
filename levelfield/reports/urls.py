from __future__ import annotations

from django.urls import path

from levelfield.reports import views

app_name = "reports"

urlpatterns = [
    path("project/<int:pk>/", views.project_list, name="project_list"),
    path("project/<int:pk>/new/", views.start_for_project, name="start_for_project"),
    path("collective/<slug:slug>/", views.collective_list, name="collective_list"),
    path("collective/<slug:slug>/new/", views.start_for_collective, name="start_for_collective"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/regenerate/", views.regenerate, name="regenerate"),
    path("<int:pk>/sections/<slug:section>/", views.section_edit, name="section"),
    path("<int:pk>/versions/", views.versions, name="versions"),
    path("<int:pk>/versions/<int:number>/", views.version, name="version"),
    path("<int:pk>/sign-off/", views.signoff, name="signoff"),
    path("<int:pk>/publish/", views.publish, name="publish"),
    path("<int:pk>/unpublish/", views.unpublish, name="unpublish"),
    path("<int:pk>/report.html", views.export_html, name="export_html"),
    path("<int:pk>/report.pdf", views.export_pdf, name="export_pdf"),
    path("<int:pk>/report.doc", views.export_word, name="export_word"),
    path("public/<int:pk>/", views.public, name="public"),
]
