"""What the help center stores: anonymous events, article feedback, and the search index.

Nothing here names a person: no IP address, no email, no account. An event is a name, the page
language, a time, what it was about (an outcome, a step, an article) and, when the visit came from
a support agent's short link, that link's code. See README "What is stored".
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Event(models.Model):
    """Something a visitor did, anonymously: for the support team's insight dashboard."""

    name = models.CharField(_("event"), max_length=32)
    language = models.CharField(_("language"), max_length=8)
    # What it was about: an outcome, a question, an article key, a guide; empty when nothing.
    subject = models.CharField(_("subject"), max_length=64, blank=True)
    # A closed value that qualifies it (the answer, the email channel, yes/no), or the search
    # term for a search that found nothing: never anything else typed by a visitor.
    detail = models.CharField(_("detail"), max_length=100, blank=True)
    link_code = models.CharField(_("short link"), max_length=32, blank=True, db_index=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["name", "created_at"], name="event_name_time")]

    def __str__(self) -> str:
        return f"{self.name} {self.subject} ({self.language})"


class ArticleFeedback(models.Model):
    """One visitor's "Did this answer your question?" on one article; a new vote replaces it.

    `voter` is a keyed hash of a random cookie and the article: it tells two votes of the same
    browser apart from two visitors, and cannot be turned back into the cookie.
    """

    article = models.CharField(_("article"), max_length=64)
    language = models.CharField(_("language"), max_length=8)
    helpful = models.BooleanField(_("helpful"))
    comment = models.CharField(_("comment"), max_length=500, blank=True)
    voter = models.CharField(_("voter"), max_length=64, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("article feedback")
        verbose_name_plural = _("article feedback")
        ordering = ["-updated_at"]
        constraints = [
            models.UniqueConstraint(fields=["article", "voter"], name="one_vote_per_article")
        ]

    def __str__(self) -> str:
        return f"{self.article} ({self.language}): {'yes' if self.helpful else 'no'}"


class SearchEntry(models.Model):
    """A searchable page in one language, as the search index shows it (rebuilt from content)."""

    kind = models.CharField(max_length=16)
    language = models.CharField(max_length=8)
    url = models.CharField(max_length=300)
    title = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    body = models.TextField(blank=True)

    class Meta:
        indexes = [models.Index(fields=["language"], name="search_entry_language")]

    def __str__(self) -> str:
        return f"{self.kind} {self.url}"


class SearchIndexState(models.Model):
    """The content version the search index was built from: one row, locked while rebuilding."""

    version = models.CharField(max_length=64, blank=True)
    built_at = models.DateTimeField(null=True)

    def __str__(self) -> str:
        return f"search index of content {self.version or '(none)'}"
