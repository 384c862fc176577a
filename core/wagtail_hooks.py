"""Admin registration of what ``core`` holds: visitors' comments, login lockouts."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import AdminOnlyMenuItem
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from core.comments.admin import (
    ApproveBulkAction,
    CommentPermissionPolicy,
    CommentViewSet,
    RejectBulkAction,
)
from core.comments.models import Comment
from core.logins.views import lockouts_view

register_permission_policy(Comment, CommentPermissionPolicy(Comment))
register_snippet(CommentViewSet)
hooks.register("register_bulk_action", ApproveBulkAction)
hooks.register("register_bulk_action", RejectBulkAction)


# Logins: the administrators' list of current lockouts, under Settings.
@hooks.register("register_admin_urls")
def register_lockouts_url():
    return [path("connexions-bloquees/", lockouts_view, name="logins_lockouts")]


@hooks.register("register_settings_menu_item")
def register_lockouts_menu_item():
    return AdminOnlyMenuItem(
        _("Connexions bloquées"), reverse("logins_lockouts"), icon_name="lock", order=900
    )
