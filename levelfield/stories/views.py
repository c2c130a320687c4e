"""Pages of the collective's public face (no log-in: the home, stories, the feed,
pictures, the about page, the get-involved form) and of its members' writing desk
(drafts, pictures, publishing, moderation, the get-involved queue, the settings).

Every page starts with one helper from access.py, so someone outside gets a 404. No
page writes when opened: a story's being public is computed from `published_at` and
the time of the request.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.syndication.views import Feed
from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch, Q, prefetch_related_objects
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.feedgenerator import Atom1Feed
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from levelfield.collectives.models import Collective
from levelfield.events.models import Event
from levelfield.impact.queries import impacts_for_public_page, public_impact_marks  # impact
from levelfield.lib import markdown
from levelfield.lib.cache import digest, digested_many, versioned, versioned_many
from levelfield.lib.forms import posted, posted_files
from levelfield.lib.moderation import ModerateForm
from levelfield.lib.paging import page_or_404
from levelfield.outputs.queries import outputs_for_public_page, public_output_ids
from levelfield.ratelimits import client_address
from levelfield.reports.models import Report
from levelfield.stories import access, services, spam
from levelfield.stories.forms import (
    AnswerForm,
    CommentForm,
    ImageForm,
    InterestForm,
    PublicPageForm,
    PublishForm,
    ReasonForm,
    ReportForm,
    StoryForm,
    error_field,
)
from levelfield.stories.models import (
    Comment,
    CommentReport,
    Interest,
    PublicPage,
    Story,
    StoryImage,
    Tag,
)
from levelfield.translations.shown import shown_for, shown_list

GET_AND_POST = require_http_methods(["GET", "HEAD", "POST"])
STORIES_PER_PAGE = 10
COMMENTS_PER_PAGE = 20
QUEUE_PER_PAGE = 25
HOME_STORIES = 6
HOME_REPORTS = 5
HOME_EVENTS = 5
# The public home's fragment is cached per page version and per minute: a new version
# (any change it shows) or a scheduled story's time coming shows within the minute.
HOME_CACHE_SECONDS = 60
# A story's shown comments are cached per its comments version; what the version cannot
# see (a commenter renamed, or their account deleted) shows within this.
COMMENTS_CACHE_SECONDS = 60
STORY_PARTS_CACHE_SECONDS = 60


def _show_error(form: Any, error: ValidationError) -> None:
    form.add_error(error_field(error, form), error.messages[0])


def _html(text: str) -> str:
    return mark_safe(markdown.render(text))  # noqa: S308 - sanitised by nh3


def _with_lead_image(stories: Any) -> Any:
    return stories.prefetch_related(
        Prefetch("images", queryset=StoryImage.objects.order_by("position", "pk"))
    )


# Public pages


def _published_html(collective: Collective, now: Any) -> str:
    """The public home's reports, outputs and impacts, the same for everyone, rendered
    once and kept: five published reports (each read with its version), ten outputs with
    their contributors and ten impacts took about half of the page's time. Kept per what
    is shown (which reports and versions, which outputs, which impacts and when each
    last changed: read in three small queries), so one published or taken down in its
    own app shows at once; an edit those cannot see (an output renamed, a contributor
    added) shows within the minute, as a scheduled story's time does."""
    reports = Report.objects.published_in(collective)[:HOME_REPORTS]
    shown = (
        list(reports.values_list("pk", "published_version_id")),
        public_output_ids(collective.pk),
        [(pk, f"{changed:%Y%m%d%H%M%S%f}") for pk, changed in public_impact_marks(collective.pk)],
    )
    return versioned(
        "stories:home-published",
        (
            collective.pk,
            f"{now:%Y%m%d%H%M}",
            digest(shown),
        ),
        lambda: render_to_string(
            "stories/includes/home_published.html",
            {
                "reports": reports,
                "outputs": outputs_for_public_page(collective.pk),  # outputs
                "impacts": impacts_for_public_page(collective.pk),  # impact
            },
        ),
        seconds=HOME_CACHE_SECONDS,
    )


def _kept_html(text: str) -> str:
    """Markdown made safe, kept per text (its digest is the key, so any change shows at
    once): building the Markdown parser is most of the cost of a short text."""
    return mark_safe(markdown.render_kept(text))  # noqa: S308 - sanitised by nh3


@require_safe
def home(request: HttpRequest, slug: str) -> HttpResponse:
    """The collective's public home: welcome, latest stories, upcoming public events,
    how to get involved, contact details."""
    collective = access.collective_public(slug)
    translated = shown_for(request, PublicPage.as_read(collective))
    page = translated.obj
    now = timezone.now()
    stories = _with_lead_image(
        Story.objects.public(now).filter(collective=collective).select_related("collective")
    )[:HOME_STORIES]
    events = Event.objects.public().in_collective(collective.pk).upcoming(now)[:HOME_EVENTS]
    return render(
        request,
        "stories/home.html",
        {
            "collective": collective,
            "page": page,
            "welcome": _kept_html(page.welcome),
            "get_involved": _kept_html(page.get_involved),
            "stories": stories,
            "events": events,
            "cache_key": f"{page.version}:{now:%Y%m%d%H%M}",
            "cache_seconds": HOME_CACHE_SECONDS,
            "published": mark_safe(_published_html(collective, now)),  # noqa: S308 -- escaped by its template
            "translated": translated,
        },
    )


@require_safe
def about(request: HttpRequest, slug: str) -> HttpResponse:
    collective = access.collective_public(slug)
    translated = shown_for(request, PublicPage.as_read(collective))
    page = translated.obj
    return render(
        request,
        "stories/about.html",
        {
            "collective": collective,
            "page": page,
            "about": _html(page.about_coproduction),
            "translated": translated,
        },
    )


@require_safe
def story_list(request: HttpRequest, slug: str, tag_slug: str | None = None) -> HttpResponse:
    """Published stories, newest first; all of them, or those on one topic (tag)."""
    collective = access.collective_public(slug)
    now = timezone.now()
    stories = Story.objects.public(now).filter(collective=collective)
    tag = None
    if tag_slug is not None:
        tag = Tag.objects.filter(collective=collective, slug=tag_slug).first()
        if tag is None:
            raise Http404("No such topic.")
        stories = stories.filter(tags=tag)
    # A card shows neither the body nor the author: not read (a long body was most of
    # the rows' bytes).
    stories = _with_lead_image(stories.select_related("collective").defer("body"))
    # How many there are and which topics have any: counted over every story, so kept
    # per public page version (a story published, changed or taken down) and minute
    # (a scheduled story's time coming), as the home's fragment is.
    version = (collective.pk, PublicPage.as_read(collective).version, f"{now:%Y%m%d%H%M}")
    count = versioned(
        "stories:list-count",
        (*version, tag.pk if tag else ""),
        stories.count,
        seconds=HOME_CACHE_SECONDS,
    )
    page = page_or_404(request, stories, STORIES_PER_PAGE, count=count)
    # Titles and summaries in the reader's language where translated (one query).
    page.object_list = [shown.obj for shown in shown_list(page.object_list)]
    return render(
        request,
        "stories/story_list.html",
        {
            "collective": collective,
            "page_obj": page,
            "cards": _cards(page.object_list, heading="h2"),
            "tag": tag,
            "tags": versioned(
                "stories:list-tags",
                version,
                lambda: list(
                    Tag.objects.filter(collective=collective)
                    .annotate(public=Count("stories", filter=Q(stories__published_at__lte=now)))
                    .filter(public__gt=0)
                ),
                seconds=HOME_CACHE_SECONDS,
            ),
        },
    )


def _cards(stories: list[Story], *, heading: str) -> list[str]:
    """Each story's card (stories/includes/story_card.html) as the reader sees it, kept
    under a digest of exactly what it shows (so a changed title, translation, comment
    count or lead picture is a new key): rendering ten cards was a quarter of the list's
    time. `stories` carry their pictures prefetched, lead first."""

    def shown(story: Story) -> tuple[object, ...]:
        lead = next(iter(story.images.all()), None)
        return (
            heading,
            story.pk,
            story.collective.slug,
            story.slug,
            story.title,
            story.summary,
            story.kind,
            story.published_at,
            story.comment_count,
            (lead.pk, lead.width, lead.height) if lead else None,
        )

    def card(story: Story) -> Callable[[], str]:
        return lambda: render_to_string(
            "stories/includes/story_card.html", {"story": story, "heading": heading}
        )

    kept = digested_many(
        "stories:card",
        [(shown(story), card(story)) for story in stories],
        seconds=HOME_CACHE_SECONDS,
    )
    return [mark_safe(html) for html in kept]  # noqa: S308 - escaped by its template


class Credit(NamedTuple):
    """A co-author as the story page credits them (kept without the rest of the row)."""

    pk: int
    name: str


def _story_parts(story: Story) -> tuple[list[StoryImage], list[Credit], list[Tag]]:
    """The story's pictures, co-authors and topics (three queries)."""
    return (
        list(story.images.all()),
        [Credit(person.pk, person.name) for person in story.co_authors.all()],
        list(story.tags.all()),
    )


def _story_context(
    request: HttpRequest, story: Story, *, preview: bool = False, **extra: Any
) -> dict[str, Any]:
    now = timezone.now()
    public_page = PublicPage.as_read(story.collective)
    comments = (
        Comment.objects.shown().filter(story=story).select_related("author").order_by("created_at")
    )
    # The kept count of shown comments saves counting them on every request.
    comments_page = (
        page_or_404(request, comments, COMMENTS_PER_PAGE, count=story.comment_count)
        if not preview
        else None
    )
    if preview:
        # A draft's parts change without moving any version: read afresh (and once
        # for the page and for may_edit_story).
        prefetch_related_objects([story], "co_authors", "tags")
        images, co_authors, tags = _story_parts(story)
        related: list[Story] = []
    else:
        # A published story's pictures, credits and topics change only through the
        # services that move the public page's version in the same transaction; what
        # the version cannot see (a co-author renamed or their account deleted) shows
        # within STORY_PARTS_CACHE_SECONDS.
        # Read with the related stories in one round trip to the cache.
        kept = versioned_many(
            [
                (
                    "stories:story-parts",
                    (story.pk, public_page.version, story.updated_at.timestamp()),
                    lambda _kept: _story_parts(story),
                ),
                (
                    "stories:related",
                    (story.pk, public_page.version, f"{now:%Y%m%d%H%M}"),
                    lambda kept: _related(story, kept["stories:story-parts"][2], now),
                ),
            ],
            seconds=STORY_PARTS_CACHE_SECONDS,
        )
        images, co_authors, tags = kept["stories:story-parts"]
        related = kept["stories:related"]
    # The reader's language where a member translated it (at most one query).
    translated = shown_for(request, story)
    return {
        "collective": story.collective,
        "story": translated.obj,
        "translated": translated,
        # Kept per text (a digest of it is the key): parsing a long story's Markdown
        # was a fifth of the page's time.
        "body": _kept_html(translated.obj.body),
        "images": images,
        "lead": images[0] if images else None,
        "co_authors": co_authors,
        "tags": tags,
        "related": related,
        "comments_page": comments_page,
        "preview": preview,
        "comments_held": public_page.comments_held,
        "comments_cache_seconds": COMMENTS_CACHE_SECONDS,
        "page_url": request.build_absolute_uri(story.get_absolute_url()),
        "comment_form": extra.pop("comment_form", None) or CommentForm(),
        **extra,
    }


def _related(story: Story, tags: list[Tag], now: Any) -> list[Story]:
    """Stories sharing its topics: kept per public page version (which moves when a
    story is published, changed or taken down) and minute (a scheduled story's time)."""
    if not tags:
        return []
    return list(
        Story.objects.related_to(story, now, tag_ids=[tag.pk for tag in tags])
        .only("pk", "slug", "title", "collective__slug")
        .select_related("collective")
    )


@require_safe
def story_detail(request: HttpRequest, slug: str, story_slug: str) -> HttpResponse:
    story = access.story_public(slug, story_slug, timezone.now())
    collective = story.collective
    context = _story_context(request, story)
    if request.user.is_authenticated:
        # Asked once, in one query: for the edit link, and for the translate and easy-read links,
        # whose rule for a story is the same (stories/manifest.py: its members).
        reader = access.story_roles(request.user, collective)
        context["may_edit"] = access.may_edit_story(
            request.user,
            story,
            member=reader.member,
            publisher=reader.publisher,
            co_author_ids={person.pk for person in context["co_authors"]},
        )
        context["translated"].may_translate = reader.member
    return render(request, "stories/story.html", context)


@login_required
@require_POST
def comment_create(request: HttpRequest, slug: str, story_slug: str) -> HttpResponse:
    story = access.story_public(slug, story_slug, timezone.now())
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            comment = services.comment_add(
                story=story,
                author=request.user,
                text=form.cleaned_data["text"],
                address=client_address(request),
            )
        except ValidationError as error:
            _show_error(form, error)
        else:
            if comment.published_at is None:
                messages.success(
                    request, _("Thank you. Your comment will appear once a moderator has read it.")
                )
            else:
                messages.success(request, _("Your comment is published."))
            return redirect(f"{story.get_absolute_url()}#comments")
    context = _story_context(request, story, comment_form=form)
    return render(request, "stories/story.html", context, status=400)


@login_required
@GET_AND_POST
def comment_report(
    request: HttpRequest, slug: str, story_slug: str, comment_pk: int
) -> HttpResponse:
    story = access.story_public(slug, story_slug, timezone.now())
    collective = story.collective
    comment = access.comment_on(story, comment_pk)
    form = ReportForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.MODERATION.report(
                comment=comment, person=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            _show_error(form, error)
        else:
            messages.success(request, _("Thank you. A moderator will look at the comment."))
            return redirect(f"{story.get_absolute_url()}#comments")
    return render(
        request,
        "stories/report.html",
        {"collective": collective, "story": story, "comment": comment, "form": form},
        status=400 if form.errors else 200,
    )


@require_safe
def image(request: HttpRequest, slug: str, pk: int) -> FileResponse:
    """A story's picture: public once the story is, members' only before."""
    collective = access.collective_public(slug)
    now = timezone.now()
    picture = access.image_for(request.user, collective, pk, now)
    response = FileResponse(picture.file.open("rb"), content_type=picture.content_type)
    if picture.story.is_public(now):
        patch_cache_control(response, public=True, max_age=3600)
    else:
        patch_cache_control(response, private=True, no_store=True)
    return response


class StoriesFeed(Feed):
    """An Atom feed of the collective's published stories, newest first."""

    feed_type = Atom1Feed

    def get_object(self, request: HttpRequest, slug: str) -> Collective:
        return access.collective_public(slug)

    def title(self, collective: Collective) -> str:
        return _("Stories from %(name)s") % {"name": collective.name}

    def link(self, collective: Collective) -> str:
        return reverse("stories:home", args=[collective.slug])

    def subtitle(self, collective: Collective) -> str:
        return _("News and stories from %(name)s.") % {"name": collective.name}

    def items(self, collective: Collective) -> Any:
        return (
            Story.objects.public()
            .filter(collective=collective)
            .select_related("collective", "author")
            .order_by("-published_at", "-pk")[:20]
        )

    def item_title(self, story: Story) -> str:
        return story.title

    def item_description(self, story: Story) -> str:
        return markdown.render(story.body)

    def item_link(self, story: Story) -> str:
        return story.get_absolute_url()

    def item_pubdate(self, story: Story) -> Any:
        return story.published_at

    def item_updateddate(self, story: Story) -> Any:
        return max(story.updated_at, story.published_at)

    def item_author_name(self, story: Story) -> str:
        return story.author.name if story.author else _("A former member")


feed = require_safe(StoriesFeed())


@GET_AND_POST
def get_involved(request: HttpRequest, slug: str) -> HttpResponse:
    """The expression-of-interest form: no account needed."""
    collective = access.collective_public(slug)
    page = PublicPage.as_read(collective)
    form = InterestForm(posted(request))
    if request.method == "POST":
        if form.is_spam():
            return redirect("stories:thanks", slug=slug)
        if form.is_valid():
            try:
                services.interest_submit(
                    collective=collective,
                    name=form.cleaned_data["name"],
                    email=form.cleaned_data["email"],
                    interests=form.cleaned_data["interests"],
                    consent=form.cleaned_data["consent"],
                    address=client_address(request),
                    account=request.user,
                )
            except ValidationError as error:
                _show_error(form, error)
            else:
                return redirect("stories:thanks", slug=slug)
    return render(
        request,
        "stories/get_involved.html",
        {
            "collective": collective,
            "page": page,
            "get_involved": _html(page.get_involved),
            "form": form,
            "honeypot": spam.HONEYPOT_FIELD,
        },
        status=400 if form.errors else 200,
    )


@require_safe
def thanks(request: HttpRequest, slug: str) -> HttpResponse:
    collective = access.collective_public(slug)
    return render(request, "stories/thanks.html", {"collective": collective})


# The members' writing desk


@login_required
@require_safe
def desk(request: HttpRequest, slug: str) -> HttpResponse:
    collective = access.collective_for_member(request.user, slug)
    now = timezone.now()
    stories = (
        Story.objects.filter(collective=collective)
        .select_related("author")
        .order_by("-updated_at", "-pk")
    )
    viewer = access.story_roles(request.user, collective)
    may_publish = viewer.publisher
    page = page_or_404(request, stories, QUEUE_PER_PAGE)
    counts = {}
    if may_publish:
        counts = {
            "waiting": Story.objects.filter(
                collective=collective, submitted_at__isnull=False
            ).count(),
            "held": Comment.objects.filter(
                story__collective=collective, published_at__isnull=True, hidden_at__isnull=True
            ).count(),
            "reported": CommentReport.objects.filter(
                comment__story__collective=collective, dealt_with_at__isnull=True
            ).count(),
            "interest": Interest.objects.filter(
                collective=collective, answered_at__isnull=True
            ).count(),
        }
    return render(
        request,
        "stories/desk.html",
        {
            "collective": collective,
            "page_obj": page,
            "now": now,
            "may_publish": may_publish,
            "may_edit_page": viewer.edits_page,
            "counts": counts,
        },
    )


@login_required
@GET_AND_POST
def story_new(request: HttpRequest, slug: str) -> HttpResponse:
    collective = access.collective_for_member(request.user, slug)
    form = StoryForm(posted(request), collective=collective)
    if request.method == "POST" and form.is_valid():
        story = services.story_create(
            collective=collective,
            author=request.user,
            values=form.cleaned_data,
            co_authors=form.members_chosen("co_authors"),
            tags=form.cleaned_data["tags"],
        )
        messages.success(request, _("Your draft is saved. Only members can see it."))
        return redirect("stories:preview", slug=slug, pk=story.pk)
    return render(
        request,
        "stories/story_form.html",
        {"collective": collective, "form": form, "story": None},
        status=400 if form.errors else 200,
    )


@login_required
@GET_AND_POST
def story_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    collective = access.collective_for_member(request.user, slug)
    story = access.story_for_editor(request.user, collective, pk)
    form = StoryForm(posted(request), instance=story, collective=collective)
    if request.method == "POST" and form.is_valid():
        services.story_update(
            story=story,
            actor=request.user,
            values=form.cleaned_data,
            co_authors=form.members_chosen("co_authors"),
            tags=form.cleaned_data["tags"],
        )
        messages.success(request, _("Your changes are saved."))
        return redirect("stories:preview", slug=slug, pk=story.pk)
    return render(
        request,
        "stories/story_form.html",
        {"collective": collective, "form": form, "story": story},
        status=400 if form.errors else 200,
    )


@login_required
@require_safe
def story_preview(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The story as it will look when published, for members."""
    collective = access.collective_for_member(request.user, slug)
    story = access.story_for_member(request.user, collective, pk)
    story.collective = collective
    context = _story_context(request, story, preview=True)
    context |= {
        "may_edit": access.may_edit_story(request.user, story),
        "may_publish": access.may_publish(request.user, collective),
        "state": story.state(),
        "state_label": story.state_label(),
    }
    return render(request, "stories/story.html", context)


@login_required
@GET_AND_POST
def story_images(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    collective = access.collective_for_member(request.user, slug)
    story = access.story_for_editor(request.user, collective, pk)
    story.collective = collective
    form = ImageForm(posted(request), posted_files(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.image_add(
                story=story,
                actor=request.user,
                upload=form.cleaned_data["file"],
                alt=form.cleaned_data["alt"],
                caption=form.cleaned_data["caption"],
                credit=form.cleaned_data["credit"],
            )
        except ValidationError as error:
            form.add_error(error_field(error, form) or "file", error.messages[0])
        else:
            messages.success(request, _("The picture is added."))
            return redirect("stories:images", slug=slug, pk=pk)
    return render(
        request,
        "stories/images.html",
        {"collective": collective, "story": story, "form": form, "images": story.images.all()},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def image_remove(request: HttpRequest, slug: str, pk: int, image_pk: int) -> HttpResponse:
    """Removing a picture deletes its file, so it asks to confirm on its own page first."""
    collective = access.collective_for_member(request.user, slug)
    story = access.story_for_editor(request.user, collective, pk)
    picture = StoryImage.objects.filter(story=story, pk=image_pk).select_related("story").first()
    if picture is None:
        raise Http404("No such picture.")
    picture.story.collective = collective
    if request.method != "POST":
        context = {
            "caption": story.title,
            "question": _("Remove this picture?"),
            "explanation": _(
                "The picture “%(alt)s” is deleted from the story. "
                "You cannot undo this, but you can add it again."
            )
            % {"alt": picture.alt},
            "button": _("Yes, remove the picture"),
            "back_url": reverse("stories:images", args=[slug, pk]),
            "back_text": _("No, keep it"),
        }
        return render(request, "confirm.html", context)
    services.image_remove(image=picture, actor=request.user)
    messages.success(request, _("The picture is removed."))
    return redirect("stories:images", slug=slug, pk=pk)


@login_required
@require_POST
def story_submit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    collective = access.collective_for_member(request.user, slug)
    story = access.story_for_editor(request.user, collective, pk)
    story.collective = collective
    try:
        services.story_submit(story=story, actor=request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("The publishers are told your story is ready."))
    return redirect("stories:preview", slug=slug, pk=pk)


@login_required
@GET_AND_POST
def story_publish(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    collective = access.collective_for_publisher(request.user, slug)
    story = access.story_for_member(request.user, collective, pk)
    story.collective = collective
    form = PublishForm(posted(request))
    if request.method == "POST" and form.is_valid():
        later = form.cleaned_data["when"] == "later"
        services.story_publish(
            story=story, actor=request.user, at=form.cleaned_data["at"] if later else None
        )
        messages.success(
            request,
            _("The story is scheduled.") if later else _("The story is published."),
        )
        return redirect("stories:preview", slug=slug, pk=pk)
    return render(
        request,
        "stories/publish.html",
        {"collective": collective, "story": story, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
@GET_AND_POST
def story_withdraw(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    collective = access.collective_for_publisher(request.user, slug)
    story = access.story_for_member(request.user, collective, pk)
    story.collective = collective
    form = ReasonForm(posted(request))
    if request.method == "POST" and form.is_valid():
        services.story_withdraw(
            story=story, actor=request.user, reason=form.cleaned_data["reason"]
        )
        messages.success(request, _("The story is taken down. It is a draft again."))
        return redirect("stories:preview", slug=slug, pk=pk)
    return render(
        request,
        "stories/withdraw.html",
        {"collective": collective, "story": story, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
@require_safe
def moderation(request: HttpRequest, slug: str) -> HttpResponse:
    """The moderators' queue: comments held for them, and comments reported."""
    collective = access.collective_for_publisher(request.user, slug)
    open_reports = CommentReport.objects.filter(dealt_with_at__isnull=True).select_related(
        "reported_by"
    )
    waiting = (
        Comment.objects.filter(story__collective=collective)
        .filter(
            Q(published_at__isnull=True, hidden_at__isnull=True)
            | Q(reports__dealt_with_at__isnull=True, reports__isnull=False)
        )
        .distinct()
        .select_related("author", "story")
        .prefetch_related(Prefetch("reports", queryset=open_reports, to_attr="open_reports"))
        .order_by("created_at", "pk")
    )
    hidden = (
        Comment.objects.filter(story__collective=collective, hidden_at__isnull=False)
        .select_related("author", "story", "hidden_by")
        .order_by("-hidden_at")[:20]
    )
    page = page_or_404(request, waiting, QUEUE_PER_PAGE)
    return render(
        request,
        "stories/moderation.html",
        {
            "collective": collective,
            "page_obj": page,
            "hidden": hidden,
        },
    )


@login_required
@GET_AND_POST
def comment_moderate(request: HttpRequest, slug: str, comment_pk: int) -> HttpResponse:
    collective = access.collective_for_publisher(request.user, slug)
    comment = access.comment_for_moderator(collective, comment_pk)
    comment.story.collective = collective
    form = ModerateForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.MODERATION.moderate(
                comment=comment,
                actor=request.user,
                decision=form.cleaned_data["decision"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            _show_error(form, error)
        else:
            messages.success(request, _("Done. It is recorded in the history."))
            return redirect("stories:moderation", slug=slug)
    return render(
        request,
        "stories/moderate.html",
        {
            "collective": collective,
            "comment": comment,
            "reports": comment.reports.select_related("reported_by"),
            "form": form,
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_safe
def interest_list(request: HttpRequest, slug: str) -> HttpResponse:
    collective = access.collective_for_answering(request.user, slug)
    waiting = Interest.objects.filter(collective=collective, answered_at__isnull=True).order_by(
        "created_at", "pk"
    )
    answered = (
        Interest.objects.filter(collective=collective, answered_at__isnull=False)
        .select_related("answered_by")
        .order_by("-answered_at")
    )
    page = page_or_404(request, answered, QUEUE_PER_PAGE)
    return render(
        request,
        "stories/interest_list.html",
        {
            "collective": collective,
            "waiting": waiting,
            "page_obj": page,
        },
    )


@login_required
@GET_AND_POST
def interest_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    collective = access.collective_for_answering(request.user, slug)
    interest = access.interest_in(collective, pk)
    interest.collective = collective
    form = AnswerForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.interest_answer(
                interest=interest, actor=request.user, answer=form.cleaned_data["answer"]
            )
        except ValidationError as error:
            _show_error(form, error)
        else:
            messages.success(
                request, _("Your answer is emailed to %(name)s.") % {"name": interest.name}
            )
            return redirect("stories:interest_list", slug=slug)
    return render(
        request,
        "stories/interest.html",
        {"collective": collective, "interest": interest, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
@GET_AND_POST
def public_settings(request: HttpRequest, slug: str) -> HttpResponse:
    collective = access.collective_for_settings(request.user, slug)
    page = PublicPage.for_collective(collective)
    form = PublicPageForm(
        posted(request), instance=page if page.pk else None, collective=collective
    )
    if request.method == "POST" and form.is_valid():
        services.public_page_save(
            collective=collective,
            actor=request.user,
            values=form.cleaned_data,
            editors=form.members_chosen("editors"),
        )
        messages.success(request, _("The public page is saved."))
        return redirect("stories:home", slug=slug)
    return render(
        request,
        "stories/settings.html",
        {"collective": collective, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def interest_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Delete a message and the details in it, when the person asks (after confirming:
    it cannot be undone)."""
    collective = access.collective_for_answering(request.user, slug)
    interest = access.interest_in(collective, pk)
    interest.collective = collective
    if request.method != "POST":
        context = {
            "caption": _("From %(name)s") % {"name": interest.name},
            "question": _("Delete this message and the details in it?"),
            "explanation": _(
                "The message, the name and the email address in it are deleted. "
                "The history keeps only that a message was deleted. You cannot undo this."
            ),
            "button": _("Yes, delete the message"),
            "back_url": reverse("stories:interest", args=[slug, pk]),
            "back_text": _("No, keep it"),
        }
        return render(request, "confirm.html", context)
    services.interest_delete(interest=interest, actor=request.user)
    messages.success(request, _("The message and the details in it are deleted."))
    return redirect("stories:interest_list", slug=slug)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def story_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Deleting a draft cannot be undone, so it asks to confirm on its own page first."""
    collective = access.collective_for_member(request.user, slug)
    story = access.story_for_editor(request.user, collective, pk)
    story.collective = collective
    if request.method != "POST":
        context = {
            "caption": story.title,
            "question": _("Delete this draft story?"),
            "explanation": _("The draft and its pictures are deleted. You cannot undo this."),
            "button": _("Yes, delete the draft"),
            "back_url": reverse("stories:preview", args=[slug, pk]),
            "back_text": _("No, keep it"),
        }
        return render(request, "confirm.html", context)
    try:
        services.story_delete(story=story, actor=request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
        return redirect("stories:preview", slug=slug, pk=pk)
    messages.success(request, _("The draft is deleted."))
    return redirect("stories:desk", slug=slug)
