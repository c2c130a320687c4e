"""The one pager as the pages that use it see it: a page by number, page 1 for a word,
the last page by name (to link to the newest of an oldest-first list), 404 past the end."""

from __future__ import annotations

import pytest
from django.http import Http404
from django.test import RequestFactory

from levelfield.lib.paging import page_or_404

ITEMS = list(range(1, 26))  # 25 items, 10 a page: pages 1, 2 and 3 (of 5 items)


def _page(query: dict[str, str]):
    return page_or_404(RequestFactory().get("/", query), ITEMS, 10)


def test_a_page_is_found_by_its_number_and_page_1_stands_for_a_word():
    assert _page({"page": "2"}).object_list == list(range(11, 21))
    assert _page({}).number == 1
    assert _page({"page": "soon"}).number == 1


def test_the_last_page_is_found_by_name_without_knowing_how_many_there_are():
    page = _page({"page": "last"})
    assert page.number == 3 and page.object_list == [21, 22, 23, 24, 25]
    assert page_or_404(RequestFactory().get("/", {"page": "last"}), [], 10).number == 1


def test_a_page_past_the_end_is_not_found():
    with pytest.raises(Http404):
        _page({"page": "4"})
