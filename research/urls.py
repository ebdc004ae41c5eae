from django.urls import path

from . import views

app_name = "research"

urlpatterns = [
    path("", views.publication_list, name="publication_list"),
    path("export.ris", views.export_ris, name="export_ris"),
    path("export.bib", views.export_bibtex, name="export_bibtex"),
    path("<slug:slug>/cite.ris", views.publication_ris, name="publication_ris"),
    path("<slug:slug>/cite.bib", views.publication_bibtex, name="publication_bibtex"),
    path("<slug:slug>/", views.publication_detail, name="publication_detail"),
]
