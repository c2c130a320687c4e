"""Decisions at scale for `manage.py seed_scale`: every method, in existing projects,
made with bulk inserts, with counts filled as the services would have kept them.

large: 5,000 decisions and up to 200,000 responses (no decision gets more responses
than its project has members), one of them (open, named, results shown) with 10,000
responses in the project with the most members; small: about 300 times smaller (17
decisions, up to 670 responses, the big one with up to 40). Most decisions
are closed (half with an outcome), some open; one in ten is anonymous (closed ones as
closing writes them: responses with no person, voters without ballots; open ones with
sealed ballots), one in four hid its results. The big decision is the one with the most
responses: `Decision.objects.order_by("-tally__responses").first()`.
"""

from __future__ import annotations

import random
from collections import defaultdict
from datetime import timedelta
from typing import Any

from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from levelfield.decisions import methods
from levelfield.decisions.ballots import ballot_seal
from levelfield.decisions.models import (
    Decision,
    Method,
    Option,
    Outcome,
    Response,
    Tally,
    Voter,
)
from levelfield.decisions.services.tallying import tally_from
from levelfield.places.models import Place, PlaceMembership
from levelfield.projects.models import Project

SIZES = {
    # decisions, responses in all, responses to the big decision
    "large": (5_000, 200_000, 10_000),
    "small": (17, 670, 40),
}
BATCH = 2_000
OPTIONS = ["Tea", "Coffee", "Juice", "Water", "Soup", "Cake"]
REASONS = ["It suits most of us.", "Travel is hard for me.", "We tried this before."]
BIG_TITLE = "Which themes should the network focus on next year?"


def scale_seed(*, size: str, rng: random.Random) -> None:
    """Add the decisions for `size` ("small" or "large") to the existing projects."""
    if size not in SIZES:
        raise ValueError(f"Unknown size {size!r}; use one of {sorted(SIZES)}.")
    decisions_wanted, responses_wanted, big_responses = SIZES[size]
    members = _members_by_project()
    if not members:
        raise ValueError("Seed people and projects before decisions.")
    ordered = sorted(members, key=lambda pk: (-len(members[pk]), pk))
    now = timezone.now()
    plans = [_plan(ordered[0], Method.PROPOSAL, now, rng, big=True)]
    plans[0]["responses"] = min(big_responses, len(members[ordered[0]]))
    per_decision = (responses_wanted - plans[0]["responses"]) / max(decisions_wanted - 1, 1)
    with_members = [pk for pk in ordered if len(members[pk]) >= 2]
    for number in range(1, decisions_wanted):
        project_pk = rng.choice(with_members)
        plan = _plan(project_pk, Method.values[number % len(Method.values)], now, rng)
        wanted = max(1, round(rng.uniform(0.5, 1.5) * per_decision))
        # Fewer than the big decision, so it stays the one with the most responses.
        most = min(len(members[project_pk]), plans[0]["responses"] - 1)
        plan["responses"] = 0 if plan["opens_at"] > now else min(wanted, most)
        plans.append(plan)
    with transaction.atomic():
        _insert(plans, members, now, rng)


def _members_by_project() -> dict[int, list[int]]:
    projects = Project.objects.annotate(size=Count("place__memberships")).filter(size__gt=0)
    wanted = set(projects.values_list("pk", flat=True))
    members: dict[int, list[int]] = defaultdict(list)
    rows = (
        PlaceMembership.objects.in_projects()
        .filter(place__project_id__in=wanted)
        .order_by("place__project_id", "id")
    )
    for project_id, person_id in rows.values_list("place__project_id", "person_id").iterator():
        members[project_id].append(person_id)
    return dict(members)


def _plan(
    project_pk: int, method: str, now: Any, rng: random.Random, *, big: bool = False
) -> dict[str, Any]:
    """When a decision runs and how it is set up: the big one is open, named and shows
    results; the others mostly closed over the last three years."""
    if big:
        opens_at = now - timedelta(days=2)
        anonymous, hidden = False, False
    else:
        opens_at = now - timedelta(days=rng.uniform(-5, 3 * 365))
        anonymous = rng.random() < 0.1
        hidden = anonymous or rng.random() < 0.25
    return {
        "project": project_pk,
        "method": method,
        "title": BIG_TITLE if big else f"Should we change how we {rng.choice(_VERBS)}?",
        "opens_at": opens_at,
        "closes_at": opens_at + timedelta(days=8),
        "anonymous": anonymous,
        "results_hidden": hidden,
    }


_VERBS = ["meet", "pay people", "share minutes", "recruit", "run the group", "plan events"]


def _insert(
    plans: list[dict[str, Any]], members: dict[int, list[int]], now: Any, rng: random.Random
) -> None:
    place_of = dict(
        Place.objects.filter(project_id__in={plan["project"] for plan in plans}).values_list(
            "project_id", "pk"
        )
    )
    decisions = []
    for plan in plans:
        closed = plan["closes_at"] <= now
        starter = rng.choice(members[plan["project"]])
        decisions.append(
            Decision(
                place_id=place_of[plan["project"]],
                method=plan["method"],
                title=plan["title"],
                background="Raised at the monthly meeting; everyone in the project can answer.",
                has_discussion=plan["opens_at"] > now,
                opens_at=plan["opens_at"],
                closes_at=plan["closes_at"],
                closed_at=plan["closes_at"] if closed else None,
                anonymous=plan["anonymous"],
                results_hidden=plan["results_hidden"],
                max_choices=3,  # kept only by methods that ask for it
                created_by_id=starter,
            )
        )
    decisions = Decision.objects.bulk_create(decisions, batch_size=BATCH)
    if decisions and decisions[0].pk is None:  # a database that does not return ids
        decisions = list(Decision.objects.order_by("-pk")[: len(decisions)])[::-1]
    option_ids = _options_insert(decisions, rng)
    responses: list[Response] = []
    voters: list[Voter] = []
    tallies: list[Tally] = []
    outcomes: list[Outcome] = []
    for decision, plan in zip(decisions, plans, strict=True):
        people = rng.sample(members[plan["project"]], plan["responses"])
        rows = [_answer(decision, option_ids[decision.pk], rng) for _ in people]
        sealed = decision.anonymous and decision.closed_at is None
        for person_id, (payload, reason) in zip(people, rows, strict=True):
            if decision.anonymous:
                ballot = None
                if sealed:
                    ballot = ballot_seal(
                        decision_id=decision.pk,
                        person_id=person_id,
                        payload=payload,
                        reason=reason,
                    )
                voters.append(Voter(decision=decision, person_id=person_id, sealed_ballot=ballot))
                if not sealed:
                    responses.append(Response(decision=decision, payload=payload, reason=reason))
            else:
                responses.append(
                    Response(
                        decision=decision,
                        person_id=person_id,
                        payload=payload,
                        reason=reason,
                        updated_at=decision.opens_at + timedelta(hours=rng.uniform(0, 150)),
                    )
                )
        tallies.append(
            Tally(decision=decision, responses=len(people))
            if sealed
            else tally_from(decision, rows)
        )
        if decision.closed_at and rng.random() < 0.5:
            outcomes.append(
                Outcome(
                    decision=decision,
                    statement="We agreed to try it for three months and then look again.",
                    written_by_id=decision.created_by_id,
                    written_at=decision.closes_at,
                    updated_at=decision.closes_at,
                )
            )
        if len(responses) >= BATCH * 5:
            Response.objects.bulk_create(responses, batch_size=BATCH)
            responses = []
    Response.objects.bulk_create(responses, batch_size=BATCH)
    Voter.objects.bulk_create(voters, batch_size=BATCH)
    Tally.objects.bulk_create(tallies, batch_size=BATCH)
    Outcome.objects.bulk_create(outcomes, batch_size=BATCH)


def _options_insert(decisions: list[Decision], rng: random.Random) -> dict[int, list[int]]:
    """Three to six options (time polls: proposed times after closing) per decision."""
    options = []
    for decision in decisions:
        if not methods.family(decision.method).has_options:
            continue
        for position, label in enumerate(OPTIONS[: rng.randint(3, 6)]):
            starts_at = ends_at = None
            if methods.family(decision.method).options_are_times:
                starts_at = decision.closes_at + timedelta(days=position + 1)
                ends_at = starts_at + timedelta(hours=2)
                label = f"{label} slot"
            options.append(
                Option(
                    decision=decision,
                    label=label,
                    position=position,
                    starts_at=starts_at,
                    ends_at=ends_at,
                )
            )
    Option.objects.bulk_create(options, batch_size=BATCH)
    ids: dict[int, list[int]] = defaultdict(list)
    decision_pks = [decision.pk for decision in decisions]
    for start in range(0, len(decision_pks), BATCH):
        chunk = decision_pks[start : start + BATCH]
        rows = Option.objects.filter(decision_id__in=chunk).order_by("decision_id", "position")
        for decision_id, option_id in rows.values_list("decision_id", "id"):
            ids[decision_id].append(option_id)
    return ids


def _answer(
    decision: Decision, option_ids: list[int], rng: random.Random
) -> tuple[dict[str, Any], str]:
    """One valid answer (checked as the services check it) and sometimes a reason, with
    the lopsided spread of real polls."""
    method = decision.method
    weights = [30, 25, 20, 12, 8, 5][: len(option_ids)]
    family = methods.family(method)
    raw = family.sample(decision, option_ids, weights, rng)
    payload = methods.payload_validate(decision, option_ids, raw)
    needs_reason = decision.reasons_policy != "optional" and family.is_objection(payload)
    reason = rng.choice(REASONS) if needs_reason or rng.random() < 0.2 else ""
    return payload, reason
