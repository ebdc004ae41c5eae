from django.core.management.base import BaseCommand

from reflections.digest import send_submission_digests


class Command(BaseCommand):
    help = (
        "Email trainers the submissions of the days before today not yet emailed (instead of the worker's "
        "schedule: run it from cron once a morning). Each day is emailed once, however often this runs."
    )

    def handle(self, *args, **options):
        self.stdout.write(f"Queued {send_submission_digests()} digest email(s).")
