from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("", views.account, name="account"),
    path("delete/", views.account_delete_view, name="account_delete"),
    path("sign-out-elsewhere/", views.account_sign_out_elsewhere, name="account_sign_out_elsewhere"),
]
