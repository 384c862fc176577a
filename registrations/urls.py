from django.urls import path

from registrations import views

app_name = "registration"

urlpatterns = [
    path("<int:page_id>/", views.post_registration, name="post"),
]
