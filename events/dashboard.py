"""The admin dashboard's "Colloques" panel: what comes next, and what waits for a moderator."""

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from wagtail.admin.ui.components import Component
from wagtail.models import Page, WorkflowState, get_default_page_content_type

from events.models import EventPage

UPCOMING_LIMIT = 5


class ColloquiaPanel(Component):
    name = "andelis_colloquia"
    template_name = "events/admin/dashboard_panel.html"
    # Before Wagtail's own panels (moderation 210-220, locked pages, recent edits).
    order = 50

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        today = timezone.localdate()
        # Drafts waiting for their dates (a next edition just prepared) count as upcoming.
        context["upcoming_events"] = list(
            EventPage.objects.filter(Q(end__date__gte=today) | Q(start__isnull=True))
            .select_related("venue")
            .order_by("start", "path")[:UPCOMING_LIMIT]
        )
        states = list(
            WorkflowState.objects.active()
            .filter(
                status=WorkflowState.STATUS_IN_PROGRESS,
                base_content_type=get_default_page_content_type(),
            )
            .select_related("requested_by", "current_task_state__task")
            .order_by("created_at")
        )
        pages = Page.objects.filter(pk__in=[int(state.object_id) for state in states])
        by_id = {str(page.pk): page for page in pages}
        context["awaiting_moderation"] = [
            (by_id[state.object_id], state) for state in states if state.object_id in by_id
        ]
        user = parent_context["request"].user
        if user.has_perm("comments.change_comment"):
            from comments.models import Comment

            context["pending_comments"] = Comment.objects.filter(
                status=Comment.Status.PENDING
            ).count()
            context["pending_comments_url"] = (
                reverse("wagtailsnippets_core_comment:list") + "?status=pending"
            )
        return context
