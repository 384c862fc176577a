"""The addresses browsers ask for on their own: /favicon.ico and the web app manifest.

The icons themselves are static files (static/icons/, drawn by scripts/make_icons.py)
linked from every page by templates/components/head_icons.html.
"""

import json

from django.http import HttpResponse, HttpResponseRedirect
from django.templatetags.static import static
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from core.models import SiteSettings

# Browsers ask for /favicon.ico whatever the page links to; the static file's name
# carries its content hash in production, so the redirect itself is kept only a day.
ONE_DAY = 24 * 60 * 60


@require_safe
@cache_control(public=True, max_age=ONE_DAY)
def favicon(request):
    return HttpResponseRedirect(static("favicon.ico"))


@require_safe
@cache_control(public=True, max_age=ONE_DAY)
def web_manifest(request):
    """Name, colours and touch icons for a phone's home screen."""
    site_settings = SiteSettings.load(request_or_site=request)
    manifest = {
        "name": site_settings.association_name,
        "short_name": site_settings.association_name,
        "lang": "fr",
        "start_url": "/",
        "display": "browser",
        "background_color": "#ffffff",
        "theme_color": "#1d4f7a",
        "icons": [
            {
                "src": static(f"icons/icon-{size}.png"),
                "sizes": f"{size}x{size}",
                "type": "image/png",
            }
            for size in (192, 512)
        ],
    }
    return HttpResponse(
        json.dumps(manifest, ensure_ascii=False), content_type="application/manifest+json"
    )
