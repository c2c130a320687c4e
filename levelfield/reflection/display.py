"""A closed round's results as its page shows them, rendered once and kept.

The results (the figures by principle, the perception gaps, the trend's chart and table,
each question with its average) are the same for every member who reads them in the
same words, and a closed round's answers never change: rendering them cost about half
of the page's time. So the HTML is kept under a digest of everything it is made from
(`lib.cache.digested_many`): the round and its closing, the questions as the reader sees
them (translated or not), the rounds in the trend with their titles, and the minimum
group size; the reader's language is part of the key. Any change to them is a new key.

Only the comments differ between readers: each reader gets them in a new random order,
as before, put into the kept HTML where each question's comments go. The empty form for
what the team will do is kept the same way (`action_fields_html`), and so is the
check-in form's questions, empty, with each reader's own answers put in as they are
shown (`answer_fields_html`): nobody's answers are kept.
"""

from __future__ import annotations

import re
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from levelfield.lib import cache as lib_cache
from levelfield.reflection import results
from levelfield.reflection.forms import ActionForm, AnswerForm
from levelfield.reflection.models import CheckInRound
from levelfield.translations.shown import Shown

KEPT_SECONDS = results.FIGURES_SECONDS
# Where a question's comments go in the kept HTML. Nothing shown can contain it: every
# text on the page is escaped, so no "<" comes from a question, a title or a comment.
_SLOT = "<!--comments of question {}-->"


def results_html(checkin: CheckInRound, shown: list[Shown]) -> SafeString | None:
    """The round's results for this reader, or None while there are none to show.
    One query (the trend's rounds) and one read of the cache on a visit."""
    if not checkin.has_results:
        return None
    rounds = results.trend_rounds(checkin)
    made_from = (
        checkin.pk,
        checkin.closed_at.timestamp(),
        checkin.respondent_count,
        checkin.split_by_perspective,
        settings.MINIMUM_ANONYMOUS_GROUP,
        tuple((one.obj.pk, one.obj.theme, one.obj.text, one.original.theme) for one in shown),
        tuple((r.pk, r.title, r.closes_at.timestamp()) for r in rounds),
    )
    (html,) = lib_cache.digested_many(
        "reflection:results-html",
        [(made_from, lambda: _render(checkin, shown, rounds))],
        seconds=KEPT_SECONDS,
    )
    for question_id, items in results.reader_comments(checkin).items():
        html = html.replace(_SLOT.format(question_id), items, 1)
    # Rendered (and escaped) by the template; the comments are escaped list items.
    return mark_safe(html)  # noqa: S308


def _render(checkin: CheckInRound, shown: list[Shown], rounds: list[CheckInRound]) -> str:
    found = results.results_for(checkin, [one.obj for one in shown])
    for theme in found.themes:
        for item in theme.questions:
            item.comment_items = SafeString(_SLOT.format(item.question.pk))
    trend = results.trend_for(checkin, [one.original for one in shown], rounds)
    themes = {one.original.theme: one.obj.theme for one in shown}
    for line in trend.lines:
        line.theme = themes.get(line.theme, line.theme)
    context: dict[str, Any] = {
        "checkin": checkin,
        "results": found,
        "trend": trend,
        "chart": chart_context(),
        "minimum": settings.MINIMUM_ANONYMOUS_GROUP,
        "gap_large": results.GAP_LARGE,
    }
    return render_to_string("reflection/includes/results.html", context)


def action_fields_html(form: ActionForm) -> SafeString:
    """The fields of the form for what the team will do. Empty, they are the same for
    every reader of the round in a language, so kept under a digest of the themes they
    offer (Django's widgets cost over a millisecond a page); with what someone typed and
    its errors, rendered for them."""

    def render() -> str:
        return render_to_string("reflection/includes/action_fields.html", {"form": form})

    if form.is_bound:
        return mark_safe(render())  # noqa: S308
    themes = tuple(form.fields["theme"].choices)
    (html,) = lib_cache.digested_many(
        "reflection:action-fields", [(themes, render)], seconds=KEPT_SECONDS
    )
    # Rendered (and escaped) by Django's form templates.
    return mark_safe(html)  # noqa: S308


# Where a reader's comment goes in the kept check-in form (in a textarea, so escaped as
# it is: letters, digits and hyphens), and a score's radio button as the form draws it.
_COMMENT_SLOT = "levelfield-comment-slot-{}-"
_FILLED = re.compile(
    r'name="score_(\d+)" type="radio" value="(\d+)">|levelfield-comment-slot-(\d+)-'
)


def answer_fields_html(form: AnswerForm, *, easy_read: bool) -> SafeString:
    """The check-in form's questions with the reader's own answers. The questions'
    markup (Django's radio buttons and text areas, over a millisecond a question) is the
    same for everyone who reads them in the same words, so it is kept, empty, under a
    digest of the questions as shown; the reader's scores and comments are put in as the
    form would draw them. Nobody's answers are ever kept: the kept form holds only
    places for them. A form sent back with errors is rendered for its writer."""

    def render(shown: AnswerForm) -> str:
        return render_to_string(
            "reflection/includes/answer_fields.html", {"form": shown, "easy_read": easy_read}
        )

    if form.is_bound:
        return mark_safe(render(form))  # noqa: S308

    def render_empty() -> str:
        empty = AnswerForm(questions=form.questions)
        empty.initial = {f"comment_{q.pk}": _COMMENT_SLOT.format(q.pk) for q in form.questions}
        return render(empty)

    made_from = (
        tuple((q.pk, q.theme, q.text, q.easy_read_text) for q in form.questions),
        easy_read,
    )
    (html,) = lib_cache.digested_many(
        "reflection:answer-fields", [(made_from, render_empty)], seconds=KEPT_SECONDS
    )

    def fill(found: re.Match) -> str:
        if found.group(3) is not None:
            comment = form.initial.get(f"comment_{found.group(3)}")
            # As the text area draws its value: escaped, nothing when empty.
            return escape(str(comment)) if comment else ""
        score = form.initial.get(f"score_{found.group(1)}")
        if score is not None and str(score) == found.group(2):
            return found.group(0)[:-1] + " checked>"
        return found.group(0)

    # One pass: what is put in is never searched again.
    return mark_safe(_FILLED.sub(fill, html))  # noqa: S308


def chart_context() -> dict[str, Any]:
    return {
        "width": results.CHART_WIDTH,
        "height": results.CHART_HEIGHT,
        "left": results.LEFT,
        "right": results.CHART_WIDTH - results.RIGHT,
        "bottom": results.CHART_HEIGHT - results.BOTTOM,
        "label_y": results.CHART_HEIGHT - results.BOTTOM + 20,
        "ticks": results.y_ticks(),
    }
