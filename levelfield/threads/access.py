"""Who may reach a thread and its posts: the members of its place, nobody else (404).

Every view starts here: `places.access.place_for_member` checks membership of the
place in the address, then the thread must belong to that place.
"""

from __future__ import annotations

from django.http import Http404

from levelfield.people.models import User
from levelfield.places.access import place_for_member
from levelfield.threads.models import Post, Thread


def thread_for_member(person: User, place_pk: int, pk: int) -> Thread:
    """The thread, with its place, for a member of the place; otherwise 404."""
    place = place_for_member(person, place_pk)
    thread = (
        Thread.objects.in_place(place)
        .select_related("author", "closed_by", "decision", "document")
        .filter(pk=pk)
        .first()
    )
    if thread is None:
        raise Http404("No such thread.")
    thread.place = place
    return thread


def post_in(thread: Thread, pk: int) -> Post:
    """A post of a thread already reached; otherwise 404."""
    post = Post.objects.select_related("author").filter(pk=pk, thread=thread).first()
    if post is None:
        raise Http404("No such post.")
    post.thread = thread
    return post
