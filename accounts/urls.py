from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("", views.account, name="account"),
    path("delete/", views.account_delete_view, name="account_delete"),
]
