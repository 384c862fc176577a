from django.urls import path

from core.twofactor import views

urlpatterns = [
    path("double-authentification/", views.ManageView.as_view(), name="twofactor_manage"),
    path("double-authentification/code/", views.VerifyView.as_view(), name="twofactor_verify"),
    path("double-authentification/activer/", views.EnrolView.as_view(), name="twofactor_enrol"),
    path(
        "double-authentification/codes-de-secours/",
        views.RecoveryCodesView.as_view(),
        name="twofactor_recovery_codes",
    ),
    path(
        "double-authentification/desactiver/",
        views.DisableView.as_view(),
        name="twofactor_disable",
    ),
    path(
        "double-authentification/reinitialiser/<int:user_id>/",
        views.ResetView.as_view(),
        name="twofactor_reset",
    ),
]
