from django.apps import AppConfig


class CommentsConfig(AppConfig):
    name = "comments"
    verbose_name = "Commentaires"

    def ready(self):
        from comments import page_changes, retention
        from core.roles import MODERATORS, grant

        page_changes.connect()
        retention.register()
        # Moderators moderate comments and are e-mailed about new ones (notifications.py).
        grant(
            MODERATORS,
            ["comments.view_comment", "comments.change_comment", "comments.delete_comment"],
        )
