"""The visitor's comment form, with its two silent spam checks.

- A honeypot: a text field hidden by the stylesheet that people never see nor
  fill, and form-filling robots do.
- A signed timestamp: the form carries the time it was shown, signed with the
  secret key; a post sent faster than ``COMMENTS_MIN_SECONDS`` is a robot's, one
  older than ``COMMENTS_MAX_AGE_SECONDS`` or tampered with is refused.

Neither says which check failed: a robot learns nothing, and a person who was
simply very quick reads that they may send the comment again.
"""

import time

from django import forms
from django.conf import settings
from django.core import signing
from django.utils.translation import gettext_lazy as _

HONEYPOT_FIELD = "site_internet"
TIMESTAMP_SALT = "core.comments.form-started"

NOT_SENT = _(
    "Votre commentaire n'a pas pu être envoyé. Merci de patienter quelques secondes, "
    "de le relire, puis de l'envoyer à nouveau."
)
EXPIRED = _(
    "Ce formulaire était ouvert depuis trop longtemps. Votre texte est conservé : "
    "envoyez-le à nouveau."
)


def sign_start(page_id, now=None):
    """A value for the hidden field: the page and the time the form was shown."""
    value = f"{page_id}:{now if now is not None else time.time():.3f}"
    return signing.Signer(salt=TIMESTAMP_SALT).sign(value)


class CommentForm(forms.Form):
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
    # The honeypot: see the module's docstring.
    site_internet = forms.CharField(
        label=_("Ne remplissez pas ce champ"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    started = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, page, **kwargs):
        super().__init__(*args, **kwargs)
        self.page = page
        self.fields["started"].initial = sign_start(page.pk)
        self.spam = False

    def restart(self):
        """Show the form again with a fresh timestamp, keeping what was typed."""
        if self.is_bound:
            self.data = self.data.copy()
            self.data[self.add_prefix("started")] = sign_start(self.page.pk)

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get(HONEYPOT_FIELD):
            self.spam = True
            raise forms.ValidationError(NOT_SENT, code="not_sent")
        try:
            value = signing.Signer(salt=TIMESTAMP_SALT).unsign(cleaned_data.get("started") or "")
            page_id, started = value.split(":")
            started = float(started)
        except (signing.BadSignature, ValueError):
            self.spam = True
            raise forms.ValidationError(NOT_SENT, code="not_sent") from None
        elapsed = time.time() - started
        if page_id != str(self.page.pk):
            self.spam = True
            raise forms.ValidationError(NOT_SENT, code="not_sent")
        if elapsed > settings.COMMENTS_MAX_AGE_SECONDS:
            raise forms.ValidationError(EXPIRED, code="expired")
        if elapsed < settings.COMMENTS_MIN_SECONDS and not self.errors:
            raise forms.ValidationError(NOT_SENT, code="too_fast")
        return cleaned_data
