"""Long lists shown a page at a time, the same way on every page that pages.

`page_or_404` is the one pager: `?page=` that is not a number shows page 1; a number
past the end is a 404, not an empty page; `?page=last` is the last page, so "the newest"
of a list in oldest-first order can be linked to without counting it first. The page it
returns carries `numbers`, the elided page numbers (1 … 4 5 6 … 20) that
`templates/includes/pagination.html`, the one pagination template, shows; its links keep
the rest of the query string (filters).
"""

from __future__ import annotations

from collections.abc import Sequence

from django.core.paginator import EmptyPage, Page, Paginator
from django.http import Http404, HttpRequest


def page_or_404(
    request: HttpRequest, items: Sequence, per_page: int, *, count: int | None = None
) -> Page:
    """The page asked for in ?page=; page 1 when it is not a number, 404 past the end,
    the last page for "last". `count` is the number of items when a kept count already
    says it (saving the COUNT query)."""
    paginator = Paginator(items, per_page)
    if count is not None:
        paginator.count = count  # Paginator.count is a cached property
    asked = request.GET.get("page", "1")
    try:
        number = paginator.num_pages if asked == "last" else int(asked)
    except ValueError:
        number = 1
    try:
        page = paginator.page(number)
    except EmptyPage:
        raise Http404("There is no such page.") from None
    page.numbers = page_range(page)
    return page


def page_range(page: Page) -> list[int | str]:
    """The page numbers to link to, with "…" standing for the ones left out."""
    return list(page.paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1))
