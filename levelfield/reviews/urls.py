from __future__ import annotations

from django.urls import path

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
    path("<slug:slug>/", views.group, name="group"),
    path("<slug:slug>/set-up/", views.group_set_up, name="set_up"),
    path("<slug:slug>/join/", views.group_join, name="join"),
    path("<slug:slug>/leave/", views.group_leave, name="leave"),
    path("<slug:slug>/ask/", views.request_new, name="ask"),
]
