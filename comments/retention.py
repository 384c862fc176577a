"""Comment authors' e-mail addresses are erased ``COMMENTS_EMAIL_RETENTION_MONTHS``
months after the comment. The name and the text stay: they were published (or
refused) as the visitor wrote them; only the address, which the site never shows,
goes."""

from django.db import transaction

from comments.models import Comment
from core import personal_data


def erase_comment_emails(cutoff, now, dry_run=False):
    comments = Comment.objects.filter(created_at__lt=cutoff).exclude(email="")
    if dry_run:
        return comments.count()
    with transaction.atomic():
        return comments.update(email="")


def register():
    personal_data.register(
        personal_data.Eraser(
            option="comment-months",
            setting="COMMENTS_EMAIL_RETENTION_MONTHS",
            erase=erase_comment_emails,
            what="adresse(s) e-mail de commentaires",
            label="Commentaire sous une page",
            data=(
                "votre nom (publié avec le commentaire), votre commentaire et votre adresse "
                "e-mail, qui n’est jamais affichée"
            ),
            purpose=(
                "publier votre commentaire après relecture et pouvoir vous répondre ; "
                "le nom et le commentaire publiés restent en ligne"
            ),
            counted_from="le commentaire, puis l’adresse e-mail est effacée",
        )
    )
