from __future__ import annotations

from django.db import models
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


class OutcomeVisit(models.Model):
    """A wizard outcome shown to someone: anonymous, for the support team's view of common cases."""

    outcome = models.CharField(_("outcome"), max_length=40, db_index=True)
    language = models.CharField(_("language"), max_length=8)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("outcome visit")
        verbose_name_plural = _("outcome visits")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.outcome} ({self.language})"
