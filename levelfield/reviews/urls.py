from __future__ import annotations

from django.urls import path

from levelfield.places.redirects import to_place
from levelfield.reviews import views

app_name = "reviews"

urlpatterns = [
    path("mine/", views.my_requests, name="mine"),
    path("requests/<int:pk>/", views.request_detail, name="request"),
    path("requests/<int:pk>/documents/<int:document_pk>/", views.document, name="document"),
    path("requests/<int:pk>/withdraw/", views.request_withdraw, name="withdraw"),
    path("requests/<int:pk>/report-back/", views.report_back, name="report_back"),
    path("requests/<int:pk>/sign-up/", views.sign_up, name="sign_up"),
    path("requests/<int:pk>/step-back/", views.step_back, name="step_back"),
    path("requests/<int:pk>/review/", views.review, name="review"),
    path("requests/<int:pk>/lead/", views.lead, name="lead"),
    path("requests/<int:pk>/response/", views.response_edit, name="response"),
    path("requests/<int:pk>/response/comment/", views.response_comment, name="comment"),
    path("requests/<int:pk>/response/agree/", views.response_agree, name="agree"),
    path("requests/<int:pk>/response/send/", views.response_send, name="send"),
    path("requests/<int:pk>/impact/", views.impact, name="impact"),
    path("place/<int:place_pk>/", views.place_reviews, name="place"),
    path("place/<int:place_pk>/set-up/", views.group_set_up, name="place_set_up"),
    path("place/<int:place_pk>/leave/", views.group_leave, name="leave"),
    # The request form researchers are given: its address stays the collective's.
    path("<slug:slug>/ask/", views.request_new, name="ask"),
    # Old addresses (before the group became a place) send people to the new ones.
    path("<slug:slug>/", to_place("reviews:place"), name="group"),
    path("<slug:slug>/set-up/", to_place("reviews:place_set_up"), name="set_up"),
]
