from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from helpcenter.languages import language_name
from wizard.addresses import clean_tenant, tenant_domain

# Microsoft's consumer mail domains: an address there belongs to no organization (no tenant).
PERSONAL_DOMAINS = frozenset(
    {
        "outlook.com",
        "outlook.fr",
        "hotmail.com",
        "hotmail.fr",
        "live.com",
        "live.fr",
        "msn.com",
        "gmail.com",
        "googlemail.com",
        "yahoo.com",
        "yahoo.fr",
        "icloud.com",
        "me.com",
        "orange.fr",
        "free.fr",
        "laposte.net",
        "sfr.fr",
        "wanadoo.fr",
        "proton.me",
        "protonmail.com",
    }
)


class SingleLineField(forms.CharField):
    """A one-line text: a line break here is refused, so it can never start a new mail header."""

    def validate(self, value: str) -> None:
        super().validate(value)
        if any(char in value for char in "\r\n\x0b\x0c\x85\u2028\u2029"):
            raise forms.ValidationError(_("Please write this on a single line."), code="multiline")


class AdminEmailForm(forms.Form):
    name = SingleLineField(label=_("Your name"), max_length=80)
    company = SingleLineField(label=_("Your company"), max_length=80)
    email = forms.EmailField(label=_("Your work email"), max_length=254)
    tenant = SingleLineField(
        label=_("Your organization’s tenant ID or domain (optional)"),
        max_length=253,
        required=False,
        help_text=_(
            "It goes in the admin consent link. Microsoft recommends the tenant ID; without one, "
            "the link names your work email’s domain."
        ),
    )
    admin_email = forms.EmailField(
        label=_("Your admin's email (optional)"), max_length=254, required=False
    )
    admin_language = forms.ChoiceField(
        label=_("Language of the email"),
        # Each language in its own name: the user picks the admin's language, not her own.
        choices=[(code, language_name(code)) for code, _name in settings.LANGUAGES],
    )
    note = forms.CharField(
        label=_("A personal note (optional)"),
        max_length=600,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        for name, field in self.fields.items():
            # The error paragraph always exists (empty when fine), so that the live preview can
            # fill it in place and screen readers find it from the field.
            described_by = [f"id_{name}_error"] + (
                [f"id_{name}_helptext"] if field.help_text else []
            )
            field.widget.attrs["aria-describedby"] = " ".join(described_by)
            if isinstance(field, SingleLineField | forms.EmailField):
                field.widget.attrs["autocomplete"] = {
                    "name": "name",
                    "company": "organization",
                    "email": "email",
                }.get(name, "off")

    def clean_email(self) -> str:
        email: str = self.cleaned_data["email"]
        domain = tenant_domain(email)
        if domain is None:
            raise forms.ValidationError(
                _(
                    "The part after the @ does not look like a company domain (for example name@company.com)."
                ),
                code="domain",
            )
        if domain in PERSONAL_DOMAINS:
            raise forms.ValidationError(
                _("This looks like a personal address. Use the work email you connect to Zeliq."),
                code="personal",
            )
        return email

    def clean_tenant(self) -> str:
        typed: str = self.cleaned_data["tenant"]
        if typed and clean_tenant(typed) is None:
            raise forms.ValidationError(
                _("This is neither a tenant ID (a GUID) nor a domain name like company.com."),
                code="tenant",
            )
        return typed

    def consent_tenant(self) -> str | None:
        """The organization for the admin consent link: the tenant typed, else the domain of the
        work email, else None (the link then names "organizations")."""
        typed = clean_tenant(self.cleaned_data.get("tenant", ""))
        if typed:
            return typed
        return tenant_domain(self.cleaned_data["email"]) if "email" in self.cleaned_data else None

    def live_errors(self) -> dict[str, list[str]]:
        """While the user types: errors on what she wrote, not on fields she has not reached."""
        return {
            name: [str(message) for message in messages]
            for name, messages in self.errors.items()
            if self.data.get(self.add_prefix(name), "").strip()
        }
