from django.urls import path

from . import exercises

# In the "trainer" namespace (reflections/trainer/urls.py), under /trainer/exercises/.
urlpatterns = [
    path("", exercises.exercise_list, name="exercise_list"),
    path("new/", exercises.exercise_create, name="exercise_create"),
    path("<int:pk>/edit/", exercises.exercise_edit, name="exercise_edit"),
    path("readings.json", exercises.reading_autocomplete, name="reading_autocomplete"),
]
