"""The demo shows translations as members make them: Welsh by Maggie, one out of date."""

from __future__ import annotations

import pytest

from levelfield.translations.models import Translation
from levelfield.translations.shown import shown_list

pytestmark = pytest.mark.django_db


def test_the_demo_has_welsh_translations_one_of_them_out_of_date(demo: None) -> None:
    translations = list(Translation.objects.select_related("translated_by", "content_type"))
    kinds = {row.content_type.model for row in translations}
    assert {"story", "publicpage", "opportunity"} <= kinds
    assert {row.language for row in translations} == {"cy"}
    assert {row.translated_by.display_name for row in translations} == {"Maggie Lawson"}

    originals = [
        row.content_type.get_object_for_this_type(pk=row.object_id) for row in translations
    ]
    shown = shown_list(originals, language="cy")
    assert sum(item.out_of_date for item in shown) == 1


def test_the_demo_has_a_decision_and_a_check_in_in_welsh_with_easy_read(demo: None) -> None:
    from levelfield.decisions.demo import ALLIES_QUESTION
    from levelfield.decisions.models import Decision
    from levelfield.reflection.demo import WINTER
    from levelfield.reflection.models import CheckInRound

    decision = Decision.objects.get(title=ALLIES_QUESTION)
    options = list(decision.options.all())
    shown = shown_list([decision, *options], language="cy")
    assert all(item.translation is not None and not item.out_of_date for item in shown)
    assert shown[0].obj.title.startswith("Sut dylai’r Grŵp")
    assert decision.easy_read_question and shown[0].obj.easy_read_question != (
        decision.easy_read_question
    )
    assert all(option.easy_read_label for option in options)

    checkin = CheckInRound.objects.filter(title=WINTER).select_related("version").first()
    questions = list(checkin.version.questions.all())
    assert all(question.easy_read_text for question in questions)
    shown = shown_list(questions, language="cy")
    assert all(item.translation is not None and not item.out_of_date for item in shown)
    assert shown[0].obj.theme == "Rhannu grym"
