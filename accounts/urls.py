from django.urls import path

from . import views

urlpatterns = [
    path("delete/", views.account_delete_view, name="account_delete"),
]
