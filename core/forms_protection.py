"""What protects the visitors' forms (comments, registration) against robots and floods.

Both forms share this module; it imports no app above ``core``.

- **A honeypot**: a text field hidden by the stylesheet that people never see nor
  fill, and form-filling robots do.
- **A single-use form token** (the hidden ``started`` field): the page it was made
  for, the time it was made and a random nonce, signed with the secret key. A post
  sent sooner than ``FORMS_MIN_SECONDS`` after the token was made is a robot's; one
  older than ``FORMS_MAX_AGE_SECONDS``, tampered with, or made for another page is
  refused. A token that was accepted once is remembered in the shared cache
  (Redis) for ``FORMS_MAX_AGE_SECONDS``, so a replayed post is refused.
- **A per-IP rate limit** (django-ratelimit's counters in the same cache).

The pages holding these forms are the same for every visitor, so that a front
cache can serve them: they carry no CSRF token and an empty token field, which
``static/js/form-token.js`` fills from ``form_token_view``. The posting views are
``csrf_exempt``; the token stands in for Django's CSRF check (see ``form_token_view``).

When the shared cache cannot be reached, every function here that needs it raises
``Unavailable``: the views answer 503 with the visitor's text kept and nothing stored.
"""

import hashlib
import logging
import re
import secrets
import time

from django import forms
from django.conf import settings
from django.core import signing
from django.core.cache import caches
from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET
from django_ratelimit import ALL
from django_ratelimit.core import is_ratelimited
from wagtail.models import Page

logger = logging.getLogger(__name__)

HONEYPOT_FIELD = "site_internet"
TOKEN_FIELD = "started"  # noqa: S105 (a field name)
TOKEN_SALT = "core.forms.token"  # noqa: S105 (a signing salt, not a secret)
RETRY_AFTER_SECONDS = 120


class Unavailable(Exception):
    """The shared cache (Redis) that holds the counters and used tokens is unreachable."""


def _shared_cache():
    return caches[settings.RATELIMIT_USE_CACHE]


# Tokens


def issue_token(page_id, now=None):
    """A fresh single-use token for the forms of one page."""
    issued = time.time() if now is None else now
    value = f"{page_id}:{issued:.3f}:{secrets.token_urlsafe(12)}"
    return signing.Signer(salt=TOKEN_SALT).sign(value)


class TokenRefused(Exception):
    """A token that cannot be accepted; ``code`` says why (never shown as such)."""

    def __init__(self, code):
        super().__init__(code)
        self.code = code


def check_token(token, page_id, now=None):
    """Accept a token for ``page_id`` or raise ``TokenRefused``.

    Codes: ``missing`` (no token: the visitor's browser ran no JavaScript),
    ``forged`` (bad signature, or made for another page), ``too_fast``, ``expired``.
    """
    if not token:
        raise TokenRefused("missing")
    try:
        value = signing.Signer(salt=TOKEN_SALT).unsign(token)
        token_page, issued, _nonce = value.split(":")
        issued = float(issued)
    except (signing.BadSignature, ValueError):
        raise TokenRefused("forged") from None
    if token_page != str(page_id):
        raise TokenRefused("forged")
    elapsed = (time.time() if now is None else now) - issued
    if elapsed > settings.FORMS_MAX_AGE_SECONDS:
        raise TokenRefused("expired")
    if elapsed < settings.FORMS_MIN_SECONDS:
        raise TokenRefused("too_fast")


def consume_token(token):
    """Mark a token as used. False if it was used before (a replay).

    The mark lives as long as the token could still be accepted. Redis's ``SET NX``
    makes two simultaneous posts of one token count as one use and one replay.
    """
    key = "form-token:" + hashlib.sha256(token.encode()).hexdigest()
    try:
        return bool(_shared_cache().add(key, 1, timeout=settings.FORMS_MAX_AGE_SECONDS))
    except Exception as error:  # any failure of the cache backend
        logger.warning("Form token store unreachable: %s", error)
        raise Unavailable from error


# Counters


def rate_limited(request, group, rate):
    """Count this request against the visitor's IP address; True beyond ``rate``."""
    try:
        return is_ratelimited(request, group=group, key="ip", rate=rate, method=ALL, increment=True)
    except Exception as error:  # any failure of the cache backend
        logger.warning("Rate limit store unreachable: %s", error)
        raise Unavailable from error


def first_in_window(name, seconds):
    """True the first time ``name`` is seen in ``seconds``, False after.

    Fails open (True) when the cache is unreachable: callers use it to hold back
    a repeated e-mail, and a person must not miss the first one because of Redis.
    """
    key = "once:" + hashlib.sha256(name.encode()).hexdigest()
    try:
        return bool(_shared_cache().add(key, 1, timeout=seconds))
    except Exception as error:  # any failure of the cache backend
        logger.warning("Cache unreachable, e-mail sent without its hourly check: %s", error)
        return True


# Fields

# Common top-level domains of spam links; a name holding "exemple.com" is a link.
_TLDS = (
    "com|net|org|info|biz|fr|be|ch|ca|eu|de|uk|it|es|nl|pl|pt|ru|su|ua|cn|jp|kr|in|br|us|"
    "io|co|me|tv|cc|ws|ly|to|gg|ai|xyz|top|site|online|club|shop|store|app|dev|link|click|"
    "live|pro|win|bid|vip|icu|buzz|work|fun|space|website|tech|email|tk|ml|ga|cf|gq"
)
_LINK = re.compile(
    r"https?:|ftp:|www\.|//"
    r"|\b[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9-]+)*\.(?:" + _TLDS + r")\b",
    re.IGNORECASE,
)


def refuse_links(value):
    """A validator for names: a person's name never holds a web address."""
    if value and _LINK.search(value):
        raise ValidationError(
            _("Indiquez seulement un nom, sans adresse de site web ni lien."),
            code="link",
        )


class ProtectedForm(forms.Form):
    """A visitor's form with the honeypot and the single-use token.

    Subclasses may reword ``messages`` for their form. After ``is_valid()``,
    ``refusal`` holds the token's or honeypot's refusal code (or None) and
    ``spam`` says whether it looks like a robot's. Call ``consume()`` right before
    storing: a replayed token makes it return False.
    """

    messages = {
        "not_sent": gettext_lazy(
            "Votre envoi n'a pas pu être enregistré. Merci de patienter quelques secondes, "
            "de relire le formulaire, puis de l'envoyer à nouveau."
        ),
        "expired": gettext_lazy(
            "Ce formulaire était ouvert depuis trop longtemps. Ce que vous avez écrit est "
            "conservé : envoyez-le à nouveau."
        ),
        "missing": gettext_lazy(
            "Votre envoi n'a pas pu être vérifié (votre navigateur n'exécute peut-être pas "
            "JavaScript). Ce que vous avez écrit est conservé : vérifiez-le, puis envoyez-le "
            "à nouveau."
        ),
        "replayed": gettext_lazy(
            "Ce formulaire a déjà été envoyé une fois. Ce que vous avez écrit est conservé : "
            "vérifiez-le, puis envoyez-le à nouveau."
        ),
        "rate_limited": gettext_lazy(
            "Vous avez fait beaucoup d'envois en peu de temps. "
            "Merci de réessayer dans une dizaine de minutes."
        ),
        "unavailable": gettext_lazy(
            "Le site ne peut pas enregistrer votre envoi pour le moment. Ce que vous avez "
            "écrit est conservé : réessayez dans quelques minutes."
        ),
    }

    site_internet = forms.CharField(
        label=gettext_lazy("Ne remplissez pas ce champ"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    started = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, page, **kwargs):
        super().__init__(*args, **kwargs)
        self.page = page
        self.spam = False
        self.refusal = None
        # Only a response to a post (never cached) carries a token; see restart().
        self.token = ""

    def restart(self):
        """Show the form again, with what was typed and a fresh token of its own."""
        self.token = issue_token(self.page.pk)

    def refuse(self, code):
        """Show one of ``messages`` above the form, replacing any other error."""
        self.refusal = code
        if code in ("rate_limited", "unavailable"):
            # Nothing was checked: the visitor's text is not judged yet.
            self.errors.clear()
        self.add_error(None, self.messages[code])

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get(HONEYPOT_FIELD):
            self.spam, self.refusal = True, "honeypot"
            raise ValidationError(self.messages["not_sent"], code="not_sent")
        try:
            check_token(cleaned_data.get(TOKEN_FIELD), self.page.pk)
        except TokenRefused as refused:
            self.refusal = refused.code
            if refused.code == "forged":
                self.spam = True
            if refused.code == "too_fast" and self.errors:
                # A person who left a field empty has a message to read already.
                return cleaned_data
            message = {"missing": "missing", "expired": "expired"}.get(refused.code, "not_sent")
            raise ValidationError(self.messages[message], code=refused.code) from None
        return cleaned_data

    def consume(self):
        """Spend the token; False (and the French message) if it was spent before."""
        if consume_token(self.cleaned_data[TOKEN_FIELD]):
            return True
        self.refuse("replayed")
        return False


def no_store(response):
    """A response for one visitor only: never kept by the front cache nor the browser."""
    response["Cache-Control"] = "private, no-store"
    return response


def _json(data, status=200):
    response = JsonResponse(data, status=status)
    if status in (429, 503):
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return no_store(response)


@require_GET
def form_token_view(request, page_id):
    """``{"token": "..."}``: a fresh single-use token for the forms of one live page.

    This token is the visitors' forms' defence against forged cross-site posts,
    in place of Django's CSRF token (their posting views are ``csrf_exempt``, so
    that the pages holding them carry nothing personal and can be cached). A
    forging site cannot read this response (the same-origin policy; no CORS
    header is sent), so it cannot obtain a token for its victim. A token is
    bound to its page, single-use and short-lived, and a form never changes
    what a visitor's session can do: no cookie is read or set here.
    """
    try:
        limited = rate_limited(request, "form-token", settings.FORM_TOKEN_RATE_LIMIT)
    except Unavailable:
        return _json(
            {"error": _("Service momentanément indisponible : réessayez dans quelques minutes.")},
            status=503,
        )
    if limited:
        return _json(
            {"error": _("Trop de demandes en peu de temps : réessayez dans quelques minutes.")},
            status=429,
        )
    if not Page.objects.live().public().filter(pk=page_id).exists():
        return _json({"error": _("Cette page n'existe pas.")}, status=404)
    return _json({"token": issue_token(page_id)})
