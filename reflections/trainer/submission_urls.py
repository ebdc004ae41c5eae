from django.urls import path

from . import submissions

# Mounted at /trainer/reflections/ in the "trainer" namespace: reading submissions, feedback, reopening.
urlpatterns = [
    path("<uuid:public_id>/", submissions.reflection_detail, name="reflection_detail"),
    path("<uuid:public_id>/feedback/", submissions.feedback_save_view, name="feedback_save"),
    path("<uuid:public_id>/reopen/", submissions.reflection_reopen_view, name="reflection_reopen"),
]
