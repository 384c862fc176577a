"""The visitor's comment form.

Its silent spam checks (honeypot, single-use signed token, rate limit) are the
ones registration uses too: ``core/forms_protection.py``. None of them says which
check failed: a robot learns nothing, and a person who was simply very quick
reads that they may send the comment again.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms_protection import ProtectedForm


class CommentForm(ProtectedForm):
    messages = {
        **ProtectedForm.messages,
        "not_sent": _(
            "Votre commentaire n'a pas pu être envoyé. Merci de patienter quelques secondes, "
            "de le relire, puis de l'envoyer à nouveau."
        ),
        "rate_limited": _(
            "Vous avez envoyé beaucoup de commentaires en peu de temps. "
            "Merci de réessayer dans une dizaine de minutes."
        ),
    }

    author_name = forms.CharField(
        label=_("Votre nom"),
        max_length=80,
        help_text=_("Affiché avec votre commentaire : un prénom ou un pseudonyme suffit."),
        error_messages={
            "required": _("Indiquez votre nom ou un pseudonyme."),
            "max_length": _("Votre nom est trop long (80 caractères au plus)."),
        },
    )
    email = forms.EmailField(
        label=_("Votre adresse e-mail"),
        max_length=254,
        help_text=_("Elle ne sera jamais affichée ; l'association peut vous répondre par e-mail."),
        error_messages={
            "required": _("Indiquez votre adresse e-mail."),
            "invalid": _("Cette adresse e-mail n'est pas valide, par exemple : nom@exemple.fr."),
            "max_length": _("Cette adresse e-mail est trop longue."),
        },
    )
    text = forms.CharField(
        label=_("Votre commentaire"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Texte simple, 3 000 caractères au plus ; les liens ne sont pas cliquables."),
        error_messages={
            "required": _("Écrivez votre commentaire."),
            "max_length": _(
                "Votre commentaire est trop long : %(limit_value)d caractères au plus "
                "(il en compte %(show_value)d)."
            ),
        },
    )
