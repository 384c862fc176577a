"""The colour chosen in the site settings, as a small stylesheet (docs/design.md).

Public pages allow no inline style (the CSP), so the colour reaches them as CSS
custom properties in a stylesheet of its own, linked after ``site.css`` only when a
colour is chosen. Its address carries the colour, so it can be cached for a year:
a new colour is a new address, and saving the settings renews every page.
"""

from django.http import HttpResponse
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe

from core.models import SiteSettings

ONE_YEAR = 365 * 24 * 3600


def stylesheet(theme):
    lines = [f"    --{name}: {value};" for name, value in theme.items()]
    return ":root {\n" + "\n".join(lines) + "\n}\n"


@require_safe
def theme_stylesheet(request):
    site_settings = SiteSettings.load(request_or_site=request)
    theme = site_settings.theme_colours or {}
    response = HttpResponse(stylesheet(theme), content_type="text/css; charset=utf-8")
    asked = request.GET.get("v", "")
    if theme and asked == theme["brand"].lstrip("#"):
        patch_cache_control(response, public=True, max_age=ONE_YEAR, immutable=True)
    else:
        patch_cache_control(response, public=True, max_age=60)
    return response
