"""The link builder's form: where the wizard opens, for whom, and for how long."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from helpcenter.languages import language_name
from wizard.addresses import is_plausible_domain
from wizard.diagnostics import ErrorDetails, clean_code
from wizard.flow.links import error_query, outcome_query
from wizard.flow.model import Flow
from wizard.shortlinks import TICKET

OUTCOME = "outcome:"
SCREEN = "screen:"
DAY_CHOICES = (7, 30, 90)


def place_choices(flow: Flow) -> list[tuple[str, list[tuple[str, str]]]]:
    """The places a link can open at, grouped: each case (outcome), and each first answer."""
    start = flow.questions[flow.start]
    outcomes = [
        (OUTCOME + outcome.id, outcome.title.plain)
        for outcome in flow.outcomes.values()
        if outcome_query(flow, outcome.id) is not None
    ]
    screens = [(SCREEN + answer.id, answer.text.plain) for answer in start.answers]
    return [
        (str(_("The customer's case")), outcomes),
        (str(_("What the customer saw")), screens),
    ]


def _day_choices() -> list[tuple[int, str]]:
    days = sorted({*DAY_CHOICES, settings.HELPCENTER_SHORT_LINK_DAYS})
    return [(count, str(_("%(count)s days") % {"count": count})) for count in days]


class LinkForm(forms.Form):
    place = forms.ChoiceField(label=_("Open the wizard at"), required=False)
    code = forms.CharField(
        label=_("Or an error code"),
        required=False,
        max_length=16,
        help_text=_("The AADSTS code the customer sent, for example 90094."),
    )
    language = forms.ChoiceField(label=_("The customer's language"))
    tenant = forms.CharField(
        label=_("The customer's company domain (optional)"),
        required=False,
        max_length=253,
        help_text=_("For example contoso.com: her admin's guide and consent link are then for it."),
    )
    ticket = forms.CharField(
        label=_("Ticket reference (optional)"),
        required=False,
        max_length=64,
        help_text=_("Letters, digits, and . _ # - only; shown in your list of links."),
    )
    days = forms.TypedChoiceField(label=_("Valid for"), coerce=int)
    as_macro = forms.BooleanField(
        label=_("A template for a help desk macro"),
        required=False,
        help_text=_(
            "The link ends in {{ticket.id}}, which your help desk replaces in each ticket."
        ),
    )

    def __init__(self, flow: Flow, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.flow = flow
        self.fields["place"].choices = [("", _("Choose…")), *place_choices(flow)]
        self.fields["language"].choices = [
            (code, language_name(code)) for code, _name in settings.LANGUAGES
        ]
        self.fields["days"].choices = _day_choices()
        self.fields["days"].initial = settings.HELPCENTER_SHORT_LINK_DAYS

    def clean_code(self) -> str:
        raw = self.cleaned_data["code"].strip().upper().removeprefix("AADSTS")
        if raw and clean_code(raw) is None:
            raise forms.ValidationError(_("An error code is 5 to 7 digits, for example 90094."))
        return raw

    def clean_tenant(self) -> str:
        tenant = self.cleaned_data["tenant"].strip().lower()
        if tenant and not is_plausible_domain(tenant):
            raise forms.ValidationError(
                _("Write the domain of the customer's work email, for example contoso.com.")
            )
        return tenant

    def clean_ticket(self) -> str:
        ticket = self.cleaned_data["ticket"].strip()
        if ticket and not TICKET.fullmatch(ticket):
            raise forms.ValidationError(_("Use letters, digits, and . _ # - only."))
        return ticket

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if not data.get("place") and not data.get("code") and not self.has_error("code"):
            raise forms.ValidationError(
                _("Choose where the wizard opens, or give an error code."), code="no_place"
            )
        return data

    def query(self) -> dict[str, str]:
        """The wizard's answers for the place chosen (the error code wins over the list)."""
        code, place = self.cleaned_data["code"], self.cleaned_data["place"]
        if code:
            return error_query(self.flow, ErrorDetails(code=code))
        if place.startswith(OUTCOME):
            return outcome_query(self.flow, place.removeprefix(OUTCOME)) or {}
        return {self.flow.start: place.removeprefix(SCREEN)}
