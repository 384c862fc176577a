"""Admin registration of visitors' comments: a snippet listing with bulk moderation."""

from wagtail import hooks
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from comments.admin import (
    ApproveBulkAction,
    CommentPermissionPolicy,
    CommentViewSet,
    RejectBulkAction,
)
from comments.models import Comment

register_permission_policy(Comment, CommentPermissionPolicy(Comment))
register_snippet(CommentViewSet)
hooks.register("register_bulk_action", ApproveBulkAction)
hooks.register("register_bulk_action", RejectBulkAction)
