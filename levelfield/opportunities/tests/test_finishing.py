"""Finishing a selection, as the people in it live it: the organiser confirms the draw;
the people chosen are invited to the project and become members when they accept;
everyone else is told kindly and answers whether to keep them in mind, which the
organisers of the collective's later opportunities then see."""

from __future__ import annotations

import pytest
from django.core import mail
from django.test import Client

from levelfield.history.models import Change
from levelfield.invitations import services as invitation_services
from levelfield.invitations.models import Invitation
from levelfield.lib.testing.world import World
from levelfield.opportunities import services
from levelfield.opportunities.models import Interest, Opportunity, Selection
from levelfield.opportunities.services import OpportunityError
from levelfield.opportunities.tests.conftest import make
from levelfield.people.tests.factories import UserFactory
from levelfield.places.models import PlaceMembership


def _answer(
    opportunity: Opportunity, name: str, perspectives: list[str], **more: object
) -> Interest:
    return services.interest_express(
        opportunity=opportunity,
        name=name,
        email=f"{name.lower()}@example.org",
        why="I want to help.",
        perspectives=perspectives,
        **more,
    )


@pytest.fixture
def answered(listed: World) -> Opportunity:
    opportunity = make(listed)
    _answer(opportunity, "Kemi", ["carer"])
    _answer(opportunity, "Josh", ["researcher"])
    _answer(opportunity, "Ana", ["lived_experience"])
    return opportunity


def test_finishing_invites_the_chosen_and_tells_everyone_else_kindly(
    client: Client,
    listed: World,
    answered: Opportunity,
    django_capture_on_commit_callbacks: object,
) -> None:
    client.force_login(listed.member)
    drawn = client.post(f"/opportunities/{answered.pk}/selection/", {"places": "2", "seed": "42"})
    page = drawn.content.decode()
    assert "Finish the selection and tell everyone" in page
    finish = f"/opportunities/{answered.pk}/selection/finish/?places=2&seed=42&first_time_share=0"
    confirm = client.get(finish)
    assert "Finish the selection and tell everyone?" in confirm.content.decode()
    assert not Selection.objects.exists()  # asking to confirm writes nothing
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        response = client.post(
            f"/opportunities/{answered.pk}/selection/finish/",
            {"places": "2", "seed": "42", "first_time_share": "0"},
        )
    assert response["Location"] == f"/opportunities/{answered.pk}/selection/"
    chosen = set(Interest.objects.filter(outcome="chosen").values_list("name", flat=True))
    assert chosen == {"Kemi", "Ana"}  # the two wanted perspectives
    josh = Interest.objects.get(name="Josh")
    assert josh.outcome == "not_chosen" and josh.told_at is not None
    subjects = {(message.to[0], message.subject) for message in mail.outbox}
    assert ("josh@example.org", "Levelfield: About your interest in " + answered.title) in subjects
    assert any(to == "kemi@example.org" and "You were chosen" in s for to, s in subjects)
    assert any(to == "kemi@example.org" and "invit" in s.lower() for to, s in subjects)
    kemi = Interest.objects.get(name="Kemi")
    assert kemi.invitation is not None and kemi.invitation.project == listed.project
    change = Change.objects.get(action="opportunity_selection_finished")
    ids = {row.name: row.pk for row in Interest.objects.all()}
    assert {row["interest"] for row in change.after["chosen"]} == {ids["Kemi"], ids["Ana"]}
    assert all(row["reason"] for row in change.after["chosen"] + change.after["not_chosen"])
    assert [row["interest"] for row in change.after["not_chosen"]] == [ids["Josh"]]
    assert "Josh" not in str(change.after)  # names would outlive an erasure
    page = client.get(f"/opportunities/{answered.pk}/selection/").content.decode()
    assert "The selection is finished" in page and "Invited" in page and "Not answered yet" in page

    # Kemi makes an account with the address she used and accepts: she is a member.
    kemi_account = UserFactory(email="kemi@example.org")
    invitation_services.invitation_accept(invitation=kemi.invitation, user=kemi_account)
    assert PlaceMembership.objects.of_project(listed.project).filter(person=kemi_account).exists()
    page = client.get(f"/opportunities/{answered.pk}/selection/").content.decode()
    assert "Accepted: now a member" in page

    # Finishing again tells nobody twice.
    again = client.post(
        f"/opportunities/{answered.pk}/selection/finish/", {"places": "2", "seed": "42"}
    )
    assert again.status_code == 302 and Selection.objects.count() == 1
    assert Invitation.objects.count() == 2


def test_someone_not_chosen_says_keep_me_in_mind_and_later_organisers_see_them(
    client: Client, listed: World, answered: Opportunity
) -> None:
    services.selection_finish(opportunity=answered, actor=listed.member, places=2, seed=42)
    josh = Interest.objects.get(name="Josh")
    token = services.interest_token(josh, salt=services.KEEP_IN_MIND_SALT)
    visitor = Client()
    page = visitor.get(f"/opportunities/kept/{token}/")
    assert page.status_code == 200 and "Shall we keep you in mind?" in page.content.decode()
    empty = visitor.post(f"/opportunities/kept/{token}/", {})
    assert empty.status_code == 400 and "Choose yes or no." in empty.content.decode()
    saved = visitor.post(f"/opportunities/kept/{token}/", {"keep": "yes"})
    assert "will keep you in mind" in saved.content.decode()
    josh.refresh_from_db()
    assert josh.keep_in_mind is True
    # A chosen person's token, an altered token and a token for another purpose go nowhere.
    kemi = Interest.objects.get(name="Kemi")
    chosen_token = services.interest_token(kemi, salt=services.KEEP_IN_MIND_SALT)
    assert visitor.get(f"/opportunities/kept/{chosen_token}/").status_code == 404
    assert visitor.get(f"/opportunities/kept/{token}x/").status_code == 404
    other = services.interest_token(josh, salt=services.TOOK_PART_SALT)
    assert visitor.get(f"/opportunities/kept/{other}/").status_code == 404

    later = make(listed, title="Carers to read our leaflet")
    client.force_login(listed.member)
    page = client.get(f"/opportunities/{later.pk}/interests/").content.decode()
    assert "People who asked to be kept in mind (1)" in page and "josh@example.org" in page
    visitor.post(f"/opportunities/kept/{token}/", {"keep": "no"})
    page = client.get(f"/opportunities/{later.pk}/interests/").content.decode()
    assert "josh@example.org" not in page


def test_only_organisers_finish_and_only_members_of_the_project_can_invite(
    client: Client, listed: World, answered: Opportunity
) -> None:
    client.force_login(listed.collective_member)
    assert (
        client.post(
            f"/opportunities/{answered.pk}/selection/finish/", {"places": "1", "seed": "1"}
        ).status_code
        == 404
    )
    client.force_login(listed.member)
    bad = client.post(f"/opportunities/{answered.pk}/selection/finish/", {"places": "0"})
    assert bad.status_code == 400
    assert "Enter how many places there are, 1 or more." in bad.content.decode()
    assert client.get(f"/opportunities/{answered.pk}/selection/finish/").status_code == 302
    assert not Selection.objects.exists()
    # A collective coordinator who is not in the project organises it but cannot invite.
    listed.project.place.memberships.filter(person=listed.coordinator).delete()
    with pytest.raises(OpportunityError, match="Only members of the project"):
        services.selection_finish(opportunity=answered, actor=listed.coordinator, places=1, seed=1)
    assert not Selection.objects.exists() and not Invitation.objects.exists()
