"""A request's status as a coloured tag, and the group page's long lists, drawn in
Python: as an `{% include %}` or a template loop each cost about half a millisecond a
row."""

from __future__ import annotations

from html import escape

from django import template
from django.urls import reverse
from django.utils.html import format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from levelfield.lib import words
from levelfield.reviews.models import ReviewRequest
from levelfield.templatetags.levelfield import tag

register = template.Library()

# The words and colours the status tag has always shown (not the model's labels).
_TAGS = {
    "waiting": (gettext_lazy("Waiting for reviewers"), "yellow"),
    "reviewing": (gettext_lazy("Being reviewed"), "blue"),
    "drafting": (gettext_lazy("Response being agreed"), "purple"),
    "sent": (gettext_lazy("Response sent"), "green"),
    "reported": (gettext_lazy("Reported back"), "turquoise"),
}
_WITHDRAWN = (gettext_lazy("Withdrawn"), "grey")


@register.simple_tag
def review_status(status: str) -> SafeString:
    label, colour = _TAGS.get(status, _WITHDRAWN)
    return tag(str(label), colour)


@register.simple_tag
def member_rows(members: list[dict[str, object]]) -> SafeString:
    """The rows of the group's members table (a name, their load) in one pass: a group of
    a few hundred cost a dozen milliseconds as a template loop."""
    return format_html_join(
        "\n",
        '<tr class="govuk-table__row"><td class="govuk-table__cell">{}</td>'
        '<td class="govuk-table__cell govuk-table__cell--numeric">{}</td></tr>',
        ((member["name"], member["load"]) for member in members),
    )


class _RowWords:
    """What the group page's rows share, worked out once a page rather than once a row:
    a request's address (one URL reversal), the status tags (five) and each day's words
    (a queue's deadlines repeat)."""

    def __init__(self) -> None:
        head, tail = reverse("reviews:request", args=[0]).rsplit("/0/", 1)
        self._url = (head + "/", "/" + tail)
        self._tags: dict[str, str] = {}
        self._days: dict[object, str] = {}

    def url(self, pk: int) -> str:
        return f"{self._url[0]}{pk}{self._url[1]}"

    def status(self, status: str) -> str:
        if status not in self._tags:
            self._tags[status] = review_status(status)
        return self._tags[status]

    def day(self, moment: object) -> str:
        if moment not in self._days:
            self._days[moment] = escape(words.day(moment)) if moment else ""  # type: ignore[arg-type]
        return self._days[moment]


# The rows below are written with the standard library's `html.escape` (what Django's
# `escape` does inside) rather than `format_html`: Django's checks for lazy text on every
# value cost more than the rest of a row.


@register.simple_tag
def queue_rows(queue: list[ReviewRequest]) -> SafeString:
    """The rows of the members' queue, drawn in Python: as a template loop the fifty rows
    (a link, a translated sentence, a date, a tag each) cost about ten milliseconds. The
    markup and words are the loop's own."""
    shared = _RowWords()
    former = _("a former member")
    from_words = _("From %(name)s")
    reviewing = " " + _("You are reviewing it.")
    rows = []
    for item in queue:
        name = item.researcher_name or former
        # As {% blocktranslate %} does: the words are trusted, the name escaped.
        source = from_words % {"name": escape(name)}
        organisation = f", {escape(item.organisation)}" if item.organisation else ""
        rows.append(
            '<tr class="govuk-table__row">'
            f'<td class="govuk-table__cell"><a class="govuk-link" href="{shared.url(item.pk)}">'
            f"{escape(item.project_title)}</a><br>"
            f'<span class="govuk-body-s">{source}{organisation}. {escape(item.stage_label)}.'
            f"{reviewing if item.mine else ''}</span></td>"
            f'<td class="govuk-table__cell">{shared.day(item.deadline)}</td>'
            f'<td class="govuk-table__cell">{shared.status(item.status)}</td>'
            '<td class="govuk-table__cell govuk-table__cell--numeric">'
            f"{int(item.reviewer_count)}</td></tr>"
        )
    return mark_safe("\n".join(rows))  # noqa: S308


@register.simple_tag
def done_rows(done: list[ReviewRequest]) -> SafeString:
    """The items of the group's "Responses sent" list, drawn in Python like the queue."""
    shared = _RowWords()
    sent_words = _(", sent %(day)s.")
    return mark_safe(  # noqa: S308
        "\n".join(
            f'<li><a class="govuk-link" href="{shared.url(item.pk)}">'
            f"{escape(item.project_title)}</a>"
            f"{sent_words % {'day': shared.day(item.response_sent_at)}} "
            f"{shared.status(item.status)}</li>"
            for item in done
        )
    )
