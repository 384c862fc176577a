from django.http import HttpResponse
from django.urls import path

from andelis.urls import urlpatterns as site_urlpatterns


def minimal(request):
    """What Django costs with nothing to do: the floor of any page."""
    return HttpResponse("ok")


urlpatterns = [path("bench/ok/", minimal), *site_urlpatterns]
