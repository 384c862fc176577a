"""Visitors' comments under a colloquium or its proceedings, held for moderation."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class CommentQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(status=Comment.Status.APPROVED)

    def pending(self):
        return self.filter(status=Comment.Status.PENDING)


class Comment(models.Model):
    """What a visitor wrote under a page. Nothing shows on the site until a
    moderator approves it; the moderator may answer in the association's name.

    The visitor's e-mail address is for the association only: no template
    shows it, and ``manage.py erase_personal_data`` blanks it after
    ``COMMENTS_EMAIL_RETENTION_MONTHS`` months (``comments/retention.py``).
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("À modérer")
        APPROVED = "approved", _("Publié")
        REJECTED = "rejected", _("Refusé")

    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page"),
        on_delete=models.CASCADE,
        related_name="visitor_comments",
    )
    author_name = models.CharField(_("nom"), max_length=80)
    email = models.EmailField(
        _("adresse e-mail"),
        blank=True,
        help_text=_(
            "Jamais affichée sur le site ; effacée quelques mois après le commentaire "
            "(COMMENTS_EMAIL_RETENTION_MONTHS)."
        ),
    )
    text = models.TextField(_("commentaire"))
    status = models.CharField(
        _("statut"),
        max_length=20,
        choices=Status.choices,
        default=Status.PENDING,
        help_text=_("Seuls les commentaires publiés sont visibles sur le site."),
    )
    created_at = models.DateTimeField(_("date"), default=timezone.now)
    date_known = models.BooleanField(
        _("afficher la date"),
        default=True,
        help_text=_(
            "Décochez pour un commentaire repris d'un ancien site dont la date n'est pas "
            "connue : le site n'affiche alors aucune date. La date ci-dessus sert "
            "seulement à l'ordre des commentaires et au délai d'effacement de l'e-mail."
        ),
    )
    reply = models.TextField(
        _("réponse de l'ANDELIS"),
        blank=True,
        help_text=_(
            "Publiée sous le commentaire, avec la mention « Réponse de l'ANDELIS ». "
            "Texte simple : les retours à la ligne sont conservés."
        ),
    )
    reply_author = models.CharField(
        _("signature de la réponse"),
        max_length=80,
        blank=True,
        help_text=_(
            "Facultatif : le nom de la personne qui répond, par exemple « Emmanuel Weislo »."
        ),
    )
    replied_at = models.DateTimeField(_("date de la réponse"), null=True, blank=True)

    objects = CommentQuerySet.as_manager()

    class Meta:
        # The table from when comments were part of core (migrations/0001_initial.py).
        db_table = "core_comment"
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["page", "status", "created_at"])]
        verbose_name = _("commentaire")
        verbose_name_plural = _("commentaires")

    def __str__(self):
        excerpt = " ".join(self.text.split())
        if len(excerpt) > 60:
            excerpt = excerpt[:59] + "…"
        return f"{self.author_name} : {excerpt}"

    def save(self, *args, **kwargs):
        # The reply's date is when it was first written; removing it clears it.
        if self.reply.strip() and self.replied_at is None:
            self.replied_at = timezone.now()
        elif not self.reply.strip():
            self.reply, self.replied_at = "", None
        super().save(*args, **kwargs)

    @property
    def excerpt(self):
        text = " ".join(self.text.split())
        return text if len(text) <= 80 else text[:79] + "…"
