"""The admin login form, labelled in French."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.auth import LoginForm


class AdminLoginForm(LoginForm):
    """Wagtail's login form, whose password field has no label of its own.

    Django then names it after the field ("Password"), untranslated: the label
    comes from Django's own translated string instead.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password"].label = _("Mot de passe")
