from django.conf import settings
from django.urls import include, path, re_path
from django.views.generic import TemplateView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.urls import serve_pattern
from wagtail_footnotes import urls as footnotes_urls

from core import serving
from core.forms_protection import form_token_view
from core.health import health
from core.icons import favicon, web_manifest
from core.logins import password_reset, restrictions
from core.theme import theme_stylesheet
from events import calendars
from events.feeds import EventsFeed
from oai.views import endpoint as oai_endpoint
from publications.feeds import PublicationsFeed
from search import views as search_views

urlpatterns = [
    # Wagtail's password reset and password forms, throttled (core/logins): these
    # come before Wagtail's own routes for the same paths.
    path(
        "admin/password_reset/",
        password_reset.ThrottledPasswordResetView.as_view(),
        name="logins_password_reset",
    ),
    path(
        "documents/authenticate_with_password/<int:restriction_id>/",
        restrictions.collection_password,
        name="logins_collection_password",
    ),
    path(
        "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/",
        restrictions.page_password,
        name="logins_page_password",
    ),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    # The modal of the editor's "Fn" button (wagtail-footnotes asks for this exact path).
    path("footnotes/", include(footnotes_urls)),
    path("recherche/", search_views.search, name="search"),
    # For load balancers and Varnish: 200 only when the database, cache and storage answer.
    path("sante/", health, name="health"),
    path("commentaires/", include("comments.urls")),
    path("inscriptions/", include("registrations.urls")),
    # The visitors' forms' single-use tokens (core/forms_protection.py, static/js/form-token.js).
    path("formulaires/jeton/<int:page_id>/", form_token_view, name="form_token"),
    path("sitemap.xml", sitemap, name="sitemap"),
    # The main colour from the site settings (core/theme.py, docs/design.md).
    path("theme.css", theme_stylesheet, name="theme_stylesheet"),
    path(
        "robots.txt",
        TemplateView.as_view(template_name="robots.txt", content_type="text/plain; charset=utf-8"),
        name="robots_txt",
    ),
    path("agenda/colloques.ics", calendars.calendar_feed_view, name="calendar_feed"),
    # Wagtail allows Unicode slugs ("colloque-été"): not the "slug" converter.
    path("agenda/<str:slug>.ics", calendars.event_calendar_view, name="event_calendar"),
    path("flux/colloques/", EventsFeed(), name="events_feed"),
    path("flux/publications/", PublicationsFeed(), name="publications_feed"),
    # OAI-PMH 2.0 for open-archive harvesters (docs/oai-pmh.md).
    path("oai/", oai_endpoint, name="oai"),
    # Browsers ask for these two whatever the page links to (core/icons.py).
    path("favicon.ico", favicon, name="favicon"),
    path("site.webmanifest", web_manifest, name="web_manifest"),
]

# Local runs and tests serve uploads themselves; production has a web server or S3 for that.
if settings.DEBUG or getattr(settings, "SERVE_MEDIA_FILES", False):
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [
    # Wagtail's own URLs (its password and login forms), then its page view with where
    # an address leads kept in the cache (core/serving.py), under the same name.
    *[pattern for pattern in wagtail_urls.urlpatterns if pattern.name != "wagtail_serve"],
    re_path(serve_pattern, serving.serve, name="wagtail_serve"),
]

# A database that is down gets a French 503 instead of the 500 page (core/errors.py).
handler500 = "core.errors.server_error"
