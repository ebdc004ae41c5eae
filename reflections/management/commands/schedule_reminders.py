from django.core.management.base import BaseCommand

from reflections.tasks import SCHEDULED, schedule_all


class Command(BaseCommand):
    help = (
        "Queue the reminders (every 15 minutes) and the trainers' daily digest for the database worker "
        "(manage.py db_worker), unless they are queued already. Safe to run at every deploy."
    )

    def handle(self, *args, **options):
        started = schedule_all()
        for scheduled in SCHEDULED:
            state = "queued" if scheduled in started else "already queued (nothing to do)"
            self.stdout.write(f"{scheduled.name}: {state}")
