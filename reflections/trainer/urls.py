from django.urls import include, path

from . import views

app_name = "trainer"

# Each part of the trainer pages keeps its own URL list; all share the "trainer" namespace.
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("exercises/", include("reflections.trainer.exercise_urls")),
    path("cohorts/", include("reflections.trainer.cohort_urls")),
    path("reflections/", include("reflections.trainer.submission_urls")),
]
