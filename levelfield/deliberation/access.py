"""Who may reach a conversation, in one place.

Members of its place (a collective, a group or a project) reach everything (the report, moderation,
import and export). A visitor reaches a conversation open to anyone with the link only
after joining through the link (their participant is kept in their session), and only
its statements page: never the report or anyone's reactions. Everyone else gets a 404.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from levelfield.deliberation.models import Conversation, Participant, Statement
from levelfield.people.models import User

SESSION_KEY = "deliberation_participants"


def conversation_for_member(person: User, pk: int) -> Conversation:
    """The conversation, if `person` is a member of its place; otherwise 404."""
    return get_object_or_404(Conversation.objects.for_member(person).with_place(), pk=pk)


def conversation_by_link(token: str) -> Conversation:
    """A conversation open to anyone with its link; otherwise 404."""
    return get_object_or_404(
        Conversation.objects.with_place(),
        link_token=token,
        who_may_take_part="link",
    )


@dataclass
class Taking:
    """Someone on a conversation's statements page: a member (participant may be None
    before their first action) or a visitor who joined by the link."""

    conversation: Conversation
    participant: Participant | None
    is_member: bool


def conversation_for_participant(request: HttpRequest, pk: int) -> Taking:
    """The conversation for a member, or for a visitor who joined it by its link."""
    person = request.user
    member_view = Conversation.objects.for_member(person).with_place()
    conversation = member_view.filter(pk=pk).first()
    if conversation is not None:
        participant = Participant.objects.filter(conversation=conversation, person=person).first()
        return Taking(conversation, participant, True)
    token = request.session.get(SESSION_KEY, {}).get(str(pk))
    if token:
        participant = (
            Participant.objects.select_related(
                "conversation__place__collective", "conversation__place__project"
            )
            .filter(token=token, conversation_id=pk, conversation__who_may_take_part="link")
            .first()
        )
        if participant is not None:
            return Taking(participant.conversation, participant, False)
    raise Http404("No such conversation.")


def remember_visitor(request: HttpRequest, participant: Participant) -> None:
    joined = dict(request.session.get(SESSION_KEY, {}))
    joined[str(participant.conversation_id)] = participant.token
    request.session[SESSION_KEY] = joined


def statement_in(conversation: Conversation, pk: int | str | None) -> Statement:
    """A statement of a conversation the viewer already reached; otherwise 404."""
    try:
        return conversation.statements.get(pk=int(pk or 0))
    except (Statement.DoesNotExist, ValueError):
        raise Http404("No such statement here.") from None
