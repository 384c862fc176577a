"""Admin registration of what ``core`` holds: visitors' comments."""

from wagtail import hooks
from wagtail.snippets.models import register_snippet

from core.comments.admin import ApproveBulkAction, CommentViewSet, RejectBulkAction

register_snippet(CommentViewSet)
hooks.register("register_bulk_action", ApproveBulkAction)
hooks.register("register_bulk_action", RejectBulkAction)
