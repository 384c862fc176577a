"""The address a registration form posts to: ``/inscriptions/<page id>/``.

The form itself and a registration's own pages are sub-pages of the colloquium's
page (``registrations/routes.py``).
"""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from registrations import services


# No CSRF token: the page holding the form is the same for every visitor, so that
# the front cache can serve it. Posting needs no session and changes nothing a
# session may do, so a forged cross-site post gains nothing; the form's signed
# token (core/forms_protection.py: bound to this colloquium's page, single-use, time-bound)
# is the check instead.
@csrf_exempt
@require_POST
def post_registration(request, page_id):
    event = get_object_or_404(services.event_model().objects.live().public(), pk=page_id)
    if not event.registration_open:
        raise Http404
    return event.register_from_post(request)
