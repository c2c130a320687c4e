from __future__ import annotations

from django import forms
from django.utils.translation import gettext as _

from levelfield.notifications import kinds
from levelfield.notifications.kinds import Frequency


class PreferencesForm(forms.Form):
    """One set of radios per kind of email people may choose about."""

    def __init__(self, *args: object, initial: dict[str, Frequency], **kwargs: object) -> None:
        super().__init__(*args, initial=initial, **kwargs)
        for kind in kinds.choosable():
            self.fields[kind.name] = forms.ChoiceField(
                label=kind.label,
                help_text=kind.description,
                choices=Frequency.choices,
                widget=forms.RadioSelect(attrs={"small": True}),
                error_messages={
                    "required": _("Choose how often to hear about %(kind)s")
                    % {"kind": kind.label.lower()}
                },
            )
