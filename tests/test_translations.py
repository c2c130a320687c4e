"""Every language Levelfield offers is complete, and what people read is marked for
translation (issue 28).

- Each catalogue (`locale/<code>/LC_MESSAGES/django.po`: one per app and one for the
  shared layout in levelfield/locale) has every message translated and none fuzzy, and
  its committed `django.mo` says the same, so `make run` needs no gettext and a stale
  compiled file cannot hide a change. Every catalogue exists in every offered language.
- The templates of every app with a catalogue carry no words outside `{% translate %}` and
  `{% blocktranslate %}`: not in the page, and not in alt, title, aria-label or
  placeholder. The apps not translated yet are listed here, so the list can only shrink:
  an app that gains a catalogue must leave it, and a new app must be translated.
"""

from __future__ import annotations

import ast
import builtins
import re
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.template.base import Lexer, TokenType

ROOT = Path(settings.BASE_DIR) / "levelfield"
# The languages offered to people (the tests add a right-to-left one for layout only).
OTHER_LANGUAGES = [
    code
    for code, _name in settings.LANGUAGES
    if code != settings.LANGUAGE_CODE
    and code not in dict(getattr(settings, "LAYOUT_TEST_LANGUAGES", []))
]

# Apps whose words are not marked yet (issue 28, carried over): remove an app when its
# templates and Python are marked and its catalogue is complete.
NOT_YET_TRANSLATED: set[str] = set()
SHARED = "levelfield"  # the shared layout: levelfield/templates, templatetags, lib

# Templates that are not words for people: the health check's machine-read answer.
NOT_FOR_PEOPLE = {"templates/health.txt"}


def _catalogue_roots() -> list[Path]:
    """Every directory that keeps a catalogue (holds locale/), shared layout included."""
    return sorted({po.parents[3] for po in ROOT.glob("**/locale/*/LC_MESSAGES/django.po")})


def _apps_with_templates() -> list[str]:
    return sorted(
        path.parent.name for path in ROOT.glob("*/templates") if path.parent.name != "templates"
    )


def _name(root: Path) -> str:
    return SHARED if root == ROOT else root.name


CATALOGUES = [
    pytest.param(root, code, id=f"{_name(root)}-{code}")
    for root in _catalogue_roots()
    for code in OTHER_LANGUAGES
]


@pytest.mark.parametrize(("root", "code"), CATALOGUES)
def test_every_message_is_translated_and_compiled(root: Path, code: str) -> None:
    folder = root / "locale" / code / "LC_MESSAGES"
    assert (folder / "django.po").exists(), f"{_name(root)} has no {code} catalogue"
    catalogue = polib.pofile(str(folder / "django.po"))
    assert catalogue.metadata.get("Plural-Forms"), "the header must say the plural forms"
    untranslated = [entry.msgid for entry in catalogue.untranslated_entries()]
    fuzzy = [entry.msgid for entry in catalogue.fuzzy_entries()]
    assert not untranslated, f"not yet translated into {code}: {untranslated[:10]}"
    assert not fuzzy, f"marked fuzzy (check, then remove the mark): {fuzzy[:10]}"
    compiled = folder / "django.mo"
    assert compiled.exists(), "compile it: make messages"
    assert _messages(polib.mofile(str(compiled))) == _messages(catalogue), (
        f"{compiled} is older than its .po: make messages"
    )


def _messages(catalogue: polib._BaseFile) -> dict[tuple[str, str], object]:
    found: dict[tuple[str, str], object] = {}
    for entry in catalogue:
        if not entry.msgid or entry.obsolete or "fuzzy" in entry.flags:
            continue
        key = (entry.msgctxt or "", entry.msgid)
        found[key] = tuple(sorted(entry.msgstr_plural.items())) or entry.msgstr
    return found


def test_the_list_of_apps_still_to_translate_only_shrinks() -> None:
    translated = {_name(root) for root in _catalogue_roots()}
    assert not NOT_YET_TRANSLATED & translated, (
        f"translated now, take out of NOT_YET_TRANSLATED: {NOT_YET_TRANSLATED & translated}"
    )
    missing = {SHARED, *_apps_with_templates()} - translated - NOT_YET_TRANSLATED
    assert not missing, (
        f"apps with words but no catalogue (make messages, then translate): {missing}"
    )


# What people see or hear in a template once its tags, scripts and styles are gone.
_HIDDEN = re.compile(r"<!--.*?-->|<script\b.*?</script>|<style\b.*?</style>", re.S | re.I)
_READ_ALOUD = re.compile(
    r"""\s(?:alt|title|aria-label|placeholder)\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.I
)
_TAG = re.compile(r"<[^>]*>", re.S)
_ENTITY = re.compile(r"&(?:#\d+|#x[0-9a-f]+|[a-z]+);", re.I)
_WORD = re.compile(r"[^\W\d_]{2,}")
_NOT_WORDS = {"Levelfield"}  # the name is the same in every language
_OPENS = {"blocktranslate", "blocktrans", "comment", "verbatim"}
_CLOSES = {"endblocktranslate", "endblocktrans", "endcomment", "endverbatim"}
_PLACEHOLDER = "\x00"


def unmarked_words(source: str) -> list[str]:
    """The words of a template left outside the translation tags."""
    pieces: list[str] = []
    depth = 0
    for token in Lexer(source).tokenize():
        if token.token_type == TokenType.BLOCK:
            name = token.contents.split()[0] if token.contents.split() else ""
            if name in _OPENS:
                depth += 1
            elif name in _CLOSES:
                depth -= 1
            pieces.append(_PLACEHOLDER)
        elif token.token_type == TokenType.TEXT and depth == 0:
            pieces.append(token.contents)
        else:
            pieces.append(_PLACEHOLDER)
    text = _HIDDEN.sub(" ", "".join(pieces))
    spoken = " ".join(a or b for a, b in _READ_ALOUD.findall(text))
    text = _ENTITY.sub(" ", _TAG.sub(" ", text) + " " + spoken)
    return [word for word in _WORD.findall(text) if word not in _NOT_WORDS]


def _templates_of(name: str) -> list[Path]:
    root = ROOT / "templates" if name == SHARED else ROOT / name / "templates"
    return sorted(
        path
        for path in root.glob("**/*")
        if path.suffix in {".html", ".txt"} and str(path.relative_to(ROOT)) not in NOT_FOR_PEOPLE
    )


@pytest.mark.parametrize("name", [SHARED, *_apps_with_templates()])
def test_no_words_are_left_out_of_translation_in_templates(name: str) -> None:
    if name in NOT_YET_TRANSLATED:
        pytest.skip(f"{name}: not marked for translation yet (issue 28)")
    left = {
        str(path.relative_to(ROOT)): words[:8]
        for path in _templates_of(name)
        if (words := unmarked_words(path.read_text()))
    }
    assert not left, f"words outside {{% translate %}}: {left}"


def test_the_check_finds_words_outside_the_tags_and_none_inside() -> None:
    marked = (
        '{% load i18n %}<h1>{% translate "Your data" %}</h1>'
        "{% blocktranslate trimmed with name=person.name %}Hello {{ name }}{% endblocktranslate %}"
        '<img src="x.png" alt="{% translate "A map" %}"><script>var quiet = 1;</script>'
        "{% comment %}Notes for developers{% endcomment %}<p>Levelfield &middot; 3</p>"
    )
    assert unmarked_words(marked) == []
    unmarked = '<p>Save your answer</p><img src="x" alt="A map"><a title="Close it">{{ x }}</a>'
    assert unmarked_words(unmarked) == ["Save", "your", "answer", "map", "Close", "it"]


# Python words people read: these keyword arguments and these calls' text arguments.
_WORDY_KEYWORDS = {
    "label",
    "help_text",
    "verbose_name",
    "verbose_name_plural",
    "empty_label",
    "hint",
    "meaning",
    "word",
    "message",
}
_WORDY_CALLS = {
    "ValidationError",
    "success",
    "error",
    "warning",
    "info",
    "add_message",
    "add_error",
}
# Keys of dicts whose values people read: the confirm page's words, an email's subject.
_WORDY_KEYS = {"question", "explanation", "button", "back_text", "subject", "message"}
# Calls whose `label` is a name for the code, not for people (an app's label).
_NOT_FOR_PEOPLE = {"AppManifest"}
# Errors for developers and logs, never shown to people.
_FOR_CODE = {"IntegrityError", "DatabaseError", "OperationalError", "ImproperlyConfigured"}
_TRANSLATING = {
    "_",
    "gettext",
    "gettext_lazy",
    "ngettext",
    "ngettext_lazy",
    "pgettext",
    "pgettext_lazy",
    "npgettext",
    "npgettext_lazy",
    "format_lazy",
}


def _is_words(node: ast.AST) -> bool:
    """A literal (or f-string) holding a word of two letters or more."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return bool(_WORD.search(node.value)) and node.value not in _NOT_WORDS
    if isinstance(node, ast.JoinedStr):
        return any(_is_words(part) for part in node.values)
    return False


def _names_a_column(text: ast.AST, call: ast.Call) -> bool:
    """`message="message"`: a keyword naming a column for an export, not words."""
    return any(kw.value is text and kw.arg == getattr(text, "value", None) for kw in call.keywords)


def _model_field_note(call: ast.Call, keyword: str) -> bool:
    """A model field's help_text: a note for developers here (forms carry people's hints)."""
    func = call.func
    return (
        keyword == "help_text"
        and isinstance(func, ast.Attribute)
        and getattr(func.value, "id", "") == "models"
    )


def _call_name(node: ast.Call) -> str:
    func = node.func
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")


def unmarked_python_words(source: str) -> list[str]:
    """Text people read that a module leaves unmarked: labels, hints, messages and
    choice labels given as plain strings rather than through gettext."""
    found: list[str] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and _call_name(node) not in _TRANSLATING | _NOT_FOR_PEOPLE:
            name = _call_name(node)
            texts = [
                kw.value
                for kw in node.keywords
                if kw.arg in _WORDY_KEYWORDS and not _model_field_note(node, kw.arg)
            ]
            for kw in node.keywords:
                if kw.arg == "error_messages" and isinstance(kw.value, ast.Dict):
                    texts += kw.value.values
            if name in _WORDY_CALLS:
                texts += node.args[-1:] if name != "ValidationError" else node.args[:1]
            elif name.endswith("Error") and not hasattr(builtins, name) and name not in _FOR_CODE:
                texts += node.args[:1]  # an app's own error, whose words are shown
            found += [
                ast.unparse(text)
                for text in texts
                if _is_words(text) and not _names_a_column(text, node)
            ]
        elif isinstance(node, ast.Dict):
            found += [
                ast.unparse(value)
                for key, value in zip(node.keys, node.values, strict=True)
                if isinstance(key, ast.Constant) and key.value in _WORDY_KEYS and _is_words(value)
            ]
        elif isinstance(node, ast.ClassDef) and any(
            getattr(base, "id", getattr(base, "attr", "")) in {"TextChoices", "IntegerChoices"}
            for base in node.bases
        ):
            for item in node.body:
                value = getattr(item, "value", None)
                if isinstance(item, ast.Assign) and isinstance(value, ast.Tuple):
                    found += [ast.unparse(e) for e in value.elts[1:] if _is_words(e)]
    return found


def _python_of(name: str) -> list[Path]:
    roots = [ROOT / "lib", ROOT / "templatetags"] if name == SHARED else [ROOT / name]
    return sorted(
        path
        for root in roots
        for path in root.glob("**/*.py")
        if not {"tests", "migrations", "testing", "management"} & set(path.parts)
        and path.name not in {"demo.py", "scale.py"}
    )


@pytest.mark.parametrize("name", [SHARED, *sorted(p.parent.name for p in ROOT.glob("*/apps.py"))])
def test_no_words_are_left_out_of_translation_in_python(name: str) -> None:
    if name in NOT_YET_TRANSLATED or name not in {SHARED, *_apps_with_templates()}:
        pytest.skip(f"{name}: not marked for translation yet (issue 28)")
    left = {
        str(path.relative_to(ROOT)): words[:6]
        for path in _python_of(name)
        if (words := unmarked_python_words(path.read_text()))
    }
    assert not left, f"words not marked with gettext: {left}"


def test_the_python_check_finds_plain_labels_and_messages() -> None:
    source = """
class Stage(models.TextChoices):
    DESIGN = "design", "Design"
    DONE = "done", _("Done")

name = forms.CharField(label="Your name", help_text=_("As people know you"))
messages.success(request, "Saved.")
raise ValidationError("Enter a date")
raise ValidationError(_("Enter a time"))
kept = forms.CharField(label=gettext_lazy("Kept"))
when = forms.DateField(error_messages={"invalid": "Enter a real date"})
raise TaskError("This task is done")
confirm = {"question": "Delete it?", "back_url": "/tasks/"}
"""
    assert sorted(unmarked_python_words(source)) == sorted(
        [
            "'Design'",
            "'Your name'",
            "'Saved.'",
            "'Enter a date'",
            "'Enter a real date'",
            "'This task is done'",
            "'Delete it?'",
        ]
    )
