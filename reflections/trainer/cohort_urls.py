from django.urls import path

from . import cohorts

urlpatterns = [
    path("", cohorts.cohort_list, name="cohort_list"),
    path("new/", cohorts.cohort_create, name="cohort_create"),
    path("<int:pk>/", cohorts.cohort_detail, name="cohort_detail"),
    path("<int:pk>/progress.csv", cohorts.cohort_csv, name="cohort_csv"),
    path("<int:pk>/members/", cohorts.cohort_members, name="cohort_members"),
    path("<int:pk>/members/add/", cohorts.member_add, name="cohort_member_add"),
    path("<int:pk>/members/<int:user_pk>/remove/", cohorts.member_remove, name="cohort_member_remove"),
    path("<int:pk>/trainers/add/", cohorts.trainer_add, name="cohort_trainer_add"),
    path("<int:pk>/assign/", cohorts.assignment_create, name="assignment_create"),
    path("<int:pk>/assignments/<int:assignment_pk>/", cohorts.assignment_detail, name="assignment_detail"),
    path(
        "<int:pk>/assignments/<int:assignment_pk>/extension/",
        cohorts.extension_grant,
        name="assignment_extension",
    ),
]
