"""The site's URLs plus views that fail on purpose, for the error page tests."""

from django.core.exceptions import PermissionDenied
from django.db import OperationalError, connection, transaction
from django.urls import path

from andelis.urls import handler500
from andelis.urls import urlpatterns as site_urlpatterns


def broken(request):
    raise RuntimeError("secret-internal-detail: a bug")


def forbidden(request):
    raise PermissionDenied("secret-internal-detail: not for you")


def database_gone(request):
    raise OperationalError("secret-internal-detail: connection refused")


def slow_statement(request):
    """A statement that outlives the (here shortened) web statement timeout."""
    # SET LOCAL ends with the transaction (or savepoint) it was made in.
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL statement_timeout = 200")
        cursor.execute("SELECT pg_sleep(5)")


urlpatterns = [
    path("_test/requete-lente/", slow_statement),
    path("_test/panne/", broken),
    path("_test/interdit/", forbidden),
    path("_test/base-absente/", database_gone),
    *site_urlpatterns,
]

__all__ = ["handler500", "urlpatterns"]
