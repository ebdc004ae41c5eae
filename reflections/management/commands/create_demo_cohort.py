from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from reflections.cohorts import assignment_create, cohort_create, member_add, uk_time
from reflections.models import Cohort, Exercise

DEMO_COHORT = "Demo cohort"
DEMO_EXERCISE = "giving-and-taking-hope"


class Command(BaseCommand):
    help = (
        "Put the demo practitioner in a cohort run by the demo trainer, with one assignment, "
        "so the trainers' path can be tried at once (DJANGO_DEBUG=1 only; after create_demo_accounts)."
    )

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("The demo cohort uses the demo accounts; create it only with DJANGO_DEBUG=1.")
        User = get_user_model()
        trainer = User.objects.filter(username="trainer").first()
        practitioner = User.objects.filter(username="practitioner").first()
        if trainer is None or practitioner is None:
            raise CommandError("Create the demo accounts first: manage.py create_demo_accounts.")
        if Cohort.objects.filter(name=DEMO_COHORT, trainers=trainer).exists():
            self.stdout.write(f"{DEMO_COHORT}: already there (left as it was).")
            return
        exercise = Exercise.objects.published().filter(slug=DEMO_EXERCISE).first()
        if exercise is None:
            raise CommandError("Load the shipped content first: manage.py load_recovery_content.")
        cohort = cohort_create(name=DEMO_COHORT, by=trainer)
        member_add(cohort=cohort, user=practitioner)
        due_at = (timezone.localtime() + timedelta(days=14)).replace(hour=17, minute=0, second=0, microsecond=0)
        assignment_create(
            cohort=cohort,
            exercise=exercise,
            due_at=due_at,
            note="A demo assignment: write it as the practitioner, then read and answer it as the trainer.",
            by=trainer,
        )
        self.stdout.write(
            f"{DEMO_COHORT}: run by “trainer”, with “practitioner” as a member and “{exercise.title}” "
            f"due {uk_time(due_at)} (UK time)."
        )
