from django.core.management.base import BaseCommand

from reflections.reminders import send_due_reminders


class Command(BaseCommand):
    help = (
        "Send the reminders due now, once (instead of the worker's schedule: run it from cron every 15 minutes). "
        "Each reminder goes once, however often this runs."
    )

    def handle(self, *args, **options):
        self.stdout.write(f"Sent {send_due_reminders()} reminder(s).")
