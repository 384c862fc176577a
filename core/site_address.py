"""The Wagtail Site's own address, taken from the environment.

Wagtail builds every absolute link (``page.full_url``, the sitemap, e-mails,
``.ics``, canonical and OpenGraph URLs) from the default Site's hostname and
port. Those are rows in the database, so a deployment behind a new domain, or
``make run`` on another port, would keep announcing the old address.
``sync_site_address()`` writes the address of ``ANDELIS_SITE_URL`` (default:
``WAGTAILADMIN_BASE_URL``) into the default Site; ``manage.py
sync_site_address`` runs it at deploy and in ``make run``.
"""

from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class SiteAddress:
    hostname: str
    port: int

    @property
    def root_url(self):
        # Wagtail's own rule (Site.root_url): 80 is http, 443 https, others http.
        if self.port == 80:
            return f"http://{self.hostname}"
        if self.port == 443:
            return f"https://{self.hostname}"
        return f"http://{self.hostname}:{self.port}"


def parse_site_url(url):
    """``https://colloques.andelis.fr`` → ``SiteAddress("colloques.andelis.fr", 443)``.

    Wagtail writes ``https://`` only for port 443 and ``http://`` for every other
    port, so an address it would print wrongly is refused.
    """
    parts = urlsplit((url or "").strip())
    try:
        port = parts.port
    except ValueError:
        port = None
        hostname = None
    else:
        hostname = parts.hostname
    if parts.scheme not in ("http", "https") or not hostname:
        raise ImproperlyConfigured(
            _("Adresse du site invalide : « %(url)s » (attendu : https://nom.de.domaine).")
            % {"url": url}
        )
    if port is None:
        port = 443 if parts.scheme == "https" else 80
    address = SiteAddress(hostname.lower(), port)
    if address.root_url.split("://")[0] != parts.scheme:
        raise ImproperlyConfigured(
            _(
                "Adresse du site impossible pour Wagtail : « %(url)s ». Wagtail n'écrit "
                "https:// que pour le port 443 et http:// pour les autres ports."
            )
            % {"url": url}
        )
    return address


def configured_address():
    return parse_site_url(getattr(settings, "ANDELIS_SITE_URL", settings.WAGTAILADMIN_BASE_URL))


def sync_site_address(url=None):
    """Give the default Site the configured hostname and port.

    Returns ``(site, changed)``; ``site`` is None when there is no default Site
    yet (an empty database: ``load_demo_content`` or the admin creates one).
    """
    from wagtail.models import Site

    address = parse_site_url(url) if url is not None else configured_address()
    with transaction.atomic():
        site = Site.objects.select_for_update().filter(is_default_site=True).first()
        if site is None:
            return None, False
        if (site.hostname, site.port) == (address.hostname, address.port):
            return site, False
        other = (
            Site.objects.filter(hostname=address.hostname, port=address.port)
            .exclude(pk=site.pk)
            .first()
        )
        if other is not None:
            raise ImproperlyConfigured(
                _(
                    "Un autre site (« %(site)s ») a déjà l'adresse %(url)s : "
                    "changez-la dans l'administration (Paramètres > Sites)."
                )
                % {"site": other, "url": address.root_url}
            )
        site.hostname = address.hostname
        site.port = address.port
        site.save(update_fields=["hostname", "port"])
    Site.clear_site_root_paths_cache()
    return site, True
