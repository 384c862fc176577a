"""Receive a visitor's comment: checked, rate-limited, stored for moderation."""

from django.conf import settings
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_ratelimit.decorators import ratelimit
from wagtail.models import Page

from core.comments.forms import CommentForm
from core.comments.models import Comment
from core.comments.notifications import notify_moderators

# The page types that take comments.
COMMENTABLE = ("events.EventPage", "publications.ProceedingsPage")

SENT_PARAMETER = "commentaire"
SENT_VALUE = "merci"


def commentable(page):
    return page.specific_class is not None and (page.specific_class._meta.label in COMMENTABLE)


def _rate(group, request):
    return settings.COMMENTS_RATE_LIMIT


def _render_page(request, page, form, status):
    """The page itself, with the form as the visitor sent it and its errors."""
    form.restart()
    context = page.get_context(request)
    context["comment_form"] = form
    return TemplateResponse(request, page.get_template(request), context, status=status)


@require_POST
@ratelimit(key="ip", rate=_rate, method="POST", block=False, group="comments")
def post_comment(request, page_id):
    page = get_object_or_404(Page.objects.live().public(), pk=page_id)
    if not commentable(page):
        raise Http404
    page = page.specific
    form = CommentForm(request.POST, page=page)
    if getattr(request, "limited", False):
        # Nothing is stored; what was typed is kept for later.
        form.is_valid()
        form.errors.clear()
        form.add_error(
            None,
            _(
                "Vous avez envoyé beaucoup de commentaires en peu de temps. "
                "Merci de réessayer dans une dizaine de minutes."
            ),
        )
        return _render_page(request, page, form, status=429)
    if not form.is_valid():
        return _render_page(request, page, form, status=400)
    with transaction.atomic():
        comment = Comment.objects.create(
            page=page,
            author_name=form.cleaned_data["author_name"],
            email=form.cleaned_data["email"],
            text=form.cleaned_data["text"],
        )
        transaction.on_commit(lambda: notify_moderators(comment))
    return redirect(f"{page.get_url(request)}?{SENT_PARAMETER}={SENT_VALUE}#ajouter-un-commentaire")
