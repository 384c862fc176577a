"""The client's address, read where the deployment says it is.

Behind a reverse proxy every request comes from the proxy's own address; the
proxy then puts the client's in a header (``DJANGO_CLIENT_IP_HEADER``, e.g.
``X-Real-IP``), which it must overwrite whatever the client sent. The login
throttle (django-axes) and the per-address rate limits (django-ratelimit) both
call ``client_ip``. A request without that header, or with something else than
one address in it, came straight to the server: its own address is the client's.
"""

import ipaddress

from django.conf import settings


def meta_key(header):
    """``X-Real-IP`` → ``HTTP_X_REAL_IP`` (a ``request.META`` key given as is stays so)."""
    key = header.strip().upper().replace("-", "_")
    return key if key.startswith("HTTP_") or key == "REMOTE_ADDR" else f"HTTP_{key}"


def client_ip(request):
    header = getattr(settings, "CLIENT_IP_HEADER", "")
    if header:
        value = request.META.get(meta_key(header), "").strip()
        try:
            return str(ipaddress.ip_address(value))
        except ValueError:
            pass
    return request.META.get("REMOTE_ADDR", "")
