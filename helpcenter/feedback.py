"""Article feedback: "Did this answer your question?", yes or no, and a short comment after a no.

The article page is the same for everybody (it is cached whole), so its form carries no token:
the POST is anonymous, rate-limited, and answered privately. One vote per visitor and article:
the POST's answer sets a signed cookie holding a random token, and the vote is stored under a keyed
hash of that token and the article, which cannot be turned back into the token. Voting again
replaces the earlier vote. With htmx the form is swapped for the thank-you; without JavaScript the
POST redirects to a private thank-you page that offers the comment box.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import IntegrityError, transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from helpcenter.content import get_library
from helpcenter.content.articles import Article
from helpcenter.events import ARTICLE_FEEDBACK, record
from helpcenter.models import ArticleFeedback
from helpcenter.ratelimits import WRITES, limit_posts

VOTER_COOKIE = "hc_voter"
_VOTER_SALT = "helpcenter.feedback.voter"
VOTER_COOKIE_SECONDS = 365 * 24 * 3600
MAX_COMMENT_CHARS = 500
VOTES = {"yes": True, "no": False}


def voter_hash(token: str, article_key: str) -> str:
    """The stored identity of a vote: the same browser and article give the same value."""
    return salted_hmac(_VOTER_SALT, f"{token}:{article_key}", algorithm="sha256").hexdigest()


def _voter_token(request: HttpRequest) -> tuple[str, bool]:
    """The visitor's random token, and whether it is new (to be set as a cookie)."""
    token = request.get_signed_cookie(VOTER_COOKIE, default="", salt=_VOTER_SALT)
    if token and len(token) <= 64:
        return token, False
    return secrets.token_urlsafe(16), True


def _article(slug: str) -> Article:
    """The article at `slug`: in the page's language, or the source a reader of it is shown."""
    library = get_library()
    for lang in (get_language(), *library.languages):
        article = library.articles.get(lang, slug)
        if article is not None:
            return article
    raise Http404("No such article.")


def save_vote(article: Article, voter: str, helpful: bool) -> ArticleFeedback:
    """Stores the vote, replacing the visitor's earlier one (a changed mind drops the comment)."""
    for _attempt in range(2):
        try:
            with transaction.atomic():
                vote, created = ArticleFeedback.objects.select_for_update().get_or_create(
                    article=article.key,
                    voter=voter,
                    defaults={"helpful": helpful, "language": article.lang},
                )
                if not created and vote.helpful != helpful:
                    vote.helpful, vote.comment, vote.language = helpful, "", article.lang
                    vote.save(update_fields=["helpful", "comment", "language", "updated_at"])
                return vote
        except IntegrityError:
            continue  # the same visitor's other vote won the race: update it
    raise RuntimeError("could not store the vote")


def _state(request: HttpRequest, article: Article, voter: str) -> dict[str, object]:
    vote = ArticleFeedback.objects.filter(article=article.key, voter=voter).first()
    return {
        "article": article,
        "feedback_url": reverse("helpcenter:feedback", kwargs={"slug": article.slug}),
        "vote": None if vote is None else ("yes" if vote.helpful else "no"),
        "comment_saved": bool(vote and vote.comment),
        "max_comment": MAX_COMMENT_CHARS,
    }


def _answer(
    request: HttpRequest, context: dict[str, object], token: str, new: bool, status: int = 200
) -> HttpResponse:
    if getattr(request, "htmx", False):
        # htmx swaps only 2xx answers: a refused comment comes back as the block with its error.
        response = render(request, "helpcenter/_article_feedback.html", context)
    elif status == 200:
        # Post, then redirect: reloading the thank-you page sends nothing again.
        response = redirect(
            reverse("helpcenter:feedback", kwargs={"slug": context["article"].slug})  # type: ignore[attr-defined]
        )
    else:
        response = render(request, "helpcenter/feedback.html", context, status=status)
    if new:
        response.set_signed_cookie(
            VOTER_COOKIE,
            token,
            salt=_VOTER_SALT,
            max_age=VOTER_COOKIE_SECONDS,
            secure=settings.SESSION_COOKIE_SECURE,
            httponly=True,
            samesite="Lax",
        )
    return response


@csrf_exempt  # the form sits on a public, cached page; it changes nothing that belongs to anyone
@require_http_methods(["GET", "HEAD", "POST"])
@never_cache
@limit_posts(WRITES)
def article_feedback(request: HttpRequest, slug: str) -> HttpResponse:
    """POST: a vote or a comment; GET: the visitor's thank-you page (where no-JS votes land)."""
    article = _article(slug)
    token, new = _voter_token(request)
    voter = voter_hash(token, article.key)
    if request.method != "POST":
        return render(request, "helpcenter/feedback.html", _state(request, article, voter))
    helpful = request.POST.get("helpful")
    comment = request.POST.get("comment")
    if helpful is not None:
        if helpful not in VOTES:
            context = {**_state(request, article, voter), "error": _("Choose yes or no.")}
            return _answer(request, context, token, new, status=400)
        save_vote(article, voter, VOTES[helpful])
        record(request, ARTICLE_FEEDBACK, article.key, helpful)
        return _answer(request, _state(request, article, voter), token, new)
    if comment is not None:
        return _save_comment(request, article, voter, comment, token, new)
    context = {**_state(request, article, voter), "error": _("Choose yes or no.")}
    return _answer(request, context, token, new, status=400)


def _save_comment(
    request: HttpRequest, article: Article, voter: str, comment: str, token: str, new: bool
) -> HttpResponse:
    text = " ".join(comment.split())
    context = _state(request, article, voter)
    if context["vote"] != "no":
        context["error"] = _("Tell us first whether the article answered your question.")
        return _answer(request, context, token, new, status=400)
    if len(text) > MAX_COMMENT_CHARS:
        context["comment"] = comment[: MAX_COMMENT_CHARS * 4]
        context["comment_error"] = _(
            "Your comment is %(length)s characters long: %(max)s at most, please."
        ) % {"length": len(text), "max": MAX_COMMENT_CHARS}
        return _answer(request, context, token, new, status=400)
    if text:
        ArticleFeedback.objects.filter(article=article.key, voter=voter).update(
            comment=text, updated_at=timezone.now()
        )
    return _answer(request, _state(request, article, voter), token, new)
