from django.urls import path

from . import views

app_name = "research"

urlpatterns = [
    path("", views.publication_list, name="publication_list"),
    path("<slug:slug>/", views.publication_detail, name="publication_detail"),
]
