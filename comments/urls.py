from django.urls import path

from core.comments import views

app_name = "comments"

urlpatterns = [
    path("<int:page_id>/", views.post_comment, name="post"),
]
