"""Admin registration of what ``core`` holds: two-factor authentication, login lockouts."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django_otp import user_has_device
from wagtail import hooks
from wagtail.admin.menu import AdminOnlyMenuItem
from wagtail.admin.widgets import Button

from core.logins.views import lockouts_view


# Two-factor authentication (core/twofactor): its admin pages, a way in from the
# account page, and a superuser's reset in the users' listing.
@hooks.register("register_admin_urls")
def register_twofactor_urls():
    from core.twofactor.urls import urlpatterns

    return urlpatterns


@hooks.register("register_account_menu_item")
def twofactor_account_item(request):
    return {
        "url": reverse("twofactor_manage"),
        "label": _("Double authentification"),
        "help_text": _(
            "Un code à 6 chiffres d'une application, en plus du mot de passe, "
            "et des codes de secours."
        ),
    }


@hooks.register("register_user_listing_buttons")
def twofactor_reset_button(user, request_user):
    if request_user.is_superuser and user_has_device(user, confirmed=None):
        yield Button(
            _("Réinitialiser la double authentification"),
            url=reverse("twofactor_reset", args=[user.pk]),
            icon_name="key",
            priority=90,
        )


@hooks.register("register_log_actions")
def register_twofactor_log_actions(actions):
    # A reset shows in the account's history and in the admin's logs.
    actions.register_action(
        "andelis.twofactor_reset",
        _("Réinitialiser la double authentification"),
        _("Double authentification réinitialisée"),
    )


# Logins: the administrators' list of current lockouts, under Settings.
@hooks.register("register_admin_urls")
def register_lockouts_url():
    return [path("connexions-bloquees/", lockouts_view, name="logins_lockouts")]


@hooks.register("register_settings_menu_item")
def register_lockouts_menu_item():
    return AdminOnlyMenuItem(
        _("Connexions bloquées"), reverse("logins_lockouts"), icon_name="lock", order=900
    )


# The editors' guide (core/editor_guide.py): in the Help menu, in place of the
# links to Wagtail's English pages on another site.
@hooks.register("register_admin_urls")
def register_editor_guide_urls():
    from core.editor_guide import guide_view

    return [
        path("guide/", guide_view, name="editor_guide"),
        path("guide/<slug:section>/", guide_view, name="editor_guide_section"),
    ]


@hooks.register("register_help_menu_item")
def register_editor_guide_menu_item():
    from wagtail.admin.menu import MenuItem

    return MenuItem(
        _("Guide des éditeurs"),
        reverse("editor_guide"),
        name="andelis-editor-guide",
        icon_name="help",
        order=900,
    )


@hooks.register("construct_help_menu")
def keep_only_help_that_works_offline(request, menu_items):
    menu_items[:] = [
        item
        for item in menu_items
        if item.name != "editor-guide" and not item.name.startswith("whats-new-in-wagtail")
    ]


# Footnotes in the page editor: numbered as on the page, and a note created with
# "Fn" that takes the text typed straight away (static/js/footnote-editor.js).
@hooks.register("insert_editor_js")
def footnote_editor_js():
    from django.templatetags.static import static
    from django.utils.html import format_html

    return format_html(
        '<link rel="stylesheet" href="{}"><script src="{}"></script>',
        static("css/footnote-editor.css"),
        static("js/footnote-editor.js"),
    )
