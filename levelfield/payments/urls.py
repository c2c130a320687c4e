from __future__ import annotations

from django.urls import path

from levelfield.payments import views

app_name = "payments"

urlpatterns = [
    path("", views.home, name="home"),
    path("yearly-amount/", views.yearly_limit, name="yearly_limit"),
    path("recognition.pdf", views.recognition, name="recognition"),
    path("claims/<int:pk>/", views.claim_detail, name="claim"),
    path("claims/<int:pk>/expenses/", views.expense_add, name="expense_add"),
    path(
        "claims/<int:pk>/expenses/<int:expense_pk>/remove/",
        views.expense_remove,
        name="expense_remove",
    ),
    path("claims/<int:pk>/expenses/<int:expense_pk>/receipt/", views.receipt, name="receipt"),
    path("claims/<int:pk>/choice/", views.claim_choice, name="claim_choice"),
    path("claims/<int:pk>/send/", views.claim_submit, name="claim_submit"),
    path("claims/<int:pk>/throw-away/", views.claim_withdraw, name="claim_withdraw"),
    path("claims/<int:pk>/approve/", views.claim_approve, name="claim_approve"),
    path("claims/<int:pk>/query/", views.claim_query, name="claim_query"),
    path("claims/<int:pk>/reject/", views.claim_reject, name="claim_reject"),
    path("claims/<int:pk>/answer/", views.claim_answer, name="claim_answer"),
    path("batches/<int:pk>/", views.batch_detail, name="batch"),
    path("batches/<int:pk>/batch.csv", views.batch_csv, name="batch_csv"),
    path("batches/<int:pk>/batch.xlsx", views.batch_xlsx, name="batch_xlsx"),
    path("<slug:slug>/", views.collective_payments, name="collective"),
    path("<slug:slug>/policy/", views.policy_edit, name="policy"),
    path("<slug:slug>/policy/rates/", views.rate_add, name="rate_add"),
    path("<slug:slug>/policy/expense-categories/", views.category_add, name="category_add"),
    path("<slug:slug>/claim/", views.claim_new, name="claim_new"),
    path("<slug:slug>/approvals/", views.approvals, name="approvals"),
    path("<slug:slug>/finance/", views.finance, name="finance"),
    path("<slug:slug>/finance/batch/", views.batch_make, name="batch_make"),
    path("<slug:slug>/days-to-pay/", views.days_to_pay, name="days_to_pay"),
]
