"""What a learner is told when a text is too long: the limit written as people write
numbers (5,000, not 5000)."""

from __future__ import annotations

from levelfield.learning import forms


def test_a_reflection_over_the_limit_is_told_the_limit_with_commas() -> None:
    form = forms.ReflectionForm({"text": "x" * 5001})
    assert form.errors["text"] == ["Keep your reflection to 5,000 characters or fewer"]


def test_no_length_message_writes_a_number_without_commas() -> None:
    """Every learning form's 'too long' message, checked against its own limit."""
    for form_class in vars(forms).values():
        if not (isinstance(form_class, type) and issubclass(form_class, forms.forms.Form)):
            continue
        for field in form_class.base_fields.values():
            message = field.error_messages.get("max_length", "")
            if "characters" in message and field.max_length >= 1000:
                assert f"{field.max_length:,}" in message, (form_class.__name__, message)
