"""Helpers for the analysis tests: a team, a confirmed source and codes, made through the
services as the pages make them."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from levelfield.analysis import services
from levelfield.analysis.models import Code, Source
from levelfield.people.models import User
from levelfield.places.models import Place

TRANSCRIPT = (
    "Interviewer: Tell me about your first appointment.\n"
    "Participant: I waited four months. Dr Patel at St Mary's Hospital read my notes out "
    "loud. Nobody asked me anything.\n"
    "Participant: I wanted to be believed. My mum spoke for me. The room was loud."
)


def client_for(person: User) -> Client:
    client = Client()
    client.force_login(person)
    return client


def upload(text: str = TRANSCRIPT, name: str = "interview.txt") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode(), "text/plain")


def source_make(
    *,
    place: Place,
    actor: User,
    title: str = "Interview 1",
    text: str = TRANSCRIPT,
    quotes_allowed: bool = True,
    confirm: bool = True,
) -> Source:
    source = services.source_upload(
        actor=actor,
        place=place,
        title=title,
        upload=upload(text),
        text=text,
        consent=services.Consent("CF-001", quotes_allowed),
    )
    if confirm:
        chosen = services.source_proposals(source)
        source = services.source_confirm(actor=actor, source=source, chosen=chosen, extra=[])
    return source


def code_make(*, place: Place, actor: User, name: str = "Being believed") -> Code:
    return services.code_create(
        actor=actor, place=place, name=name, definition=f"When someone talks about {name}."
    )


def team_of(place: Place, *people: User) -> None:
    for person in people:
        services.team_join(place=place, person=person)
