"""Moderation in the Wagtail admin: the list of comments, their filters, the
approve/reject bulk actions and the edit form where a moderator answers."""

import django_filters
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.models import Page
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction
from wagtail.snippets.views.snippets import SnippetViewSet

from comments.models import Comment
from comments.page_changes import comments_status_changed


class CommentPermissionPolicy(ModelPermissionPolicy):
    """Comments are written by visitors on the site: nobody adds one in the admin."""

    def user_has_permission(self, user, action):
        return action != "add" and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return super().user_has_any_permission(user, [a for a in actions if a != "add"])


def commented_pages():
    return Page.objects.filter(visitor_comments__isnull=False).distinct().order_by("title")


class CommentFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Statut"), choices=Comment.Status.choices, empty_label=_("Tous")
    )
    page = django_filters.ModelChoiceFilter(
        label=_("Page"), queryset=lambda request: commented_pages(), empty_label=_("Toutes")
    )

    class Meta:
        model = Comment
        fields = ["status", "page"]


class CommentViewSet(SnippetViewSet):
    model = Comment
    # The addresses from when comments were part of core: moderators' bookmarks and
    # the links in e-mails already sent keep working.
    url_prefix = "snippets/core/comment"
    url_namespace = "wagtailsnippets_core_comment"
    icon = "comment"
    menu_label = _("Commentaires")
    menu_order = 250
    add_to_admin_menu = True
    copy_view_enabled = False
    filterset_class = CommentFilterSet
    search_fields = ["author_name", "text", "email"]
    search_backend_name = None
    ordering = ["-created_at"]
    list_display = [
        "author_name",
        Column("excerpt", label=_("Commentaire"), accessor="excerpt"),
        Column("page", label=_("Page"), accessor="page"),
        Column("status", label=_("Statut"), accessor="get_status_display"),
        DateColumn("created_at", label=_("Date")),
    ]
    list_per_page = 50

    panels = [
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [
                        FieldPanel("author_name", read_only=True),
                        FieldPanel("email", read_only=True),
                    ]
                ),
                FieldPanel("page", read_only=True),
                FieldPanel("created_at", read_only=True),
                FieldPanel("date_known"),
                FieldPanel("text", read_only=True),
            ],
            heading=_("Le commentaire"),
        ),
        FieldPanel("status"),
        MultiFieldPanel(
            [FieldPanel("reply"), FieldPanel("reply_author")],
            heading=_("Répondre au nom de l'association"),
        ),
    ]

    def get_queryset(self, request):
        return Comment.objects.select_related("page")


class StatusBulkAction(SnippetBulkAction):
    """Set the status of the selected comments in one go."""

    template_name = "core/comments/bulk_confirm.html"
    status = None

    models = [Comment]

    def check_perm(self, obj):
        return self.permission_policy.user_has_permission_for_instance(
            self.request.user, "change", obj
        )

    @classmethod
    def execute_action(cls, objects, **kwargs):
        count = Comment.objects.filter(pk__in=[obj.pk for obj in objects]).update(status=cls.status)
        # update() saves no instance: say which pages now show other comments.
        comments_status_changed(objects, cls.status)
        return count, 0


class ApproveBulkAction(StatusBulkAction):
    display_name = _("Publier")
    action_type = "approve"
    aria_label = _("Publier les commentaires sélectionnés")
    action_priority = 10
    status = Comment.Status.APPROVED
    question = _("Publier ces commentaires sur le site ?")
    button = _("Oui, publier")

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext(
            "%(count)d commentaire publié.", "%(count)d commentaires publiés.", num_parent_objects
        ) % {"count": num_parent_objects}


class RejectBulkAction(StatusBulkAction):
    display_name = _("Refuser")
    action_type = "reject"
    aria_label = _("Refuser les commentaires sélectionnés")
    action_priority = 20
    status = Comment.Status.REJECTED
    question = _("Refuser ces commentaires ? Ils ne seront pas affichés sur le site.")
    button = _("Oui, refuser")

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext(
            "%(count)d commentaire refusé.", "%(count)d commentaires refusés.", num_parent_objects
        ) % {"count": num_parent_objects}
