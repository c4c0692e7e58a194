from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Feedback(models.Model):
    """An anonymous "Did this solve it?" answer on a wizard outcome; nothing about the person."""

    outcome = models.CharField(_("outcome"), max_length=40, db_index=True)
    language = models.CharField(_("language"), max_length=8)
    solved = models.BooleanField(_("solved"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("wizard feedback")
        verbose_name_plural = _("wizard feedback")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.outcome} ({self.language}): {'solved' if self.solved else 'not solved'}"


class ShortLink(models.Model):
    """A support agent's link (/l/<code>/) that opens the wizard at a customer's case.

    A macro link is a template for a help desk: /l/<code>/<ticket>/ makes, on first opening, the
    ticket's own link (`macro` points back to it), so that each ticket is followed on its own.
    """

    code = models.CharField(_("code"), max_length=32, unique=True)
    query = models.CharField(_("wizard answers"), max_length=300, blank=True)
    tenant = models.CharField(_("tenant"), max_length=253, blank=True)
    language = models.CharField(_("language"), max_length=8)
    ticket = models.CharField(_("ticket reference"), max_length=64, blank=True)
    is_macro = models.BooleanField(_("help desk macro"), default=False)
    macro = models.ForeignKey(
        "self",
        verbose_name=_("macro"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="tickets",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="short_links",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, db_index=True)
    expires_at = models.DateTimeField(_("expires at"))
    times_opened = models.PositiveIntegerField(_("times opened"), default=0)
    last_opened_at = models.DateTimeField(_("last opened at"), null=True, blank=True)

    class Meta:
        verbose_name = _("short link")
        verbose_name_plural = _("short links")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["macro", "ticket"],
                condition=models.Q(macro__isnull=False),
                name="one_link_per_macro_ticket",
            )
        ]

    def __str__(self) -> str:
        return f"/l/{self.code}/ ({self.ticket or '-'})"

    @property
    def has_expired(self) -> bool:
        return self.expires_at <= timezone.now()
