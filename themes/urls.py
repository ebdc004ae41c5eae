from django.urls import path

from . import views

app_name = "themes"

urlpatterns = [
    path("", views.theme_list, name="theme_list"),
    path("map/", views.evidence_map, name="evidence_map"),
    path("<slug:slug>/", views.theme_detail, name="theme_detail"),
]
