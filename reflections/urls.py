from django.urls import path

from . import joining, peer_views, views

app_name = "reflections"

urlpatterns = [
    path("", views.reflection_list, name="reflection_list"),
    path("exercises/", views.exercise_list, name="exercise_list"),
    path("exercises/<slug:slug>/", views.exercise_detail, name="exercise_detail"),
    path("new/", views.reflection_new, name="reflection_new"),
    path("cpd/", views.cpd_record, name="cpd_record"),
    path("cpd.csv", views.cpd_csv, name="cpd_csv"),
    path("export.json", views.export_json, name="export_json"),
    path("peer/<str:token>/", peer_views.peer_confirm, name="peer_confirm"),
    path("join/<str:token>/", joining.invitation_accept_page, name="invitation_accept"),
    path("<uuid:public_id>/", views.reflection_detail, name="reflection_detail"),
    path("<uuid:public_id>/edit/", views.reflection_edit, name="reflection_edit"),
    path("<uuid:public_id>/autosave/", views.reflection_autosave, name="reflection_autosave"),
    path("<uuid:public_id>/peer/", peer_views.peer_request, name="peer_request"),
    path("<uuid:public_id>/submit/", views.reflection_submit_page, name="reflection_submit"),
    path("<uuid:public_id>/versions/", views.version_list, name="version_list"),
    path("<uuid:public_id>/versions/<int:pk>/", views.version_detail, name="version_detail"),
    path("<uuid:public_id>/versions/<int:pk>/restore/", views.version_restore, name="version_restore"),
]
