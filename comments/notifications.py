"""Tell the moderators that a comment waits for them."""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse

logger = logging.getLogger(__name__)

# Who may approve, reject and answer comments in the admin; the roles that hold it
# are given it by the editors' group set-up, not here.
MODERATE_PERMISSION = "comments.change_comment"


def moderators():
    return (
        get_user_model()
        # Permissions live in the database (ModelBackend); the login throttle's
        # backend comes first in AUTHENTICATION_BACKENDS and grants nothing.
        .objects.with_perm(
            MODERATE_PERMISSION, is_active=True, backend="django.contrib.auth.backends.ModelBackend"
        )
        .exclude(email="")
        .order_by("pk")
    )


def notify_moderators(comment):
    """One e-mail to each moderator; a mail server failure never loses the comment."""
    recipients = sorted({user.email for user in moderators()})
    if not recipients:
        return 0
    context = {
        "comment": comment,
        "page": comment.page,
        "edit_url": settings.WAGTAILADMIN_BASE_URL.rstrip("/")
        + reverse("wagtailsnippets_core_comment:edit", args=[comment.pk]),
        "pending_url": settings.WAGTAILADMIN_BASE_URL.rstrip("/")
        + reverse("wagtailsnippets_core_comment:list")
        + "?status=pending",
    }
    subject = render_to_string("core/comments/email/new_comment_subject.txt", context)
    body = render_to_string("core/comments/email/new_comment.txt", context)
    try:
        return send_mail(" ".join(subject.split()), body, None, recipients)
    except Exception:
        logger.exception("Could not e-mail the moderators about comment %s", comment.pk)
        return 0
