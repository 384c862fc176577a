"""The form a visitor fills to register; its fields follow the editor's switches.

It has the comments' protections (honeypot, single-use signed token, rate limit:
``core/forms_protection.py``), and a name that holds no link.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms_protection import HONEYPOT_FIELD, TOKEN_FIELD, ProtectedForm, refuse_links

CONSENT_LABEL = _(
    "J'accepte que l'association utilise ces informations pour organiser ce colloque "
    "(liste des participants, badges, e-mails à propos du colloque). Elles sont effacées "
    "quelques mois après le colloque."
)


class RegistrationForm(ProtectedForm):
    messages = {
        **ProtectedForm.messages,
        "not_sent": _(
            "Votre inscription n'a pas pu être envoyée. Merci de patienter quelques secondes, "
            "de relire le formulaire, puis de l'envoyer à nouveau."
        ),
        "rate_limited": _(
            "Beaucoup d'inscriptions ont été envoyées depuis votre connexion en peu de temps. "
            "Merci de réessayer dans une dizaine de minutes."
        ),
    }

    name = forms.CharField(
        label=_("Nom et prénom"),
        max_length=200,
        validators=[refuse_links],
        error_messages={
            "required": _("Indiquez votre nom et votre prénom."),
            "max_length": _("Le nom ne doit pas dépasser %(limit_value)d caractères."),
        },
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("Adresse e-mail"),
        max_length=254,
        help_text=_("La confirmation et le lien d'annulation vous sont envoyés à cette adresse."),
        error_messages={
            "required": _("Indiquez votre adresse e-mail."),
            "invalid": _("Cette adresse e-mail n'est pas valide (exemple : nom@exemple.fr)."),
            "max_length": _("L'adresse e-mail ne doit pas dépasser %(limit_value)d caractères."),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    organisation = forms.CharField(
        label=_("Organisme"),
        max_length=200,
        required=False,
        help_text=_("Facultatif : votre employeur, école ou association."),
        error_messages={
            "max_length": _("L'organisme ne doit pas dépasser %(limit_value)d caractères.")
        },
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    role = forms.CharField(
        label=_("Fonction"),
        max_length=200,
        required=False,
        help_text=_("Facultatif."),
        error_messages={
            "max_length": _("La fonction ne doit pas dépasser %(limit_value)d caractères.")
        },
        widget=forms.TextInput(attrs={"autocomplete": "organization-title"}),
    )
    accessibility_needs = forms.CharField(
        label=_("Besoins d'accessibilité"),
        max_length=2000,
        required=False,
        help_text=_(
            "Facultatif : un aménagement qui vous aiderait (accès en fauteuil, interprète "
            "en langue des signes, boucle magnétique…)."
        ),
        error_messages={
            "max_length": _("Ce texte ne doit pas dépasser %(limit_value)d caractères.")
        },
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    consent = forms.BooleanField(
        label=CONSENT_LABEL,
        error_messages={
            "required": _(
                "Cochez cette case pour vous inscrire : sans votre accord, nous ne pouvons pas garder vos informations."
            )
        },
    )

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, page=event, **kwargs)
        self.event = event
        if not event.registration_asks_role:
            del self.fields["role"]
        if not event.registration_asks_accessibility:
            del self.fields["accessibility_needs"]

    def full_clean(self):
        super().full_clean()
        # Tie each input to its hint and its error message, for screen readers.
        for name, field in self.fields.items():
            if name in (HONEYPOT_FIELD, TOKEN_FIELD):
                continue
            described_by = []
            if field.help_text:
                described_by.append(f"id_{name}_helptext")
            if name in self.errors:
                described_by.append(f"id_{name}_erreur")
            if described_by:
                field.widget.attrs["aria-describedby"] = " ".join(described_by)

    def visitor_fields(self):
        """The fields a person fills, without the honeypot and the token."""
        return [f for f in self if f.name not in (HONEYPOT_FIELD, TOKEN_FIELD)]
