"""Admin registration of the registrations' listing, export and inspect views."""

from wagtail import hooks

from registrations.viewsets import registration_viewset


@hooks.register("register_admin_viewset")
def register_registration_viewset():
    return registration_viewset
