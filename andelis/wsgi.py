import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "andelis.settings.production")
# Web workers get the database's statement timeout; management commands do not
# (see "PostgreSQL failures" in andelis/settings/base.py).
os.environ.setdefault("ANDELIS_WEB_PROCESS", "1")

application = get_wsgi_application()
