"""What anyone writes in Markdown is shown as safe HTML, under one policy."""

from __future__ import annotations

from levelfield.lib import markdown


def test_a_script_is_removed_with_its_content() -> None:
    html = markdown.render("Hello <script>alert('hi')</script> there")
    assert "<script" not in html and "alert" not in html
    assert "Hello" in html and "there" in html


def test_a_javascript_link_loses_its_address_and_a_web_link_keeps_it() -> None:
    html = markdown.render("[bad](javascript:alert(1)) and [good](https://example.org)")
    assert "javascript:" not in html
    assert '<a href="https://example.org" rel="nofollow noopener">good</a>' in html


def test_styles_classes_and_handlers_are_removed() -> None:
    html = markdown.render('<p class="x" style="color:red" onclick="go()">Text</p>')
    assert html == "<p>Text</p>"


def test_headings_move_into_the_levels_the_page_allows() -> None:
    html = markdown.render("# Top\n\n## Second\n\n###### Deep")
    assert "<h2>Top</h2>" in html and "<h2>Second</h2>" in html and "<h4>Deep</h4>" in html
    assert "<h1" not in html and "<h6" not in html
    nested = markdown.render("# Top\n\n## Second", heading_levels=(3, 4))
    assert nested == "<h3>Top</h3>\n<h3>Second</h3>"


def test_an_app_may_allow_more_tags_and_filter_attributes() -> None:
    text = "![A chart](/static/c.png) ![Elsewhere](https://e.org/c.png)"
    assert "<img" not in markdown.render(text)

    def local_only(tag: str, attribute: str, value: str) -> str | None:
        return None if attribute == "src" and not value.startswith("/") else value

    html = markdown.render(
        text,
        extra_tags={"img"},
        extra_attributes={"img": {"src", "alt"}},
        attribute_filter=local_only,
    )
    assert '<img alt="A chart" src="/static/c.png">' in html
    assert 'src="https://e.org' not in html and 'alt="Elsewhere"' in html


def test_empty_text_is_empty() -> None:
    assert markdown.render("") == ""
