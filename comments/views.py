"""Receive a visitor's comment: checked, rate-limited, stored for moderation."""

from django.conf import settings
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from wagtail.models import Page

from comments.forms import CommentForm
from comments.models import Comment
from comments.notifications import notify_moderators
from core import forms_protection

# The page types that take comments say so (events.EventPage, publications.ProceedingsPage).
COMMENTABLE_ATTRIBUTE = "accepts_visitor_comments"

SENT_PARAMETER = "commentaire"
SENT_VALUE = "merci"


def commentable(page):
    return getattr(page.specific_class, COMMENTABLE_ATTRIBUTE, False)


def _render_page(request, page, form, status):
    """The page itself, for this visitor only: the form as sent, its errors, a fresh token."""
    form.restart()
    context = page.get_context(request)
    context["comment_form"] = form
    response = TemplateResponse(request, page.get_template(request), context, status=status)
    if status in (429, 503):
        response["Retry-After"] = str(forms_protection.RETRY_AFTER_SECONDS)
    return forms_protection.no_store(response)


# No CSRF token: the page holding the form is the same for every visitor, so that
# the front cache can serve it. Posting needs no session and changes nothing a
# session may do, so a forged cross-site post gains nothing; the form's signed
# token (core/forms_protection.py: bound to this page, single-use, time-bound)
# is the check instead.
@csrf_exempt
@require_POST
def post_comment(request, page_id):
    page = get_object_or_404(Page.objects.live().public(), pk=page_id)
    if not commentable(page):
        raise Http404
    page = page.specific
    form = CommentForm(request.POST, page=page)
    try:
        limited = forms_protection.rate_limited(request, "comments", settings.COMMENTS_RATE_LIMIT)
    except forms_protection.Unavailable:
        form.is_valid()
        form.refuse("unavailable")
        return _render_page(request, page, form, status=503)
    if limited:
        # Nothing is stored; what was typed is kept for later.
        form.is_valid()
        form.refuse("rate_limited")
        return _render_page(request, page, form, status=429)
    if not form.is_valid():
        return _render_page(request, page, form, status=400)
    try:
        if not form.consume():
            return _render_page(request, page, form, status=400)
    except forms_protection.Unavailable:
        form.refuse("unavailable")
        return _render_page(request, page, form, status=503)
    with transaction.atomic():
        comment = Comment.objects.create(
            page=page,
            author_name=form.cleaned_data["author_name"],
            email=form.cleaned_data["email"],
            text=form.cleaned_data["text"],
        )
        transaction.on_commit(lambda: notify_moderators(comment))
    return redirect(f"{page.get_url(request)}?{SENT_PARAMETER}={SENT_VALUE}#ajouter-un-commentaire")
