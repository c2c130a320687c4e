"""Payment pages: the policy, claims, approvals, finance batches, a person's tax year
and their recognition letter.

Every page starts with a helper from `access.py` (404 for anyone outside); the
services check the rules again.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from levelfield.collectives.access import collective_for_member
from levelfield.collectives.models import Collective
from levelfield.history.models import Change
from levelfield.jobs.services import job_start
from levelfield.lib.forms import posted, posted_files
from levelfield.lib.paging import page_or_404
from levelfield.payments import access, services
from levelfield.payments.background import RECOGNITION
from levelfield.payments.claiming import ClaimOption, claim_fields_html, claim_options
from levelfield.payments.forms import (
    AnswerForm,
    CategoryForm,
    ChoiceForm,
    ClaimForm,
    ExpenseForm,
    PaidForm,
    PolicyForm,
    QuestionForm,
    RateForm,
    RejectForm,
    YearlyLimitForm,
)
from levelfield.payments.models import Batch, Claim, ExpenseCategory, PaymentPolicy, Status
from levelfield.payments.money import fee_for, median, money
from levelfield.payments.recognition import STYLES
from levelfield.payments.tables import TABLE_VALUES, claim_rows, claims_tables_html, table_values
from levelfield.projects.models import Participation

BENEFITS_ADVICE_URL = "https://www.turn2us.org.uk/"
DOWNLOAD_LIMIT = 50
QUEUE_PER_PAGE = 25  # the approvers' queue
UNCLAIMED_PER_PAGE = 25  # a person's own time not yet claimed, on their collective's page
RECENTLY_DECIDED = 10


# A person's own payments


@login_required
@require_safe
def home(request: HttpRequest) -> HttpResponse:
    claims = table_values(Claim.objects.filter(claimant=request.user)[:100])
    (claims_html,) = claims_tables_html([(_("Your claims"), claims)])
    context = {
        "claims_html": claims_html,
        "year": services.tax_year_totals(person=request.user),
        "collectives": Collective.objects.for_member(request.user),
        "advice_url": BENEFITS_ADVICE_URL,
    }
    return render(request, "payments/home.html", context)


@login_required
def yearly_limit(request: HttpRequest) -> HttpResponse:
    current = services.tax_year_totals(person=request.user)["limit"]
    form = YearlyLimitForm(posted(request), initial={"amount": current})
    if request.method == "POST" and form.is_valid():
        services.yearly_limit_set(person=request.user, amount=form.cleaned_data["amount"])
        messages.success(request, _("Your yearly amount is saved."))
        return redirect("payments:home")
    return render(
        request, "payments/limit.html", {"form": form, "advice_url": BENEFITS_ADVICE_URL}
    )


@login_required
@require_http_methods(["GET", "POST"])
def recognition(request: HttpRequest) -> HttpResponse:
    """The person's contribution record as a letter or a certificate (PDF), laid out in
    the background (payments/background.py): the POST starts it and the person watches
    it on the job's page. Opening the address (an old link) goes back to Payments, whose
    buttons ask for it: GET starts nothing."""
    if request.method != "POST":
        return redirect("payments:home")
    style = request.POST.get("style", "letter")
    if style not in STYLES:
        messages.error(request, _("Choose a letter or a certificate"))
        return redirect("payments:home")
    job = job_start(person=request.user, kind=RECOGNITION, params={"style": style})
    return redirect(job)


# A collective's policy and claiming


@login_required
@require_safe
def collective_payments(request: HttpRequest, slug: str) -> HttpResponse:
    collective = collective_for_member(request.user, slug)
    policy = access.policy_if_any(collective)
    viewer = access.member_roles(request.user, collective, policy)
    unclaimed = page_or_404(request, _unclaimed(request.user, collective), UNCLAIMED_PER_PAGE)
    estimates = []
    for participation in unclaimed:
        rate = policy.rate_on(participation.entry.happened_on) if policy else None
        fee = fee_for(participation.minutes, rate.rates, policy.bands) if rate else None
        estimates.append((participation, fee))
    today = timezone.localdate()
    rates = list(policy.rates.all()) if policy else []
    context = {
        "collective": collective,
        "policy": policy,
        "current_rate": policy.rate_on(today) if policy else None,
        "future_rates": [r for r in rates if r.effective_from > today],
        "rates": rates,
        "estimates": estimates,
        "page": unclaimed,
        "is_coordinator": viewer.coordinator,
        "is_approver": viewer.approver,
        "is_finance": viewer.finance,
        "advice_url": BENEFITS_ADVICE_URL,
    }
    return render(request, "payments/collective.html", context)


def _unclaimed(person: Any, collective: Collective) -> QuerySet[Participation]:
    """The person's own time not yet claimed, newest first, shown a page at a time (all
    200 of someone's were rendered on every visit, and the 201st never shown)."""
    return (
        Participation.objects.filter(
            person=person, entry__place__collective=collective, claim_line__isnull=True
        )
        .select_related("entry__place__project", "entry__place__collective")
        .order_by("-entry__happened_on", "-pk")
    )


@login_required
def policy_edit(request: HttpRequest, slug: str) -> HttpResponse:
    collective = access.coordinator_collective(request.user, slug)
    policy = access.policy_if_any(collective)
    form = PolicyForm(posted(request), instance=policy, place=collective.own_place)
    if request.method == "POST" and form.is_valid():
        values = form.cleaned_data | {
            name: form.members_chosen(name) for name in ("approvers", "finance_officers")
        }
        try:
            services.policy_update(collective=collective, actor=request.user, **values)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("The payment policy is saved. The change is in the history.")
            )
            return redirect("payments:collective", slug=slug)
    return render(
        request,
        "payments/form.html",
        _form_page(collective, form, _("Change the payment policy"), _("Save policy")),
    )


@login_required
def rate_add(request: HttpRequest, slug: str) -> HttpResponse:
    collective = access.coordinator_collective(request.user, slug)
    form = RateForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.rate_add(collective=collective, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error("effective_from", error)
        else:
            messages.success(request, _("The new rates are saved."))
            return redirect("payments:collective", slug=slug)
    context = _form_page(collective, form, _("Set new rates"), _("Save rates"))
    context["intro"] = _(
        "New rates apply to activity on or after their date, never to activity before it. "
        "Claims already made keep their rates."
    )
    return render(request, "payments/form.html", context)


@login_required
def category_add(request: HttpRequest, slug: str) -> HttpResponse:
    collective = access.coordinator_collective(request.user, slug)
    form = CategoryForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.category_add(collective=collective, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error("name", error)
        else:
            messages.success(request, _("The expense category is added."))
            return redirect("payments:collective", slug=slug)
    return render(
        request,
        "payments/form.html",
        _form_page(collective, form, _("Add an expense category"), _("Add category")),
    )


def _form_page(collective: Collective, form: Any, title: str, button: str) -> dict[str, Any]:
    return {"collective": collective, "form": form, "title": title, "button": button}


@login_required
def claim_new(request: HttpRequest, slug: str) -> HttpResponse:
    collective = collective_for_member(request.user, slug)
    unpaid = _unpaid_words(access.policy_terms(collective))
    fields_html = ""
    refusal: ValidationError | None = None
    if request.method == "POST":
        # Only the activities sent are read to check and claim them (a person may have
        # hundreds); the whole list is read again only to show the form with a problem.
        sent = [value for value in request.POST.getlist("participations") if value.isdigit()]
        chosen = claim_options(request.user, collective, ids=sent)
        form = _claim_form(request.POST, chosen, unpaid)
        if form.is_valid():
            picked = set(form.cleaned_data["participations"])
            try:
                claim = services.claim_create(
                    collective=collective,
                    claimant=request.user,
                    participations=[
                        Participation(pk=option.pk) for option in chosen if option.pk in picked
                    ],
                    choice=form.cleaned_data["choice"],
                    unpaid_minutes=form.unpaid_minutes(),
                )
            except ValidationError as error:
                refusal = error
            else:
                messages.success(
                    request,
                    _("Claim %(reference)s is started. Add any expenses, then send it.")
                    % {"reference": claim.reference},
                )
                return redirect("payments:claim", pk=claim.pk)
        options = claim_options(request.user, collective)
        form = _claim_form(request.POST, options, unpaid)
        if form.is_valid() and refusal is not None:  # the service's refusal
            form.add_error("participations", refusal)
    else:
        options = claim_options(request.user, collective)
        form = _claim_form(None, options, unpaid)
        fields_html = claim_fields_html(form, options)
    context = {
        "collective": collective,
        "form": form,
        "has_options": bool(options),
        "fields_html": fields_html,
    }
    return render(request, "payments/claim_new.html", context)


def _claim_form(data: Any, options: list[ClaimOption], unpaid: str) -> ClaimForm:
    return ClaimForm(
        data,
        options=[(option.pk, option.label) for option in options],
        unpaid=unpaid,
        minutes={option.pk: option.minutes for option in options},
    )


def _unpaid_words(policy: PaymentPolicy | None) -> str:
    """The time the policy does not pay for, in words ("" when it pays for all)."""
    if policy is None:
        return ""
    unpaid = [
        words
        for words, paid in (
            (_("preparation"), policy.counts_preparation),
            (_("travel"), policy.counts_travel),
        )
        if not paid
    ]
    if len(unpaid) == 2:
        return _("%(first)s or %(second)s") % {"first": unpaid[0], "second": unpaid[1]}
    return "".join(unpaid)


# One claim


@login_required
@require_safe
def claim_detail(request: HttpRequest, pk: int) -> HttpResponse:
    claim = access.claim_for(request.user, pk)
    return _claim_page(request, claim)


def _claim_page(
    request: HttpRequest, claim: Claim, status: int = 200, **forms: Any
) -> HttpResponse:
    person = request.user
    is_claimant = claim.is_claimant(person)
    may_approve = (
        not is_claimant
        and claim.status == Status.SUBMITTED
        and access.is_approver(person, claim.collective)
    )
    context = {
        "claim": claim,
        "lines": claim.lines.all(),
        "expenses": claim.expenses.select_related("category"),
        "messages_on_claim": claim.messages.select_related("author"),
        "changes": Change.objects.filter(subject_type="claim", subject_id=claim.pk)
        .select_related("actor")
        .order_by("at", "id"),
        "is_claimant": is_claimant,
        "may_change": is_claimant and claim.is_open_to_claimant,
        "may_approve": may_approve,
        "own_claim_waiting": is_claimant
        and claim.status == Status.SUBMITTED
        and access.is_approver(person, claim.collective),
        "choice_form": forms.get("choice_form") or ChoiceForm(initial={"choice": claim.choice}),
        "question_form": forms.get("question_form") or QuestionForm(),
        "answer_form": forms.get("answer_form") or AnswerForm(),
        "reject_form": forms.get("reject_form") or RejectForm(),
        "form": next((f for f in forms.values() if f.errors), None),
        "statuses": Status,
    }
    return render(request, "payments/claim.html", context, status=status)


@login_required
def expense_add(request: HttpRequest, pk: int) -> HttpResponse:
    claim = access.claim_for(request.user, pk)
    if not (claim.is_claimant(request.user) and claim.is_open_to_claimant):
        raise Http404("No such page.")
    categories = ExpenseCategory.objects.filter(policy__collective=claim.collective)
    form = ExpenseForm(posted(request), posted_files(request), categories=categories)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.claim_expense_add(
                claim=claim,
                actor=request.user,
                category=data["category"],
                description=data["description"],
                amount=data["amount"],
                receipt=data["receipt"],
            )
        except ValidationError as error:
            field = (
                "receipt"
                if "receipt" in str(error).lower() or "file" in str(error).lower()
                else "amount"
            )
            form.add_error(field, error)
        else:
            messages.success(request, _("The expense is added to your claim."))
            return redirect("payments:claim", pk=claim.pk)
    context = {"claim": claim, "form": form, "categories": categories}
    return render(request, "payments/expense_add.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def expense_remove(request: HttpRequest, pk: int, expense_pk: int) -> HttpResponse:
    """Removing an expense deletes it and its receipt, so it asks to confirm first."""
    claim = access.claim_for(request.user, pk)
    expense = access.expense_in(claim, expense_pk)
    if request.method != "POST":
        context = {
            "caption": _("Your claim"),
            "question": _("Remove this expense from your claim?"),
            "explanation": _(
                "“%(description)s”, %(amount)s, and its receipt are deleted from the claim. "
                "You can add it again."
            )
            % {"description": expense.description, "amount": money(expense.amount)},
            "button": _("Yes, remove the expense"),
            "back_url": reverse("payments:claim", args=[claim.pk]),
            "back_text": _("No, keep it"),
        }
        return render(request, "confirm.html", context)
    _act(
        request,
        lambda: services.claim_expense_remove(expense=expense, actor=request.user),
        "The expense is removed.",
    )
    return redirect("payments:claim", pk=claim.pk)


@login_required
@require_safe
def receipt(request: HttpRequest, pk: int, expense_pk: int) -> FileResponse:
    """A receipt, only to the claimant, approvers and finance (`claim_for`)."""
    claim = access.claim_for(request.user, pk)
    expense = access.expense_in(claim, expense_pk)
    if not expense.receipt:
        raise Http404("No receipt.")
    response = FileResponse(expense.receipt.open("rb"), content_type=expense.receipt_type)
    extension = expense.receipt.name.rsplit(".", 1)[-1]
    name = f"{claim.reference}-receipt-{expense.pk}.{extension}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def claim_choice(request: HttpRequest, pk: int) -> HttpResponse:
    claim = access.claim_for(request.user, pk)
    form = ChoiceForm(request.POST)
    if not form.is_valid():
        return _claim_page(request, claim, choice_form=form)
    _act(
        request,
        lambda: services.claim_choice_set(
            claim=claim, actor=request.user, choice=form.cleaned_data["choice"]
        ),
        "Your choice is saved.",
    )
    return redirect("payments:claim", pk=claim.pk)


@login_required
def claim_submit(request: HttpRequest, pk: int) -> HttpResponse:
    claim = access.claim_for(request.user, pk)
    if not claim.is_claimant(request.user) or claim.status != Status.DRAFT:
        raise Http404("No such page.")
    if request.method == "POST" and _act(
        request,
        lambda: services.claim_submit(claim=claim, actor=request.user),
        "Your claim is sent for approval.",
    ):
        return redirect("payments:claim", pk=claim.pk)
    context = {
        "claim": claim,
        "warning": services.limit_warning(claim=claim),
        "advice_url": BENEFITS_ADVICE_URL,
        "policy": access.policy_terms(claim.collective),
    }
    return render(request, "payments/claim_submit.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def claim_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    """Throwing a draft away deletes it, so it asks to confirm on its own page first."""
    claim = access.claim_for(request.user, pk)
    if request.method != "POST":
        context = {
            "caption": _("Claim %(reference)s") % {"reference": claim.reference},
            "question": _("Throw away this draft claim?"),
            "explanation": _(
                "The draft and its receipts are deleted. You cannot undo this, "
                "but you can claim for the same activities again."
            ),
            "button": _("Yes, throw it away"),
            "back_url": claim.get_absolute_url(),
            "back_text": _("No, keep the draft"),
        }
        return render(request, "confirm.html", context)
    if _act(
        request,
        lambda: services.claim_withdraw(claim=claim, actor=request.user),
        "The draft is thrown away.",
    ):
        return redirect("payments:collective", slug=claim.collective.slug)
    return redirect("payments:claim", pk=claim.pk)


@login_required
@require_POST
def claim_approve(request: HttpRequest, pk: int) -> HttpResponse:
    claim = access.claim_for(request.user, pk)
    _act(
        request,
        lambda: services.claim_approve(claim=claim, actor=request.user),
        "The claim is approved.",
    )
    return redirect("payments:claim", pk=claim.pk)


@login_required
@require_POST
def claim_query(request: HttpRequest, pk: int) -> HttpResponse:
    claim = access.claim_for(request.user, pk)
    form = QuestionForm(request.POST)
    if not form.is_valid():
        return _claim_page(request, claim, question_form=form)
    _act(
        request,
        lambda: services.claim_query(
            claim=claim, actor=request.user, question=form.cleaned_data["question"]
        ),
        "Your question is sent.",
    )
    return redirect("payments:claim", pk=claim.pk)


@login_required
@require_POST
def claim_reject(request: HttpRequest, pk: int) -> HttpResponse:
    claim = access.claim_for(request.user, pk)
    form = RejectForm(request.POST)
    if not form.is_valid():
        return _claim_page(request, claim, reject_form=form)
    _act(
        request,
        lambda: services.claim_reject(
            claim=claim, actor=request.user, reason=form.cleaned_data["reason"]
        ),
        "The claim is marked not approved.",
    )
    return redirect("payments:claim", pk=claim.pk)


@login_required
@require_POST
def claim_answer(request: HttpRequest, pk: int) -> HttpResponse:
    claim = access.claim_for(request.user, pk)
    form = AnswerForm(request.POST)
    if not form.is_valid():
        return _claim_page(request, claim, answer_form=form)
    _act(
        request,
        lambda: services.claim_answer(
            claim=claim, actor=request.user, answer=form.cleaned_data["answer"]
        ),
        "Your answer is sent.",
    )
    return redirect("payments:claim", pk=claim.pk)


def _act(request: HttpRequest, action: Any, success: str) -> bool:
    """Run a service; a refusal becomes a message on the page, never a 500."""
    try:
        action()
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return False
    except PermissionDenied as error:
        messages.error(request, str(error))
        return False
    messages.success(request, success)
    return True


# Approvers, finance, coordinators


@login_required
@require_safe
def approvals(request: HttpRequest, slug: str) -> HttpResponse:
    collective = access.approver_collective(request.user, slug)
    claims = Claim.objects.filter(collective=collective).values_list(*TABLE_VALUES)
    # Oldest first, a page at a time: a network's queue can hold thousands.
    waiting = page_or_404(
        request,
        claims.filter(status=Status.SUBMITTED).order_by("submitted_at", "pk"),
        QUEUE_PER_PAGE,
    )
    queried = claims.filter(status=Status.QUERIED).order_by("submitted_at", "pk")
    decided = claims.filter(status__in=[Status.APPROVED, Status.REJECTED]).order_by("-decided_at")
    waiting_html, queried_html, decided_html = claims_tables_html(
        [
            (_("Waiting for approval"), list(waiting.object_list)),
            (_("Waiting for the claimant’s answer"), list(queried[:QUEUE_PER_PAGE])),
            (_("Recently decided"), list(decided[:RECENTLY_DECIDED])),
        ]
    )
    context = {
        "collective": collective,
        "page": waiting,
        "waiting_html": waiting_html,
        "queried_html": queried_html,
        "decided_html": decided_html,
    }
    return render(request, "payments/approvals.html", context)


def _approved_claims(collective: Collective) -> Any:
    return (
        Claim.objects.filter(collective=collective, status=Status.APPROVED)
        .with_people()
        .order_by("decided_at", "pk")[:200]
    )


@login_required
@require_safe
def finance(request: HttpRequest, slug: str) -> HttpResponse:
    collective = access.finance_collective(request.user, slug)
    context = {
        "collective": collective,
        "approved": claim_rows(_approved_claims(collective)),
        "batches": Batch.objects.filter(collective=collective).defer("csv_file", "xlsx_file")[:50],
    }
    return render(request, "payments/finance.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def batch_make(request: HttpRequest, slug: str) -> HttpResponse:
    """Making a batch sends claims onward to finance and cannot be undone, so it asks to
    confirm on its own page first (no JavaScript needed)."""
    collective = access.finance_collective(request.user, slug)
    if request.method == "POST":
        try:
            batch = services.batch_create(collective=collective, actor=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("Batch %(reference)s is made. Download it for the finance system.")
                % {"reference": batch.reference},
            )
            return redirect("payments:batch", pk=batch.pk)
        return redirect("payments:finance", slug=slug)
    approved = list(_approved_claims(collective))
    context = {
        "collective": collective,
        "approved": claim_rows(approved),
        "total": sum((claim.total for claim in approved), start=Decimal(0)),
    }
    return render(request, "payments/batch_make.html", context)


@login_required
def batch_detail(request: HttpRequest, pk: int) -> HttpResponse:
    batch = access.batch_for(request.user, pk)
    form = PaidForm(posted(request), initial={"paid_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.batch_mark_paid(
                batch=batch, actor=request.user, paid_on=form.cleaned_data["paid_on"]
            )
        except ValidationError as error:
            form.add_error("paid_on", error)
        else:
            messages.success(
                request,
                _("%(reference)s is marked paid. The claimants are told.")
                % {"reference": batch.reference},
            )
            return redirect("payments:batch", pk=batch.pk)
    claims = batch.claims.with_people().order_by("pk")
    return render(
        request,
        "payments/batch.html",
        {"batch": batch, "claims": claim_rows(claims), "form": form},
    )


@login_required
@require_safe
def batch_csv(request: HttpRequest, pk: int) -> HttpResponse:
    batch = access.batch_for(request.user, pk)
    return _download(bytes(batch.csv_file), "text/csv; charset=utf-8", f"{batch.reference}.csv")


@login_required
@require_safe
def batch_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    batch = access.batch_for(request.user, pk)
    kind = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return _download(bytes(batch.xlsx_file), kind, f"{batch.reference}.xlsx")


def _download(data: bytes, content_type: str, name: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_safe
def days_to_pay(request: HttpRequest, slug: str) -> HttpResponse:
    """From the activity to the day it was paid: median and worst, for the collective
    and for each approver, because slow payment is the main complaint."""
    collective = access.coordinator_collective(request.user, slug)
    paid = (
        Claim.objects.filter(collective=collective, status=Status.PAID)
        .select_related("decided_by")
        .only("first_activity_on", "paid_on", "decided_by__display_name", "decided_by__email")
    )
    overall: list[int] = []
    by_approver: dict[str, list[int]] = defaultdict(list)
    for claim in paid.iterator():
        days = (claim.paid_on - claim.first_activity_on).days
        overall.append(days)
        by_approver[claim.decided_by.name if claim.decided_by else "A former member"].append(days)
    rows = [
        {"name": name, "count": len(days), "median": median(days), "worst": max(days)}
        for name, days in sorted(by_approver.items())
    ]
    context = {
        "collective": collective,
        "count": len(overall),
        "median": median(overall),
        "worst": max(overall, default=None),
        "rows": rows,
        "target": getattr(access.policy_if_any(collective), "pay_within_days", None),
    }
    return render(request, "payments/days_to_pay.html", context)
