from __future__ import annotations

import datetime
from decimal import Decimal

import factory

from levelfield.collectives.tests.factories import CollectiveFactory
from levelfield.payments.models import ExpenseCategory, PaymentPolicy, Rate


class PaymentPolicyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PaymentPolicy

    collective = factory.SubFactory(CollectiveFactory)
    fee_cost_code = "PPI-FEES"


class RateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Rate

    policy = factory.SubFactory(PaymentPolicyFactory)
    effective_from = datetime.date(2026, 1, 1)
    hourly = Decimal("25.00")
    half_day = Decimal("75.00")
    day = Decimal("150.00")


class ExpenseCategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExpenseCategory

    policy = factory.SubFactory(PaymentPolicyFactory)
    name = "Travel"
    limit = Decimal("50.00")
    receipt_over = Decimal("10.00")
    cost_code = "PPI-TRAVEL"
