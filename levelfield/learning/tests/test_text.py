"""Course pages' Markdown becomes sanitised HTML; writers are told what to fix."""

from __future__ import annotations

from levelfield.learning import text


def test_markdown_is_rendered_and_anything_dangerous_is_removed() -> None:
    html = text.render(
        "# Title\n\n**Bold** <script>alert(1)</script> [link](javascript:alert(1)) "
        '<div style="color:red" onclick="x()">styled</div> [safe](https://example.org)'
    )
    assert "<h2>Title</h2>" in html  # the page's own title is the only h1
    assert "<strong>Bold</strong>" in html
    assert "<script" not in html and "javascript:" not in html
    assert "style=" not in html and "onclick" not in html
    assert 'href="https://example.org"' in html


def test_images_need_alt_text_and_must_be_stored_here() -> None:
    assert text.problems("![A table](/static/t.png)") == []
    assert "alt text" in text.problems("![](/static/t.png)")[0]
    assert "stored on Levelfield" in text.problems("![A table](https://e.org/t.png)")[0]
    assert "src" not in text.render("![A table](https://e.org/t.png)")


HOSTILE_SOURCES = [
    "/\\evil.example/x.png",
    "/\\\\evil.example/x.png",
    "\\\\evil.example/x.png",
    "/&#92;evil.example/x.png",
    "/&#x5C;evil.example/x.png",
    "/&#9;/evil.example/x.png",
    "/&#10;/evil.example/x.png",
    "//evil.example/x.png",
    "https://evil.example/x.png",
    "javascript:alert(1)",
    "data:image/png;base64,iVBORw0KGgo=",
    "evil.example/x.png",
]


def test_an_image_elsewhere_in_disguise_is_refused_and_never_rendered() -> None:
    for src in HOSTILE_SOURCES:
        page = f"![A chart]({src})"
        assert any("stored on Levelfield" in p for p in text.problems(page)), src
        assert "<img" not in text.render(page) or "src=" not in text.render(page), src


def test_images_stored_here_still_pass() -> None:
    for src in ["/static/meeting.png", "/media/learning/2027/chart%20one.png", "/a/b?c=d"]:
        page = f"![A chart]({src})"
        assert text.problems(page) == [], src
        assert f'src="{src}"' in text.render(page).replace("&amp;", "&"), src
