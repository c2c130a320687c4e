"""Who may reach a thread and its posts: the members of its place, nobody else (404).

Every view starts here: `places.access.place_for_member` checks membership of the
place in the address, then the thread must belong to that place.
"""

from __future__ import annotations

from django.db.models import OuterRef, Subquery
from django.http import Http404

from levelfield.people.models import User
from levelfield.places.access import place_for_member
from levelfield.threads.models import Post, ReadMark, Thread


def thread_for_member(person: User, place_pk: int, pk: int, *, read_mark: bool = False) -> Thread:
    """The thread, with its place, for a member of the place; otherwise 404. With
    `read_mark`, also the person's read mark's `read_at` and `read_count` (None when
    they never read it), in the same query, for the thread's page."""
    place = place_for_member(person, place_pk)
    threads = Thread.objects.in_place(place).select_related(
        "author", "closed_by", "decision", "document"
    )
    if read_mark:
        mark = ReadMark.objects.filter(thread=OuterRef("pk"), person=person)
        threads = threads.annotate(
            read_at=Subquery(mark.values("read_at")[:1]),
            read_count=Subquery(mark.values("read_count")[:1]),
        )
    thread = threads.filter(pk=pk).first()
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
