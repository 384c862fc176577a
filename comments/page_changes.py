"""``pages_changed`` when a page's published comments change.

A comment shows on its page once approved; approving, editing the reply of, rejecting or
deleting a published comment changes the page. A new comment waits for moderation and
changes nothing a visitor sees.
"""

from django.db.models.signals import post_delete, post_save, pre_save

from comments.models import Comment
from core.signals import pages_changed


def _shown(status):
    return status == Comment.Status.APPROVED


def remember_status(sender, instance, raw=False, **kwargs):
    if raw or instance.pk is None:
        instance._status_before = None
        return
    instance._status_before = (
        Comment.objects.filter(pk=instance.pk).values_list("status", flat=True).first()
    )


def on_comment_saved(sender, instance, raw=False, **kwargs):
    if raw:
        return
    if _shown(instance.status) or _shown(getattr(instance, "_status_before", None)):
        pages_changed.send(sender=Comment, pages=[instance.page])


def on_comment_deleted(sender, instance, **kwargs):
    if _shown(instance.status):
        pages_changed.send(sender=Comment, pages=[instance.page])


def comments_status_changed(comments, status):
    """For the moderation's bulk actions, which update rows without saving each one."""
    from wagtail.models import Page

    page_ids = {
        comment.page_id
        for comment in comments
        if comment.status != status and (_shown(comment.status) or _shown(status))
    }
    if page_ids:
        pages_changed.send(sender=Comment, pages=list(Page.objects.filter(pk__in=page_ids)))


def connect():
    pre_save.connect(remember_status, sender=Comment, dispatch_uid="comments.status_before")
    post_save.connect(on_comment_saved, sender=Comment, dispatch_uid="comments.page_changes")
    post_delete.connect(on_comment_deleted, sender=Comment, dispatch_uid="comments.deleted")
