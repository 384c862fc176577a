"""Registration of visitors to a colloquium, with a seat limit and a waiting list.

The event page holds the editor's switches (``RegistrationSettingsMixin``); each
visitor's registration is a ``Registration`` row. Seats are handed out in
``registrations.services`` under a lock on the event's row, so two
visitors can never take the last seat together.
"""

from django.core import signing
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel

# Signed links already sent by e-mail keep working: the salt predates the move.
LINK_SIGNING_SALT = "events.registration"


class RegistrationSettingsMixin(models.Model):
    """What the editor decides about registration for one colloquium."""

    registration_open = models.BooleanField(
        _("inscriptions en ligne ouvertes"),
        default=False,
        help_text=_(
            "Cochez pour afficher le formulaire d'inscription sur la page du colloque. "
            "Les inscriptions se ferment d'elles-mêmes à la date de clôture ou au début du colloque."
        ),
    )
    registration_capacity = models.PositiveIntegerField(
        _("nombre de places"),
        null=True,
        blank=True,
        help_text=_(
            "Au-delà, les personnes sont inscrites sur liste d'attente et reçoivent une place "
            "dans l'ordre d'arrivée quand une place se libère. Laissez vide : pas de limite."
        ),
    )
    registration_closes_at = models.DateTimeField(
        _("clôture des inscriptions"),
        null=True,
        blank=True,
        help_text=_(
            "Date et heure (heure de Paris) après lesquelles on ne peut plus s'inscrire. "
            "Laissez vide : les inscriptions ferment au début du colloque."
        ),
    )
    registration_asks_role = models.BooleanField(
        _("demander la fonction"),
        default=False,
        help_text=_("Ajoute au formulaire un champ facultatif « Fonction »."),
    )
    registration_asks_accessibility = models.BooleanField(
        _("demander les besoins d'accessibilité"),
        default=False,
        help_text=_(
            "Ajoute au formulaire un champ facultatif pour signaler un besoin d'aménagement "
            "(fauteuil, interprète en langue des signes, boucle magnétique…)."
        ),
    )

    registration_panels = [
        MultiFieldPanel(
            [
                FieldPanel("registration_open"),
                FieldRowPanel(
                    [FieldPanel("registration_capacity"), FieldPanel("registration_closes_at")]
                ),
            ],
            heading=_("Inscriptions"),
        ),
        MultiFieldPanel(
            [FieldPanel("registration_asks_role"), FieldPanel("registration_asks_accessibility")],
            heading=_("Champs facultatifs du formulaire"),
        ),
    ]

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        if self.registration_capacity == 0:
            raise ValidationError(
                {
                    "registration_capacity": _(
                        "Indiquez au moins une place, ou laissez vide pour ne pas limiter "
                        "le nombre d'inscriptions."
                    )
                }
            )

    @property
    def registration_deadline(self):
        """When registration closes: the editor's date, or the start, whichever comes first."""
        if self.start is None:
            return self.registration_closes_at
        if self.registration_closes_at and self.registration_closes_at < self.start:
            return self.registration_closes_at
        return self.start

    def registration_is_open(self, now=None):
        """Whether a visitor may register right now (a waiting list counts as open)."""
        now = now or timezone.now()
        return (
            self.registration_open
            and self.status == "scheduled"
            and self.start is not None
            and now < self.registration_deadline
        )

    def registration_calendar(self, request=None):
        """(file name, bytes) of the .ics attached to a confirmation e-mail. The page
        type using this mixin provides it (``events.models.EventPage``)."""
        raise NotImplementedError


class RegistrationQuerySet(models.QuerySet):
    def active(self):
        return self.exclude(status=Registration.Status.CANCELLED)

    def confirmed(self):
        return self.filter(status=Registration.Status.CONFIRMED)

    def waiting(self):
        return self.filter(status=Registration.Status.WAITLISTED).order_by("created_at", "pk")


class Registration(models.Model):
    """One person's registration to a colloquium: a seat, or a place on the waiting list."""

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Inscrit")
        WAITLISTED = "waitlisted", _("Liste d'attente")
        CANCELLED = "cancelled", _("Annulé")

    event = models.ForeignKey(
        "events.EventPage",
        verbose_name=_("colloque"),
        on_delete=models.CASCADE,
        related_name="registrations",
    )
    name = models.CharField(_("nom"), max_length=200)
    email = models.EmailField(_("e-mail"), max_length=254)
    organisation = models.CharField(_("organisme"), max_length=200, blank=True)
    role = models.CharField(_("fonction"), max_length=200, blank=True)
    accessibility_needs = models.TextField(_("besoins d'accessibilité"), blank=True)
    status = models.CharField(
        _("statut"), max_length=20, choices=Status.choices, default=Status.CONFIRMED
    )
    consent_given_at = models.DateTimeField(_("consentement donné le"), default=timezone.now)
    created_at = models.DateTimeField(_("inscrit le"), default=timezone.now)
    updated_at = models.DateTimeField(_("modifié le"), auto_now=True)
    personal_data_erased_at = models.DateTimeField(
        _("données personnelles effacées le"), null=True, blank=True, editable=False
    )

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        # The table from when registrations were part of events (migrations/0001_initial.py).
        db_table = "events_registration"
        verbose_name = _("inscription")
        verbose_name_plural = _("inscriptions")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["event", "status", "created_at"])]
        constraints = [
            models.UniqueConstraint(
                "event",
                Lower("email"),
                condition=~Q(status="cancelled") & ~Q(email=""),
                name="registration_one_per_email_and_event",
                violation_error_message=_("Cette adresse e-mail est déjà inscrite à ce colloque."),
            ),
        ]

    def __str__(self):
        name = self.name if self.personal_data_erased_at is None else _("(données effacées)")
        return f"{name} – {self.get_status_display()}"

    @property
    def token(self):
        """The secret part of this registration's links: its id and a signature of it."""
        return f"{self.pk}-{signing.Signer(salt=LINK_SIGNING_SALT).signature(str(self.pk))}"

    @classmethod
    def pk_from_token(cls, token):
        """The registration id a token was made for, or None for a forged or broken one."""
        pk, _sep, signature = (token or "").partition("-")
        if not pk.isdigit():
            return None
        signer = signing.Signer(salt=LINK_SIGNING_SALT)
        if not signing.constant_time_compare(signature, signer.signature(pk)):
            return None
        return int(pk)

    @property
    def is_confirmed(self):
        return self.status == self.Status.CONFIRMED

    @property
    def is_waitlisted(self):
        return self.status == self.Status.WAITLISTED

    @property
    def is_cancelled(self):
        return self.status == self.Status.CANCELLED
