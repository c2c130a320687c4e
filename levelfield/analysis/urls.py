from __future__ import annotations

from django.urls import path

from levelfield.analysis import views

app_name = "analysis"

urlpatterns = [
    path("place/<int:place_pk>/", views.home, name="home"),
    path("place/<int:place_pk>/join/", views.join, name="join"),
    path("place/<int:place_pk>/leave/", views.leave, name="leave"),
    path("place/<int:place_pk>/team/", views.team, name="team"),
    path("place/<int:place_pk>/team/<int:pk>/keeper/", views.keeper, name="keeper"),
    path("place/<int:place_pk>/settings/", views.settings_page, name="settings"),
    path("place/<int:place_pk>/words/", views.words, name="words"),
    path("place/<int:place_pk>/words/<int:pk>/remove/", views.word_remove, name="word_remove"),
    path("place/<int:place_pk>/sources/new/", views.source_upload, name="source_upload"),
    path("place/<int:place_pk>/codebook/", views.codebook, name="codebook"),
    path("place/<int:place_pk>/codebook/new/", views.code_create, name="code_create"),
    path("place/<int:place_pk>/themes/", views.themes, name="themes"),
    path("place/<int:place_pk>/themes/new/", views.theme_create, name="theme_create"),
    path("place/<int:place_pk>/codebook.<str:kind>", views.export_codebook, name="codebook_file"),
    path("place/<int:place_pk>/segments.<str:kind>", views.export_segments, name="segments_file"),
    path("place/<int:place_pk>/project.qdpx", views.export_qdpx, name="qdpx"),
    path("source/<int:pk>/", views.source, name="source"),
    path("source/<int:pk>/deidentify/", views.deidentify_page, name="deidentify"),
    path("source/<int:pk>/consent/", views.consent, name="consent"),
    path("source/<int:pk>/agreement/", views.agreement_page, name="agreement"),
    path("source/<int:pk>/original/", views.original, name="original"),
    path("source/<int:pk>/delete/", views.source_delete, name="source_delete"),
    path("code/<int:pk>/edit/", views.code_edit, name="code_edit"),
    path("code/<int:pk>/history/", views.code_history, name="code_history"),
    path("code/<int:pk>/quotes/", views.quotes, name="quotes"),
    path("code/<int:pk>/quotes.txt", views.quotes_file, name="quotes_file"),
    path("theme/<int:pk>/", views.theme, name="theme"),
    path("theme/<int:pk>/edit/", views.theme_edit, name="theme_edit"),
    path("segment/<int:pk>/remove/", views.segment_remove, name="segment_remove"),
]
